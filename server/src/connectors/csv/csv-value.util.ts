import { dayOf, parseInstant } from '../../common/time.util';
import type { LoginChannel } from '../connector.port';

/** A CSV cell that is not a valid value of its column; the caller adds file, line and column. */
export class CsvValueError extends Error {}

const TRUE_WORDS = new Set(['true', '1', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'no']);

/** `true/false/1/0/yes/no` in any case; empty: `fallback`. */
export function parseCsvBoolean(column: string, text: string, fallback: boolean): boolean {
  const value = text.trim().toLowerCase();
  if (value === '') return fallback;
  if (TRUE_WORDS.has(value)) return true;
  if (FALSE_WORDS.has(value)) return false;
  throw new CsvValueError(`${column} "${text}" is not a boolean (true/false, 1/0, yes/no)`);
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A plain decimal number (no thousands separators, no currency); empty: null. */
export function parseCsvNumber(column: string, text: string): number | null {
  const value = text.trim();
  if (value === '') return null;
  if (!DECIMAL.test(value)) throw new CsvValueError(`${column} "${text}" is not a number`);
  return Number(value);
}

const CHANNELS: readonly LoginChannel[] = ['web', 'mobile', 'api'];

/** `web` (also when empty), `mobile` or `api`, in any case. */
export function parseCsvChannel(column: string, text: string): LoginChannel {
  const value = text.trim().toLowerCase();
  if (value === '') return 'web';
  if ((CHANNELS as readonly string[]).includes(value)) return value as LoginChannel;
  throw new CsvValueError(`${column} "${text}" is not one of ${CHANNELS.join(', ')}`);
}

/** Login status: `Success` in any case is a success, anything else (empty included) a failure. */
export function isSuccessStatus(text: string): boolean {
  return text.trim().toLowerCase() === 'success';
}

/** Dates must at least start with a calendar date, so that "2017" or "1054" is not read as a year. */
const CALENDAR_DATE_START = /^\d{4}-\d{2}-\d{2}/;
/** A timestamp with an explicit offset: read without luxon (a 1M-row login file must parse in seconds). */
const OFFSET_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;
const BARE_DATE_CACHE_LIMIT = 50_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

function parseOffsetTimestamp(value: string): number | null | undefined {
  const match = OFFSET_TIMESTAMP.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const offsetHours = zulu ? 0 : Number(oh);
  const offsetMinutes = zulu ? 0 : Number(om);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  // Milliseconds: the first three digits of the fraction, as luxon reads them.
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const offset = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  let utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (year < 100) {
    // Date.UTC reads years 0-99 as 1900-1999.
    const date = new Date(utc);
    date.setUTCFullYear(year);
    utc = date.getTime();
  }
  return utc - offset * 60_000;
}

/**
 * Reads ISO 8601 dates and timestamps of one time zone the way `parseInstant` does (a bare date is
 * local midnight, a timestamp without offset is local time), with fast paths for the shapes that fill
 * large files: timestamps with an offset, and bare dates (cached per day).
 */
export class CsvDateReader {
  private readonly bareDates = new Map<string, number | null>();

  constructor(readonly timezone: string) {}

  /** Epoch ms; empty: null. */
  instant(column: string, text: string): number | null {
    const value = text.trim();
    if (value === '') return null;
    const parsed = this.parse(value);
    if (parsed === null) throw new CsvValueError(`${column} "${text}" is not an ISO 8601 date`);
    return parsed;
  }

  /** Calendar day YYYY-MM-DD in the reader's time zone (a bare date is that day); empty: null. */
  day(column: string, text: string): string | null {
    const value = text.trim();
    if (value === '') return null;
    const parsed = this.parse(value);
    if (parsed === null) throw new CsvValueError(`${column} "${text}" is not an ISO 8601 date`);
    return value.length === 10 ? value : dayOf(parsed, this.timezone);
  }

  private parse(value: string): number | null {
    if (!CALENDAR_DATE_START.test(value)) return null;
    if (value.length === 10) {
      let cached = this.bareDates.get(value);
      if (cached === undefined) {
        cached = parseInstant(value, this.timezone);
        if (this.bareDates.size >= BARE_DATE_CACHE_LIMIT) this.bareDates.clear();
        this.bareDates.set(value, cached);
      }
      return cached;
    }
    const fast = parseOffsetTimestamp(value);
    return fast === undefined ? parseInstant(value, this.timezone) : fast;
  }
}
