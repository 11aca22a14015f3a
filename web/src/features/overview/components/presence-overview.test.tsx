import { screen, within } from '@testing-library/react';
import { presenceOverview } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/test-utils';
import { PresenceOverview } from './presence-overview';

describe(PresenceOverview.name, () => {
  it('sets each department’s active users against its active contributors, with the four quadrants', () => {
    renderWithProviders(<PresenceOverview data={presenceOverview()} linkSearch="?asOf=2026-03-01" />);
    const sales = screen.getByTestId('presence-Sales EMEA');
    // 22 of 40 log in (55%), 18 of 40 work (45%): 14 both, 8 log in only, 4 work only, 14 neither
    expect(within(sales).getByTestId('presence-Sales EMEA-active-users')).toHaveTextContent('55.0%');
    expect(within(sales).getByTestId('presence-Sales EMEA-active-contributors')).toHaveTextContent('45.0%');
    expect(within(sales).getByTestId('presence-Sales EMEA-logs_in_only')).toHaveTextContent('8');
    expect(within(sales).getByTestId('presence-Sales EMEA-works_only')).toHaveTextContent('4');
    expect(within(sales).getByRole('link', { name: 'Sales EMEA' })).toHaveAttribute('href', '/departments/Sales%20EMEA?asOf=2026-03-01');
    // 85 of 120 = 70.8%; 72 of 120 = 60.0%
    const organisation = screen.getByTestId('presence-Organisation');
    expect(within(organisation).getByTestId('presence-Organisation-active-users')).toHaveTextContent('70.8%');
    expect(within(organisation).getByTestId('presence-Organisation-active-contributors')).toHaveTextContent('60.0%');
  });

  it('says a small department is hidden instead of showing its figures', () => {
    renderWithProviders(<PresenceOverview data={presenceOverview()} />);
    const legal = screen.getByTestId('presence-Legal');
    expect(legal).toHaveTextContent('hidden');
    expect(within(legal).queryByTestId('presence-Legal-active-users')).not.toBeInTheDocument();
  });
});
