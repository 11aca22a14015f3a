import { dayIndexOf, dayLabel, demoLaunchAt, demoLaunchDay, isWeekend } from './demo-clock.util';

const MONDAY_2026_01_05 = Date.UTC(2026, 0, 5);

describe('demo clock', () => {
  it.each([
    [0, '2026-01-05'],
    [26, '2026-01-31'],
    [27, '2026-02-01'],
    // February 2026 has 28 days: 2026-02-01 + 28 days.
    [55, '2026-03-01'],
    [-5, '2025-12-31'],
    [-370, '2024-12-31'],
  ])('labels day %i after a launch on 2026-01-05 as %s', (day, label) => {
    expect(dayLabel(MONDAY_2026_01_05, day)).toBe(label);
  });

  it('knows leap days', () => {
    expect(dayLabel(Date.UTC(2024, 1, 28), 1)).toBe('2024-02-29');
  });

  it('finds weekends: 2026-01-05 is a Monday, 01-10 and 01-11 the weekend', () => {
    expect([0, 4, 5, 6, 7, -1].map((day) => isWeekend(MONDAY_2026_01_05, day))).toEqual([false, false, true, true, false, true]);
  });

  it('counts days from the launch, negative before it', () => {
    expect(dayIndexOf(MONDAY_2026_01_05, MONDAY_2026_01_05 + 36 * 3_600_000)).toBe(1);
    expect(dayIndexOf(MONDAY_2026_01_05, MONDAY_2026_01_05 - 1)).toBe(-1);
  });

  describe(demoLaunchDay.name, () => {
    // 2026-05-05 minus 120 days: back to 04-05 is 30, 03-05 is 61, 02-05 is 89, 01-05 is 120.
    const now = Date.parse('2026-05-05T23:59:00Z');

    it('uses the launch_date option when the connection stores one', () => {
      expect(demoLaunchDay({ launchDate: '2025-11-01', launchDaysAgo: 120 }, now)).toBe('2025-11-01');
    });

    it('otherwise counts launch_days_ago back from the day of now', () => {
      expect(demoLaunchDay({ launchDate: null, launchDaysAgo: 120 }, now)).toBe('2026-01-05');
      expect(demoLaunchAt({ launchDate: null, launchDaysAgo: 120 }, now)).toBe(MONDAY_2026_01_05);
    });
  });
});
