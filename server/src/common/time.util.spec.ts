import { addDays, dayOf, endOfDayExclusive, parseDay, parseInstant, startOfDay } from './time.util';

describe('time utilities', () => {
  it('starts a day at local midnight of the time zone', () => {
    expect(startOfDay('2026-03-01', 'UTC')).toBe(Date.UTC(2026, 2, 1));
    // Berlin is UTC+1 in winter: local midnight is 23:00 UTC the evening before.
    expect(startOfDay('2026-03-01', 'Europe/Berlin')).toBe(Date.UTC(2026, 1, 28, 23));
    expect(endOfDayExclusive('2026-03-01', 'UTC')).toBe(Date.UTC(2026, 2, 2));
  });

  it('parses the three ISO forms of DESIGN.md', () => {
    expect(parseInstant('2017-03-01', 'UTC')).toBe(Date.UTC(2017, 2, 1));
    expect(parseInstant('2017-03-01T09:30:00Z', 'UTC')).toBe(Date.UTC(2017, 2, 1, 9, 30));
    expect(parseInstant('2017-03-01T09:30:00.000+0000', 'Europe/Berlin')).toBe(Date.UTC(2017, 2, 1, 9, 30));
    expect(parseInstant('2017-03-01', 'America/New_York')).toBe(Date.UTC(2017, 2, 1, 5));
  });

  it('rejects what is not a date', () => {
    expect(parseInstant('2017-02-30', 'UTC')).toBeNull();
    expect(parseInstant('yesterday', 'UTC')).toBeNull();
    expect(parseDay('2017-13-01', 'UTC')).toBeNull();
  });

  it('finds the local day of an instant and steps over month ends', () => {
    expect(dayOf(Date.UTC(2026, 1, 28, 23, 30), 'Europe/Berlin')).toBe('2026-03-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(parseDay('2017-03-01T23:30:00Z', 'Europe/Berlin')).toBe('2017-03-02');
  });
});
