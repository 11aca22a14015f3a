import { HEALTH_AMBER_FROM, HEALTH_GREEN_FROM } from '../metrics/definitions';
import type { MetricDirection } from '../metrics/metric-catalogue';

export type HealthStatus = 'green' | 'amber' | 'red';

const DAY_MS = 86_400_000;

function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Share of the way from launch to the goal's target date on `day`, clamped to [0, 1]. Dates are YYYY-MM-DD. */
export function rampProgress(day: string, launchDate: string, targetDate: string): number {
  const span = dayNumber(targetDate) - dayNumber(launchDate);
  if (span <= 0) return dayNumber(day) >= dayNumber(targetDate) ? 1 : 0;
  return clamp((dayNumber(day) - dayNumber(launchDate)) / span, 0, 1);
}

/** Expected value on `day`: baseline + (target - baseline) * progress. */
export function expectedValue(args: { day: string; launchDate: string; targetDate: string; target: number; baseline: number }): number {
  const progress = rampProgress(args.day, args.launchDate, args.targetDate);
  return args.baseline + (args.target - args.baseline) * progress;
}

/** Attainment of actual against expected, clamped to [0, 1]. */
export function attainment(actual: number, expected: number, direction: MetricDirection): number {
  if (direction === 'higher_is_better') {
    if (expected === 0) return 1;
    return clamp(actual / expected, 0, 1);
  }
  if (actual <= expected) return 1;
  if (expected >= 1) return 1;
  return clamp((1 - actual) / (1 - expected), 0, 1);
}

/**
 * How far apart two health scores (0 to 100) may be and still be equal: far below any difference
 * a person can mean (a billionth of a point), far above the rounding error of the arithmetic
 * (0.28 against 0.2 lower-is-better is 0.72 / 0.8 = 0.9, which floating point gives as
 * 0.8999999999999999, so 89.99999999999999 instead of 90).
 */
export const HEALTH_TOLERANCE = 1e-9;

/** Weighted mean of attainments times 100, to 10 decimals (so rounding noise never shows); null when no metric with a goal has a value. */
export function healthScore(parts: ReadonlyArray<{ attainment: number; weight: number }>): number | null {
  const totalWeight = parts.reduce((sum, part) => sum + part.weight, 0);
  if (parts.length === 0 || totalWeight <= 0) return null;
  const weighted = parts.reduce((sum, part) => sum + part.attainment * part.weight, 0);
  return Number(((weighted / totalWeight) * 100).toFixed(10));
}

/** The band of a health score: green from 90, amber from 70, else red; a score within HEALTH_TOLERANCE of a bound is on it. */
export function healthStatus(health: number | null): HealthStatus | null {
  if (health === null) return null;
  if (health >= HEALTH_GREEN_FROM - HEALTH_TOLERANCE) return 'green';
  if (health >= HEALTH_AMBER_FROM - HEALTH_TOLERANCE) return 'amber';
  return 'red';
}
