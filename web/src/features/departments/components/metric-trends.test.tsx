import { screen } from '@testing-library/react';
import type { Forecast } from '@uptake/shared';
import { series } from '@/testing/fixtures';
import { renderWithProviders, visibleText } from '@/testing/test-utils';
import { MetricTrends } from './metric-trends';

function forecast(overrides: Partial<Forecast>): Forecast {
  return {
    department: 'Sales EMEA',
    metric: 'active_users',
    target: 0.85,
    by: '2026-04-15',
    status: 'projected',
    projectedDate: '2026-04-02',
    onTrack: true,
    points: 40,
    slopePerDay: 0.01,
    latest: 0.55,
    seatHolders: 40,
    fewestSeatHolders: 40,
    ...overrides,
  };
}

describe(MetricTrends.name, () => {
  it("shows each goal's forecast under its chart with how it is computed, and the interventions on every chart", () => {
    renderWithProviders(
      <MetricTrends
        series={series()}
        goals={{ active_users: { target: 0.85, by: '2026-04-15' }, stale_opportunities: { target: 0.15, by: '2026-06-30' } }}
        forecasts={{
          how: 'A straight line through the last 8 weeks.',
          byMetric: {
            active_users: forecast({}),
            stale_opportunities: forecast({
              metric: 'stale_opportunities',
              target: 0.15,
              by: '2026-06-30',
              status: 'not_at_this_pace',
              projectedDate: null,
              onTrack: false,
            }),
          },
        }}
        markers={[{ day: '2026-02-01', label: '#4 Training', description: 'intervention #4, training session for Sales EMEA: workshop' }]}
      />,
    );
    expect(visibleText(screen.getByTestId('forecast-Sales EMEA-active_users'))).toBe(
      'Forecast: At this pace 85.0% is reached around 2 Apr 2026, before the target date (15 Apr 2026).',
    );
    expect(visibleText(screen.getByTestId('forecast-Sales EMEA-stale_opportunities'))).toBe(
      'Forecast: Not at this pace: 15.0% by 30 Jun 2026 is not reached (the value is not coming down).',
    );
    expect(screen.getByTestId('forecast-how')).toHaveTextContent('A straight line through the last 8 weeks.');
    expect(screen.getByText('interventions (vertical, labelled)')).toBeInTheDocument();
    // The series runs from 15 Jan to 1 Mar: every chart marks 1 Feb.
    const charts = screen.getAllByRole('img', { name: /Interventions marked: 1 Feb 2026, intervention #4/ });
    expect(charts.length).toBeGreaterThan(1);
  });

  it('leaves out a marker outside the range of the chart', () => {
    renderWithProviders(
      <MetricTrends series={series()} goals={{}} markers={[{ day: '2026-05-01', label: '#5 Comms', description: 'intervention #5' }]} />,
    );
    expect(screen.queryAllByRole('img', { name: /Interventions marked/ })).toEqual([]);
    expect(screen.getByTestId('trend-active_users').querySelector('[data-markers]')).toHaveAttribute('data-markers', '0');
  });
});
