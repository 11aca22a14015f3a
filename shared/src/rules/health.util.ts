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

/** Weighted mean of attainments times 100; null when no metric with a goal has a value. */
export function healthScore(parts: ReadonlyArray<{ attainment: number; weight: number }>): number | null {
  const totalWeight = parts.reduce((sum, part) => sum + part.weight, 0);
  if (parts.length === 0 || totalWeight <= 0) return null;
  const weighted = parts.reduce((sum, part) => sum + part.attainment * part.weight, 0);
  return (weighted / totalWeight) * 100;
}

export function healthStatus(health: number | null): HealthStatus | null {
  if (health === null) return null;
  if (health >= HEALTH_GREEN_FROM) return 'green';
  if (health >= HEALTH_AMBER_FROM) return 'amber';
  return 'red';
}
