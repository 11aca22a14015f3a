import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { describeOverride, PersonConflicts } from './person-conflicts';

describe('PersonConflicts', () => {
  it('lists each person with their users, the counted one marked', () => {
    render(
      <PersonConflicts
        conflicts={[
          {
            email: 'ann@x.com',
            users: [
              { connectionName: 'sf', externalId: 'a1', name: 'Ann', department: 'Sales', primary: true },
              { connectionName: 'hr', externalId: 'A', name: 'Ann L.', department: 'Support', primary: false },
            ],
          },
        ]}
      />,
    );
    expect(screen.getByTestId('conflict-ann@x.com').textContent).toBe('ann@x.comsf/a1: Sales (primary, counted); hr/A: Support');
  });

  it('shows nothing without conflicts', () => {
    const { container } = render(<PersonConflicts conflicts={[]} />);
    expect(container.textContent).toBe('');
  });
});

describe('describeOverride', () => {
  it('says who did what and when', () => {
    expect(
      describeOverride({
        id: 1,
        kind: 'merge',
        emailKey: 'annie@x.com',
        targetKey: 'ann@x.com',
        user: null,
        createdBy: 'admin@acme.example',
        createdAt: Date.parse('2026-03-10T15:00:00Z'),
        supersededAt: null,
      }),
    ).toBe('2026-03-10 15:00 admin@acme.example: annie@x.com merged into ann@x.com');
    expect(
      describeOverride({
        id: 2,
        kind: 'split',
        emailKey: 'ann@x.com',
        targetKey: null,
        user: 'hr/A',
        createdBy: 'admin@acme.example',
        createdAt: Date.parse('2026-03-11T09:30:00Z'),
        supersededAt: Date.parse('2026-03-12T00:00:00Z'),
      }),
    ).toBe('2026-03-11 09:30 admin@acme.example: hr/A split out of ann@x.com (replaced)');
  });
});
