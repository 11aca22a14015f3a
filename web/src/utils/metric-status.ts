import { attainment, healthStatus, METRIC_CATALOGUE, type HealthStatus, type MetricKey } from '@uptake/shared';

/**
 * Attainment of one metric: the one the API computed, else actual against expected by the rule
 * in @uptake/shared; null when the metric has no goal (no expected value) or no value.
 */
export function metricAttainment(
  metric: MetricKey,
  actual: number | null | undefined,
  expected: number | null | undefined,
  given?: number | null,
): number | null {
  if (given !== undefined && given !== null) return given;
  if (actual === null || actual === undefined || expected === null || expected === undefined) return null;
  return attainment(actual, expected, METRIC_CATALOGUE[metric].direction);
}

/** The health colours applied to one metric: attainment x 100 against 90 and 70. */
export function attainmentStatus(value: number | null): HealthStatus | null {
  return value === null ? null : healthStatus(value * 100);
}
