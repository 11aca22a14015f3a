import { addDaysIso } from '@/utils/date';

export interface SeriesRangeInput {
  /** The plan's launch date; undefined without a plan. */
  launch?: string;
  /** Today in the reader's time zone. */
  today: string;
  /** The page's as-of day (undefined: today). */
  asOf?: string;
  /** The range chosen in the chart's inputs. */
  from?: string;
  to?: string;
}

export interface SeriesRange {
  /** Undefined: the server's default (the launch date, else 90 days before the end). */
  from?: string;
  /** Undefined: the server's today. */
  to?: string;
  /** The day asked for is before the launch: the range runs from launch to today instead. */
  beforeLaunch: boolean;
  /** The range was cut to its last 3 years. */
  shortened: boolean;
}

/** The longest range asked of the API: the server refuses ranges over 3 years. */
export const MAX_SERIES_YEARS = 3;

function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y - years, m - 1, d)).toISOString().slice(0, 10);
}

/**
 * The range of days to ask the series API for: within launch..today and at most 3 years, never
 * inverted. A day before the launch (which has no trend yet) gives the trend from launch; today
 * and later are left to the server's own today (its time zone may be a day behind the reader's).
 */
export function seriesRange({ launch, today, asOf, from: chosenFrom, to: chosenTo }: SeriesRangeInput): SeriesRange {
  let to = chosenTo ?? asOf;
  if (to !== undefined && to >= today) to = undefined;
  let beforeLaunch = false;
  if (launch !== undefined && to !== undefined && to < launch) {
    to = undefined;
    beforeLaunch = true;
  }
  const end = to ?? today;
  let from = chosenFrom;
  if (from !== undefined && launch !== undefined && from < launch) from = launch;
  if (from !== undefined && from > end) from = launch;
  const earliest = addDaysIso(yearsBefore(end, MAX_SERIES_YEARS), 1);
  const start = from ?? launch;
  let shortened = false;
  if (start !== undefined && start < earliest) {
    from = earliest;
    shortened = true;
  }
  return { from, to, beforeLaunch, shortened };
}
