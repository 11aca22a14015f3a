import { screen, within } from '@testing-library/react';
import { departmentPresence } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/test-utils';
import { PresenceWork } from './presence-work';

describe(PresenceWork.name, () => {
  it('shows the quadrant of the department and the counts per manager', () => {
    renderWithProviders(<PresenceWork data={departmentPresence()} />);
    expect(screen.getByTestId('presence-active-users')).toHaveTextContent('55.0%');
    expect(screen.getByTestId('presence-active-contributors')).toHaveTextContent('45.0%');
    const quadrant = screen.getByRole('group', { name: 'Seat holders by presence and work' });
    expect(within(quadrant).getByTestId('quadrant-logs_in_and_works')).toHaveTextContent('14Logs in and works');
    expect(within(quadrant).getByTestId('quadrant-logs_in_only')).toHaveTextContent('8Logs in only');
    expect(within(quadrant).getByTestId('quadrant-works_only')).toHaveTextContent('4Works without logging in');
    expect(within(quadrant).getByTestId('quadrant-neither')).toHaveTextContent('14Neither');
    expect(screen.getByTestId('presence-manager-Grace Hopper-works_only')).toHaveTextContent('3');
    // the 10 people without a manager came hidden from the server
    expect(screen.getByTestId('presence-manager-No manager')).toHaveTextContent('hidden');
  });

  it('hides the whole department when the server hid its total', () => {
    const data = departmentPresence();
    data.total = { ...data.total, activeUsers: null, activeContributors: null, suppressed: true };
    renderWithProviders(<PresenceWork data={data} />);
    expect(screen.getByTestId('presence-total')).toHaveTextContent('hidden');
    expect(screen.queryByRole('group', { name: 'Seat holders by presence and work' })).not.toBeInTheDocument();
  });
});
