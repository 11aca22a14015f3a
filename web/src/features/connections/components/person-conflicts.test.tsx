import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PersonConflicts } from './person-conflicts';

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
