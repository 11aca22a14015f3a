import { DateTime } from 'luxon';

/** Epoch ms of 00:00 on `day` (YYYY-MM-DD) in `timezone`. */
export function startOfDay(day: string, timezone: string): number {
  const start = DateTime.fromISO(day, { zone: timezone }).startOf('day');
  if (!start.isValid) throw new RangeError(`invalid day "${day}" or time zone "${timezone}"`);
  return start.toMillis();
}

/** Epoch ms of 00:00 on the day after `day`: end(T) is the last instant before it. */
export function endOfDayExclusive(day: string, timezone: string): number {
  return startOfDay(addDays(day, 1), timezone);
}

export function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

/** The calendar day that contains `instant` in `timezone`. */
export function dayOf(instant: number, timezone: string): string {
  return DateTime.fromMillis(instant, { zone: timezone }).toISODate()!;
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Salesforce writes offsets without a colon: 2017-03-01T09:30:00.000+0000. */
const COMPACT_OFFSET = /([+-]\d{2})(\d{2})$/;

/**
 * Parses an ISO 8601 date or timestamp to epoch ms. A bare date means 00:00 of that day in
 * `timezone`; a timestamp without an offset is read in `timezone` too. Returns null when invalid.
 */
export function parseInstant(text: string, timezone: string): number | null {
  const value = text.trim();
  if (value === '') return null;
  const normalised = BARE_DATE.test(value) ? value : value.replace(' ', 'T').replace(COMPACT_OFFSET, '$1:$2');
  const parsed = DateTime.fromISO(normalised, { zone: timezone, setZone: false });
  return parsed.isValid ? parsed.toMillis() : null;
}

/** Parses a date or timestamp to the calendar day it falls on in `timezone` (YYYY-MM-DD), or null when invalid. */
export function parseDay(text: string, timezone: string): string | null {
  const value = text.trim();
  if (BARE_DATE.test(value)) return DateTime.fromISO(value, { zone: 'UTC' }).isValid ? value : null;
  const instant = parseInstant(value, timezone);
  return instant === null ? null : dayOf(instant, timezone);
}
