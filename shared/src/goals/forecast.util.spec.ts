import { forecastGoal, type ForecastInput } from './forecast.util';

/** `count` consecutive days ending on `last`, valued `valueOf(k)` for k = 0 (the first) .. count - 1 (`last`). */
function days(last: string, count: number, valueOf: (k: number) => number | null): ForecastInput['points'] {
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: count }, (_, k) => ({
    day: new Date(end - (count - 1 - k) * 86_400_000).toISOString().slice(0, 10),
    value: valueOf(k),
  }));
}

const AS_OF = '2026-03-31';

describe('forecastGoal', () => {
  // 14 days 03-18..03-31 on the exact line 0.30 + 0.01 k: 0.43 on 03-31, so 0.50 is 7 days later, on 04-07.
  const rising = days(AS_OF, 14, (k) => 0.3 + 0.01 * k);

  it('projects the day a rising line reaches the target, before the target date', () => {
    const forecast = forecastGoal({ points: rising, asOf: AS_OF, target: 0.5, by: '2026-04-30', direction: 'higher_is_better' });
    expect(forecast).toMatchObject({ status: 'projected', projectedDate: '2026-04-07', onTrack: true, points: 14 });
    expect(forecast.slopePerDay).toBeCloseTo(0.01, 12);
    expect(forecast.latest).toBeCloseTo(0.43, 12);
  });

  it('says a projected day after the target date is not on track (the target date itself still is)', () => {
    expect(forecastGoal({ points: rising, asOf: AS_OF, target: 0.5, by: '2026-04-06', direction: 'higher_is_better' }).onTrack).toBe(false);
    expect(forecastGoal({ points: rising, asOf: AS_OF, target: 0.5, by: '2026-04-07', direction: 'higher_is_better' }).onTrack).toBe(true);
  });

  it('needs 14 daily values: 13 are not enough', () => {
    const forecast = forecastGoal({ points: rising.slice(1), asOf: AS_OF, target: 0.5, by: '2026-04-30', direction: 'higher_is_better' });
    expect(forecast).toMatchObject({ status: 'not_enough_data', projectedDate: null, onTrack: null, points: 13 });
  });

  it('leaves out days without a value and days outside the 56 days ending on the as-of day', () => {
    // The window is 02-04..03-31 (03-31 minus 55 days). 02-03 and 04-01 lie outside; a null day is no value.
    const points = [{ day: '2026-02-03', value: 0.99 }, { day: '2026-02-20', value: null }, ...rising, { day: '2026-04-01', value: 0.99 }];
    const forecast = forecastGoal({ points, asOf: AS_OF, target: 0.5, by: '2026-04-30', direction: 'higher_is_better' });
    expect(forecast).toMatchObject({ status: 'projected', projectedDate: '2026-04-07', points: 14 });
  });

  it('counts the first day of the window (02-04)', () => {
    // 13 values of the rising line plus one on 02-04: 14 values, so a forecast is made.
    const points = [{ day: '2026-02-04', value: 0.3 }, ...rising.slice(1)];
    expect(forecastGoal({ points, asOf: AS_OF, target: 0.5, by: '2026-04-30', direction: 'higher_is_better' }).points).toBe(14);
  });

  it('brings a lower-is-better metric down to its target', () => {
    // 21 days 03-11..03-31 on 0.50 - 0.01 k: 0.30 on 03-31; 0.20 is 10 days later, 04-10, after a target date of 04-05.
    const falling = days(AS_OF, 21, (k) => 0.5 - 0.01 * k);
    const forecast = forecastGoal({ points: falling, asOf: AS_OF, target: 0.2, by: '2026-04-05', direction: 'lower_is_better' });
    expect(forecast).toMatchObject({ status: 'projected', projectedDate: '2026-04-10', onTrack: false, points: 21 });
    expect(forecast.slopePerDay).toBeCloseTo(-0.01, 12);
  });

  it('says "not at this pace" for a flat line or one going the wrong way', () => {
    const flat = days(AS_OF, 14, () => 0.4);
    expect(forecastGoal({ points: flat, asOf: AS_OF, target: 0.5, by: '2026-04-30', direction: 'higher_is_better' })).toMatchObject({
      status: 'not_at_this_pace',
      projectedDate: null,
      onTrack: false,
    });
    // Stale opportunities rising 0.30 -> 0.43 while the target is 0.20.
    expect(forecastGoal({ points: rising, asOf: AS_OF, target: 0.2, by: '2026-04-30', direction: 'lower_is_better' }).status).toBe(
      'not_at_this_pace',
    );
  });

  it('says "not at this pace" when the line reaches the target only more than 3 years from now', () => {
    // +0.0001 a day from 0.3000: 0.3013 on 03-31, 0.5 after (0.5 - 0.3013) / 0.0001 = 1987 days.
    const slow = days(AS_OF, 14, (k) => 0.3 + 0.0001 * k);
    expect(forecastGoal({ points: slow, asOf: AS_OF, target: 0.5, by: '2026-04-30', direction: 'higher_is_better' }).status).toBe(
      'not_at_this_pace',
    );
  });

  it('says reached when the latest value is at the target, whatever the line does', () => {
    // 0.60 - 0.005 k: falling, but 0.535 on 03-31 is above 0.5.
    const above = days(AS_OF, 14, (k) => 0.6 - 0.005 * k);
    expect(forecastGoal({ points: above, asOf: AS_OF, target: 0.5, by: '2026-04-30', direction: 'higher_is_better' })).toMatchObject({
      status: 'reached',
      onTrack: true,
      projectedDate: null,
    });
    expect(forecastGoal({ points: rising, asOf: AS_OF, target: 0.43, by: '2026-01-01', direction: 'higher_is_better' }).status).toBe(
      'reached',
    );
  });

  it('fits the least-squares line through scattered values', () => {
    // x = -2, -1, 0 with y = 0.1, 0.3, 0.2: mean x -1, mean y 0.2, Sxy = (-1)(-0.1) + 0 + (1)(0) = 0.1, Sxx = 2:
    // slope 0.05, value at x = 0: 0.2 + 0.05 = 0.25; it reaches 0.5 at x = 0.25 / 0.05 = 5: 04-05.
    const points = [
      { day: '2026-03-29', value: 0.1 },
      { day: '2026-03-30', value: 0.3 },
      { day: '2026-03-31', value: 0.2 },
    ];
    const forecast = forecastGoal({ points, asOf: AS_OF, target: 0.5, by: '2026-04-30', direction: 'higher_is_better', minPoints: 3 });
    expect(forecast).toMatchObject({ status: 'projected', projectedDate: '2026-04-05', onTrack: true });
    expect(forecast.slopePerDay).toBeCloseTo(0.05, 12);
  });

  it('projects the next day when the line is past the target but the latest value is not', () => {
    // y = 0.1, 0.9, 0.45: mean 0.48333, Sxy = (-1)(-0.38333) + (1)(-0.03333) = 0.35, slope 0.175,
    // line at x = 0: 0.48333 + 0.175 = 0.65833 >= 0.5, but 0.45 < 0.5: the earliest is tomorrow, 04-01.
    const points = [
      { day: '2026-03-29', value: 0.1 },
      { day: '2026-03-30', value: 0.9 },
      { day: '2026-03-31', value: 0.45 },
    ];
    expect(forecastGoal({ points, asOf: AS_OF, target: 0.5, by: '2026-04-30', direction: 'higher_is_better', minPoints: 3 })).toMatchObject(
      { status: 'projected', projectedDate: '2026-04-01' },
    );
  });
});
