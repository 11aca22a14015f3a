import type { PersonToTrain } from '@uptake/shared';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OverdueByTeam, overdueByTeam } from './overdue-by-team';

const person = (externalId: string, department: string, reasons: PersonToTrain['reasons'], dueDate: string | null): PersonToTrain => ({
  connectionId: 1,
  externalId,
  name: externalId.toUpperCase(),
  email: null,
  department,
  managerName: null,
  lastLoginAt: null,
  reasons,
  requiredCoursesDone: 0,
  requiredCourses: 2,
  dueDate,
});

const people = [
  person('a', 'Sales', ['training_incomplete', 'training_overdue'], '2026-03-02'),
  person('b', 'Sales', ['no_login_14_days'], '2026-03-02'),
  person('c', 'Sales', ['training_incomplete', 'training_overdue'], '2026-03-05'),
  person('d', 'Support', ['training_incomplete'], '2026-04-30'),
];

describe('overdueByTeam', () => {
  it('keeps the overdue people, per department', () => {
    expect(overdueByTeam(people).map((team) => [team.department, team.people.map((p) => p.externalId)])).toEqual([['Sales', ['a', 'c']]]);
  });
});

describe('OverdueByTeam', () => {
  it('lists each team with its overdue people and their due dates', () => {
    render(<OverdueByTeam people={people} />);
    expect(screen.getByTestId('overdue-Sales').textContent).toBe('Sales: 2 overdue (A, due 2026-03-02; C, due 2026-03-05)');
    expect(screen.queryByTestId('overdue-Support')).toBeNull();
  });

  it('shows nothing when nobody is overdue', () => {
    const { container } = render(<OverdueByTeam people={[people[1], people[3]]} />);
    expect(container.textContent).toBe('');
  });
});
