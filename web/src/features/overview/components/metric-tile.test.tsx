import { METRIC_CATALOGUE } from '@uptake/shared';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MetricTile } from './metric-tile';

describe(MetricTile.name, () => {
  it('shows value, expected value, change against a week earlier and the status', () => {
    render(<MetricTile metric="active_users" value={0.7125} expected={0.75} weekEarlier={0.6875} seatHolders={120} />);
    const tile = screen.getByRole('article', { name: 'Active users (7 days)' });
    // 0.7125 -> 71.3%; expected 0.75 -> 75.0%; 0.7125 - 0.6875 = +2.5 points
    expect(within(tile).getByTestId('tile-value-active_users')).toHaveTextContent('71.3%');
    expect(within(tile).getByTestId('tile-expected-active_users')).toHaveTextContent('75.0%');
    expect(within(tile).getByTestId('tile-change-active_users')).toHaveTextContent('+2.5 pts');
    // attainment 0.7125 / 0.75 = 0.95 -> 95 >= 90: green
    expect(within(tile).getByText('On track')).toBeInTheDocument();
    expect(tile).toHaveClass('tile-green');
  });

  it('colours a lower-is-better metric by its own rule', () => {
    // stale 0.3 against 0.2 expected: (1 - 0.3) / (1 - 0.2) = 0.875 -> 87.5: amber
    render(<MetricTile metric="stale_opportunities" value={0.3} expected={0.2} weekEarlier={0.25} seatHolders={40} />);
    const tile = screen.getByRole('article', { name: 'Stale opportunities' });
    expect(within(tile).getByText('At risk')).toBeInTheDocument();
    // +5.0 pts of stale opportunities is worse
    expect(within(tile).getByText('+5.0 pts')).toHaveClass('change-bad');
  });

  it('prints logins per user with one decimal, not as a percentage', () => {
    render(<MetricTile metric="logins_per_user" value={3.25} weekEarlier={3.6} seatHolders={120} />);
    expect(screen.getByTestId('tile-value-logins_per_user')).toHaveTextContent(/^3\.3$/);
    expect(screen.getByTestId('tile-expected-logins_per_user')).toHaveTextContent('no goal');
    // 3.25 - 3.6 = -0.35 -> −0.4
    expect(screen.getByTestId('tile-change-logins_per_user')).toHaveTextContent('−0.4');
    expect(screen.getByText('No goal')).toBeInTheDocument();
  });

  it('shows a missing value as a dash with its reason', () => {
    render(<MetricTile metric="training_completion" value={null} weekEarlier={null} seatHolders={120} />);
    const value = screen.getByTestId('tile-value-training_completion');
    expect(value).toHaveTextContent('—');
    expect(screen.getByText('no required course')).toBeVisible();
    expect(value).toHaveAccessibleDescription(expect.stringContaining('No value: no required course.'));
  });

  it('shows the catalogue definition on hover and on keyboard focus', async () => {
    const user = userEvent.setup();
    render(<MetricTile metric="active_users" value={0.7125} expected={0.75} weekEarlier={0.6875} seatHolders={120} />);
    const value = screen.getByTestId('tile-value-active_users');
    const definition = METRIC_CATALOGUE.active_users.definition;
    expect(value).toHaveAccessibleDescription(expect.stringContaining(definition));
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();

    await user.hover(value);
    expect(screen.getByRole('tooltip')).toHaveTextContent(definition);
    await user.unhover(value);
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();

    await user.tab();
    expect(value).toHaveFocus();
    expect(screen.getByRole('tooltip')).toHaveTextContent(definition);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
  });
});
