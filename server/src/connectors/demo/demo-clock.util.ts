import { addDays, dayOf, startOfDay } from '../../common/time.util';

export const DEMO_TIMEZONE = 'UTC';

/** Time arithmetic of the demo company: it lives in UTC, and its days are counted from the launch day (day 0). */

const { floor } = Math;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Epoch ms of 00:00 UTC of the given day relative to the launch. */
export function dayStart(launchAt: number, day: number): number {
  return launchAt + day * DAY_MS;
}

/** The day (relative to the launch) that contains `instant`. */
export function dayIndexOf(launchAt: number, instant: number): number {
  return floor((instant - launchAt) / DAY_MS);
}

export function isWeekend(launchAt: number, day: number): boolean {
  // Epoch day 0 (1970-01-01) was a Thursday.
  const weekday = (((floor(dayStart(launchAt, day) / DAY_MS) + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

/** YYYY-MM-DD of the given day relative to the launch. */
export function dayLabel(launchAt: number, day: number): string {
  // Civil date from the epoch day (H. Hinnant's days_to_civil), without a Date per call.
  const z = floor(dayStart(launchAt, day) / DAY_MS) + 719468;
  const era = floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = floor((dayOfEra - floor(dayOfEra / 1460) + floor(dayOfEra / 36524) - floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + floor(yearOfEra / 4) - floor(yearOfEra / 100));
  const shiftedMonth = floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
}

/**
 * The launch day (YYYY-MM-DD, UTC) of a demo connection: the stored `launch_date` option, or
 * `launch_days_ago` days before the day of `now` when there is none (which moves with `now`, so
 * connections store `launch_date` when they are created).
 */
export function demoLaunchDay(options: { launchDate: string | null; launchDaysAgo: number }, now: number): string {
  if (options.launchDate !== null) return options.launchDate;
  return addDays(dayOf(now, DEMO_TIMEZONE), -options.launchDaysAgo);
}

/** Epoch ms of the start of the launch day: day 0 of the simulation. */
export function demoLaunchAt(options: { launchDate: string | null; launchDaysAgo: number }, now: number): number {
  return startOfDay(demoLaunchDay(options, now), DEMO_TIMEZONE);
}
