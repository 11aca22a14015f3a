import { screen, within } from '@testing-library/react';
import type { Forecast } from '@uptake/shared';
import { overview, planHistory, series } from '@/testing/fixtures';
import { json, mockSignedInApi } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

const FORECAST: Forecast = {
  department: '*',
  metric: 'active_users',
  target: 0.85,
  by: '2026-04-15',
  status: 'projected',
  projectedDate: '2026-05-02',
  onTrack: false,
  points: 56,
  slopePerDay: 0.004,
  latest: 0.55,
  seatHolders: 120,
  fewestSeatHolders: 118,
};

const INTERVENTION = {
  id: 7,
  date: '2026-01-29',
  kind: 'training_session',
  departments: ['Sales EMEA'],
  description: 'Pipeline hygiene workshop',
  who: 'Ana Owner',
  loggedAt: '2026-01-29T10:00:00.000Z',
  loggedBy: null,
  effects: [],
};

describe('Overview: the organisation trend since launch', () => {
  it('draws each goal metric against its ramp, with the forecast, how it is computed and the interventions marked', async () => {
    mockSignedInApi({
      'GET /api/overview': json(overview()),
      'GET /api/plan': json(planHistory()),
      'GET /api/departments/:name/series': json({ ...series(), department: '*' }),
      'GET /api/forecasts': json({
        asOf: '2026-03-01',
        how: 'A straight line (least squares) through 8 weeks.',
        forecasts: [
          {
            ...FORECAST,
            department: 'Sales EMEA',
            metric: 'stale_opportunities',
            target: 0.15,
            by: '2026-06-30',
            status: 'reached',
            projectedDate: null,
            onTrack: true,
          },
          FORECAST,
        ],
      }),
      'GET /api/interventions': json({ asOf: '2026-03-01', minGroupSize: 5, how: 'how', interventions: [INTERVENTION] }),
    });
    renderApp('/');
    const trend = await screen.findByTestId('org-trend');
    // Only the "*" goal (active users) applies to the organisation.
    const options = within(screen.getByTestId('org-trend-metric')).getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['Active users (7 days)']);
    expect(within(trend).getByTestId('forecast-*-active_users')).toHaveTextContent(
      'At this pace 85.0% is reached around 2 May 2026, after the target date (15 Apr 2026).',
    );
    expect(within(trend).getByTestId('forecast-how')).toHaveTextContent('least squares');
    const chart = await within(trend).findByRole('img', { name: /Interventions marked/ });
    expect(chart).toHaveAttribute('data-markers', '1');
    expect(chart.getAttribute('aria-label')).toContain('intervention #7, training session for Sales EMEA: Pipeline hygiene workshop');

    // Every goal with its forecast, misses first.
    const table = screen.getByTestId('forecast-table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-testid'))).toEqual([
      'forecast-row-*-active_users',
      'forecast-row-Sales EMEA-stale_opportunities',
    ]);
    expect(rows[0]).toHaveTextContent('Will miss');
    expect(rows[1]).toHaveTextContent('Target 15.0% reached.');
    expect(rows[1]).toHaveTextContent('Reached');
    expect(screen.getByText('1 of 2 goals are forecast to be missed at this pace.', { exact: false })).toBeInTheDocument();
  });

  it('says where to set goals when the plan has none for the organisation', async () => {
    mockSignedInApi({ 'GET /api/overview': json(overview()) });
    renderApp('/');
    expect(await screen.findByText('No organisation goal yet')).toBeInTheDocument();
  });
});
