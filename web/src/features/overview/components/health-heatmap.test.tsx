import { screen, within } from '@testing-library/react';
import { overview, salesEmea, support } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/test-utils';
import { HealthHeatmap } from './health-heatmap';

describe(HealthHeatmap.name, () => {
  const data = overview();

  it('writes the value and the attainment in every cell, colour only repeating it', () => {
    renderWithProviders(<HealthHeatmap departments={[salesEmea, support]} organisation={data.organisation} linkSearch="" />);
    // Sales EMEA active users 0.55 against 0.8: 0.55 / 0.8 = 68.75% of plan -> red
    const visibleText = (testId: string) =>
      within(screen.getByTestId(testId))
        .getAllByText(/./, { selector: '.metric-value, .heat-attainment' })
        .map((element) => element.textContent);
    expect(visibleText('heat-Sales EMEA-active_users')).toEqual(['55.0%', '68.8% of plan']);
    expect(screen.getByTestId('heat-Sales EMEA-active_users')).toHaveClass('heat-red');
    // stale 0.3 against 0.2: (1 - 0.3) / (1 - 0.2) = 87.5% -> amber
    expect(visibleText('heat-Sales EMEA-stale_opportunities')).toEqual(['30.0%', '87.5% of plan']);
    expect(screen.getByTestId('heat-Sales EMEA-stale_opportunities')).toHaveClass('heat-amber');
    // no goal for logins per user: grey, said in words; 2.25 -> 2.3
    expect(visibleText('heat-Sales EMEA-logins_per_user')).toEqual(['2.3', 'no goal']);
    expect(screen.getByTestId('heat-Sales EMEA-logins_per_user')).toHaveClass('heat-none');
  });

  it('lists the organisation first and every department with health, linking to the department page', () => {
    renderWithProviders(
      <HealthHeatmap departments={[salesEmea, support]} organisation={data.organisation} linkSearch="?asOf=2026-03-01" />,
    );
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows.map((row) => within(row).queryByRole('rowheader')?.textContent ?? null)).toEqual([
      null,
      'Organisation',
      'Sales EMEA',
      'Support',
    ]);
    expect(screen.getByRole('link', { name: 'Sales EMEA' })).toHaveAttribute('href', '/departments/Sales%20EMEA?asOf=2026-03-01');
    expect(screen.getByTestId('heat-Sales EMEA-health')).toHaveTextContent('78.1');
    expect(within(rows[2]).getByText('At risk')).toBeInTheDocument();
  });

  it('explains empty cells of a department without seat holders', () => {
    renderWithProviders(<HealthHeatmap departments={[support]} organisation={data.organisation} linkSearch="" />);
    const cell = screen.getByTestId('heat-Support-active_users');
    expect(within(cell).getByText('no seat holders', { selector: '.heat-attainment' })).toBeInTheDocument();
    expect(within(cell).getByText('—').parentElement).toHaveAccessibleDescription(expect.stringContaining('No value: no seat holders.'));
  });
});
