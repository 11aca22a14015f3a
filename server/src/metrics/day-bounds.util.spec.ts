import { assertDayInBounds, assertRangeInBounds, dayBoundsOf } from './day-bounds.util';

describe(dayBoundsOf.name, () => {
  it('runs from 3 years (1095 days back, 1096 with both ends) before launch to today in the plan time zone', () => {
    // 2026-01-01 - 1095 days: 2025-01-01 is -365, 2024-01-01 -731 (2024 is a leap year), 2023-01-01 -1096.
    expect(dayBoundsOf({ launch_date: '2026-01-01', timezone: 'UTC' }, Date.parse('2026-03-10T15:00:00Z'))).toEqual({
      earliest: '2023-01-02',
      latest: '2026-03-10',
      launchDate: '2026-01-01',
    });
    // 23:30 UTC is already the next day in Berlin.
    expect(dayBoundsOf({ launch_date: '2026-01-01', timezone: 'Europe/Berlin' }, Date.parse('2026-03-10T23:30:00Z')).latest).toBe(
      '2026-03-11',
    );
    expect(dayBoundsOf(null, Date.parse('2026-03-10T15:00:00Z'))).toEqual({ earliest: null, latest: '2026-03-10', launchDate: null });
  });
});

describe(assertRangeInBounds.name, () => {
  const bounds = dayBoundsOf({ launch_date: '2026-01-01', timezone: 'UTC' }, Date.parse('2026-03-10T15:00:00Z'));

  it('accepts days from the earliest to today', () => {
    expect(() => assertDayInBounds('asOf', '2026-03-10', bounds)).not.toThrow();
    expect(() => assertDayInBounds('asOf', '2023-01-02', bounds)).not.toThrow();
    expect(() => assertRangeInBounds('2023-03-15', '2026-03-10', bounds)).not.toThrow(); // 1092 days
  });

  it.each([
    ['asOf', '2026-03-11', 'asOf 2026-03-11 is after today (2026-03-10): there is no data yet; pick a day up to today'],
    ['asOf', '2999-12-31', 'asOf 2999-12-31 is after today (2026-03-10)'],
    [
      'from',
      '2023-01-01',
      'from 2023-01-01 is before 2023-01-02, 3 years before the launch date 2026-01-01: pick a day from 2023-01-02 on',
    ],
  ])('refuses %s %s, naming it and the limit', (name, day, message) => {
    expect(() => assertDayInBounds(name, day, bounds)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', message: expect.stringContaining(message) }),
    );
  });

  it('refuses more than 1096 days in one request, and days outside the bounds at either end', () => {
    // 2023-03-10 .. 2026-03-10: 1096 + 1 days (2024 has a 29 February).
    expect(() => assertRangeInBounds('2023-03-10', '2026-03-10', bounds)).toThrow(
      'from 2023-03-10 to 2026-03-10 spans 1097 days: at most 1096 days (3 years) per request',
    );
    expect(() => assertRangeInBounds('2023-03-11', '2026-03-10', bounds)).not.toThrow();
    expect(() => assertRangeInBounds('1000-01-01', '2999-12-31', bounds)).toThrow('from 1000-01-01 is before 2023-01-02');
    expect(() => assertRangeInBounds('2026-01-01', '2999-12-31', bounds)).toThrow('to 2999-12-31 is after today');
  });
});
