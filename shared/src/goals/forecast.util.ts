import type { MetricDirection } from '../metrics/metric-catalogue';

/** The forecast reads the daily values of this many days, ending on the as-of day. */
export const FORECAST_WINDOW_DAYS = 56;
/** Fewer daily values than this in the window: not enough data to draw a line through. */
export const FORECAST_MIN_POINTS = 14;
/** A projected date further than this after the as-of day is "not at this pace" (about 3 years). */
export const FORECAST_HORIZON_DAYS = 1096;

/**
 * - `reached`: the latest value is at or past the target already;
 * - `projected`: the line through the last 8 weeks reaches the target on `projectedDate`;
 * - `not_at_this_pace`: the line is flat or goes the wrong way (or reaches it only years from now);
 * - `not_enough_data`: fewer than FORECAST_MIN_POINTS daily values in the window.
 */
export type ForecastStatus = 'reached' | 'projected' | 'not_at_this_pace' | 'not_enough_data';

export interface GoalForecast {
  status: ForecastStatus;
  /** The first day on which the line is at or past the target (status `projected`), else null. */
  projectedDate: string | null;
  /** reached, or projected on or before the goal's target date: true; projected after it or not at this pace: false; not enough data: null. */
  onTrack: boolean | null;
  /** Daily values the line was drawn through. */
  points: number;
  /** Slope of the least-squares line, in metric units per day; null with fewer than 2 values. */
  slopePerDay: number | null;
  /** The last value in the window (the day closest to the as-of day), null when none. */
  latest: number | null;
}

export interface ForecastInput {
  /** Daily values of one scope (department or organisation) and metric, in any order; null: no value that day. */
  points: ReadonlyArray<{ day: string; value: number | null }>;
  /** YYYY-MM-DD: the window is the FORECAST_WINDOW_DAYS days ending on this day. */
  asOf: string;
  target: number;
  /** The goal's target date, YYYY-MM-DD. */
  by: string;
  direction: MetricDirection;
  /** Default FORECAST_MIN_POINTS. */
  minPoints?: number;
}

const DAY_MS = 86_400_000;

function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

function dayOfNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** How the forecast is computed, in one paragraph for the page and the API. */
export const FORECAST_HOW =
  `A straight line (least squares) through the daily values of the last ${FORECAST_WINDOW_DAYS / 7} weeks ` +
  `(${FORECAST_WINDOW_DAYS} days ending on the day shown), extended until it reaches the goal's target; ` +
  `metrics where lower is better must come down to it. At least ${FORECAST_MIN_POINTS} daily values are needed. ` +
  `"Not at this pace": the line is flat, goes the wrong way, or reaches the target only more than 3 years from now.`;

/**
 * When a goal's target will be reached at the pace of the last 8 weeks: a least-squares line
 * through the daily values of the FORECAST_WINDOW_DAYS days ending on `asOf` (days without a
 * value are left out), and the first day on which it is at or past the target.
 * Pure: the same input gives the same answer.
 */
export function forecastGoal(input: ForecastInput): GoalForecast {
  const asOf = dayNumber(input.asOf);
  const first = asOf - FORECAST_WINDOW_DAYS + 1;
  const minPoints = input.minPoints ?? FORECAST_MIN_POINTS;
  const values = input.points
    .map((point) => ({ x: dayNumber(point.day) - asOf, y: point.value }))
    .filter(
      (point): point is { x: number; y: number } => point.y !== null && Number.isFinite(point.y) && point.x + asOf >= first && point.x <= 0,
    )
    .sort((a, b) => a.x - b.x);
  const latest = values.length ? values[values.length - 1].y : null;
  const higher = input.direction === 'higher_is_better';
  const line = leastSquares(values);
  const base = { points: values.length, slopePerDay: line?.slope ?? null, latest };

  if (values.length < Math.max(minPoints, 2) || line === null) {
    return { ...base, status: 'not_enough_data', projectedDate: null, onTrack: null };
  }
  if (latest !== null && (higher ? latest >= input.target : latest <= input.target)) {
    return { ...base, status: 'reached', projectedDate: null, onTrack: true };
  }
  const towards = higher ? line.slope > 0 : line.slope < 0;
  if (!towards) return { ...base, status: 'not_at_this_pace', projectedDate: null, onTrack: false };
  // The line at x is intercept + slope * x; it meets the target at x* (days after asOf). A line
  // already past the target while the latest value is not: the next day is the earliest it can be.
  const crossing = (input.target - line.intercept) / line.slope;
  const days = Math.max(1, Math.ceil(crossing - 1e-9));
  if (days > FORECAST_HORIZON_DAYS) return { ...base, status: 'not_at_this_pace', projectedDate: null, onTrack: false };
  const projected = asOf + days;
  return { ...base, status: 'projected', projectedDate: dayOfNumber(projected), onTrack: projected <= dayNumber(input.by) };
}

/** The least-squares line y = intercept + slope * x; null with fewer than 2 points or all on one day. */
function leastSquares(points: ReadonlyArray<{ x: number; y: number }>): { slope: number; intercept: number } | null {
  if (points.length < 2) return null;
  const n = points.length;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / n;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const point of points) {
    sxx += (point.x - meanX) ** 2;
    sxy += (point.x - meanX) * (point.y - meanY);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}
