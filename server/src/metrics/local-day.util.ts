import { addDays, daysBetween, startOfDay } from '../common/time.util';

const DAY_MS = 86_400_000;
const EPOCH_DAY = '1970-01-01';

/** The number of a calendar day: whole days since 1970-01-01 (negative before). */
export function dayNumber(day: string): number {
  return daysBetween(EPOCH_DAY, day);
}

/** The calendar day (YYYY-MM-DD) of a day number. */
export function dayOfNumber(number: number): string {
  return addDays(EPOCH_DAY, number);
}

function integer(value: number, what: string): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a whole number, got ${value}`);
  return String(value);
}

/**
 * SQL that maps an epoch-ms column to the number of its calendar day in a time zone, exact for
 * every instant from the start of day `from` to the end of day `to` (and monotonic outside).
 *
 * Within a stretch of days whose midnights share one UTC offset, the day of instant x is
 * (x - k) / 86400000 with k = midnight - day number * 86400000 (integer division, the same on
 * SQLite and PostgreSQL); a day whose next midnight has another offset (a daylight-saving switch)
 * is named outright. The constants are computed here and written into the SQL as integers, so
 * the expression has no parameter whose type an engine must guess. In UTC it is x / 86400000.
 */
export function localDaySql(column: string, from: string, to: string, timezone: string): string {
  const first = dayNumber(from);
  const count = daysBetween(from, to) + 1;
  // midnights of day first .. first + count (the last one ends day `to`)
  const midnights = Array.from({ length: count + 1 }, (_, index) => startOfDay(addDays(from, index), timezone));
  const offsetOf = (index: number) => midnights[index] - (first + index) * DAY_MS;

  const branches: string[] = [];
  let index = 0;
  while (index < count) {
    const k = offsetOf(index);
    if (offsetOf(index + 1) !== k) {
      // a day of 23 or 25 hours: everything before the next midnight is this day
      branches.push(`WHEN ${column} < ${integer(midnights[index + 1], 'midnight')} THEN ${integer(first + index, 'day number')}`);
      index += 1;
      continue;
    }
    let end = index + 1;
    while (end < count && offsetOf(end + 1) === k) end += 1;
    branches.push(`WHEN ${column} < ${integer(midnights[end], 'midnight')} THEN (${column} - (${integer(k, 'offset')})) / ${DAY_MS}`);
    index = end;
  }
  const lastOffset = integer(offsetOf(count), 'offset');
  const after = `((${column} - (${lastOffset})) / ${DAY_MS})`;
  if (branches.length === 1 && offsetOf(0) === offsetOf(count)) return after;
  return `(CASE ${branches.join(' ')} ELSE ${after} END)`;
}

/**
 * SQL for the day number of a YYYY-MM-DD text column (days since 1970-01-01, proleptic
 * Gregorian), with integer arithmetic only so that it runs on SQLite and PostgreSQL alike
 * (H. Hinnant's days_from_civil, for years 1 and later).
 */
export function civilDaySql(column: string): string {
  const y = `CAST(SUBSTR(${column}, 1, 4) AS INTEGER)`;
  const m = `CAST(SUBSTR(${column}, 6, 2) AS INTEGER)`;
  const d = `CAST(SUBSTR(${column}, 9, 2) AS INTEGER)`;
  // March-based year: January and February count in the previous year
  const year = `(${y} - CASE WHEN ${m} <= 2 THEN 1 ELSE 0 END)`;
  const era = `(${year} / 400)`;
  const yoe = `(${year} - ${era} * 400)`;
  const doy = `((153 * (${m} + CASE WHEN ${m} > 2 THEN -3 ELSE 9 END) + 2) / 5 + ${d} - 1)`;
  const doe = `(${yoe} * 365 + ${yoe} / 4 - ${yoe} / 100 + ${doy})`;
  return `(${era} * 146097 + ${doe} - 719468)`;
}
