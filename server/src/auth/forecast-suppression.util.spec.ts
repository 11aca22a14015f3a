import type { Forecast, ForecastsResponse } from '@uptake/shared';
import { suppressForecasts } from './forecast-suppression.util';
import type { DaySizes, PrivacyViewer } from './privacy-suppression.util';

function forecast(department: string, fewestSeatHolders: number): Forecast {
  return {
    department,
    metric: 'active_users',
    target: 0.8,
    by: '2026-06-30',
    status: 'projected',
    projectedDate: '2026-05-01',
    onTrack: true,
    points: 56,
    slopePerDay: 0.01,
    latest: 0.5,
    seatHolders: fewestSeatHolders,
    fewestSeatHolders,
  };
}

const ANSWER: ForecastsResponse = {
  asOf: '2026-03-31',
  how: 'how',
  forecasts: [forecast('*', 20), forecast('Ops', 4), forecast('Sales', 10), forecast('Support', 6)],
};
const VIEWER: PrivacyViewer = { seesEveryone: false, seesPeopleOf: () => false };
const hiddenOf = (answer: ForecastsResponse) => answer.forecasts.filter((entry) => entry.suppressed).map((entry) => entry.department);

describe(suppressForecasts.name, () => {
  it('shows everything to an admin', () => {
    expect(suppressForecasts(ANSWER, 5, { seesEveryone: true, seesPeopleOf: () => true })).toBe(ANSWER);
  });

  it('hides a group that was small on a day of the window, and says nothing of it but its goal', () => {
    const answer = suppressForecasts(ANSWER, 5, VIEWER);
    expect(hiddenOf(answer)).toEqual(['Ops']);
    expect(answer.forecasts[1]).toEqual({
      ...forecast('Ops', 4),
      status: 'not_enough_data',
      projectedDate: null,
      onTrack: null,
      points: 0,
      slopePerDay: null,
      latest: null,
      suppressed: true,
    });
  });

  it('hides the next smallest group on the as-of day so that the small one cannot be worked out from the organisation', () => {
    // Ops 4 is hidden; the pool of 4 is under 5, so the smallest other group, Support (6), is hidden too.
    const sizes: DaySizes = {
      organisation: 20,
      departments: new Map([
        ['Ops', 4],
        ['Sales', 10],
        ['Support', 6],
      ]),
    };
    expect(hiddenOf(suppressForecasts(ANSWER, 5, VIEWER, sizes))).toEqual(['Ops', 'Support']);
  });

  it('never hides a department from the trainer assigned to it', () => {
    const trainer: PrivacyViewer = { seesEveryone: false, seesPeopleOf: (department) => department === 'Ops' };
    expect(hiddenOf(suppressForecasts(ANSWER, 5, trainer))).toEqual([]);
  });
});
