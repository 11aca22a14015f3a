import { daysInRange, MAX_RANGE_DAYS, type LaunchPlan } from '@uptake/shared';
import { addDays, dayOf } from '../common/time.util';
import { InvalidDayError } from './metrics.errors';
import { timezoneOf } from '../plan/plan-in-force.service';

/**
 * The days a request may read: up to today (in the plan's time zone; a later day has no data, and
 * a day far in the future made the ROI trend and series run for minutes), and, with a plan, from
 * MAX_RANGE_DAYS (3 years) before the launch date (history reconstructed before launch, not the
 * year 1000). Without a plan there is no launch date to measure from: only today bounds them.
 */
export interface DayBounds {
  earliest: string | null;
  latest: string;
  launchDate: string | null;
}

export function dayBoundsOf(plan: Pick<LaunchPlan, 'launch_date' | 'timezone'> | null, now: number): DayBounds {
  return {
    earliest: plan ? addDays(plan.launch_date, -(MAX_RANGE_DAYS - 1)) : null,
    latest: dayOf(now, timezoneOf(plan)),
    launchDate: plan?.launch_date ?? null,
  };
}

/** Refuses a day outside the bounds, naming the argument, the day and the limit. */
export function assertDayInBounds(name: string, day: string, bounds: DayBounds): void {
  if (day > bounds.latest)
    throw new InvalidDayError(`${name} ${day} is after today (${bounds.latest}): there is no data yet; pick a day up to today`);
  if (bounds.earliest !== null && day < bounds.earliest) {
    throw new InvalidDayError(
      `${name} ${day} is before ${bounds.earliest}, 3 years before the launch date ${bounds.launchDate}: pick a day from ${bounds.earliest} on`,
    );
  }
}

/** Refuses a range of more than `maxDays` days, or one whose ends lie outside the bounds (`from` after `to` is checked by assertDayRange). */
export function assertRangeInBounds(from: string, to: string, bounds: DayBounds, maxDays: number = MAX_RANGE_DAYS): void {
  assertDayInBounds('from', from, bounds);
  assertDayInBounds('to', to, bounds);
  const days = daysInRange(from, to);
  if (days > maxDays) throw new InvalidDayError(`from ${from} to ${to} spans ${days} days: at most ${maxDays} days (3 years) per request`);
}
