import { UptakeError } from '../common/error-codes';
import { parseObservedAt } from './observed-at.util';

describe(parseObservedAt.name, () => {
  const now = Date.parse('2026-03-10T12:00:00Z');

  it.each([
    ['2026-03-01T09:30:00Z', 'UTC', Date.parse('2026-03-01T09:30:00Z')],
    // a bare date is 00:00 of that day in the time zone (Paris is UTC+1 in March before the switch)
    ['2026-03-01', 'Europe/Paris', Date.parse('2026-02-28T23:00:00Z')],
    ['2026-03-10T12:00:00Z', 'UTC', now],
  ])('reads %s in %s', (text, timezone, expected) => {
    expect(parseObservedAt(text, timezone, now)).toBe(expected);
  });

  it.each([
    ['yesterday', /not an ISO 8601 date/],
    ['2026-13-01', /not an ISO 8601 date/],
    ['2026-03-10T12:00:00.001Z', /in the future/],
  ])('refuses %s', (text, message) => {
    let thrown: unknown;
    try {
      parseObservedAt(text, 'UTC', now);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UptakeError);
    expect((thrown as UptakeError).code).toBe('VALIDATION_FAILED');
    expect((thrown as Error).message).toMatch(message);
  });
});
