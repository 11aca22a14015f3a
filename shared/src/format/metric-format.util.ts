import { METRIC_CATALOGUE, type MetricKey } from '../metrics/metric-catalogue';
import type { HealthStatus } from '../rules/health.util';

/*
 * How people read metric values and health, in one place: the dashboard and the CLI's human
 * output say the same thing ("71.3%", "On track"). Machine output (the API, `metrics --json`)
 * keeps fractions and the status codes green/amber/red.
 */

/** What is printed for a value that does not exist. */
export const MISSING_VALUE = '—';

/** The health status in words. */
export const HEALTH_STATUS_LABELS: Readonly<Record<HealthStatus, string>> = {
  green: 'On track',
  amber: 'At risk',
  red: 'Behind plan',
};

/** Shown where a scope has no goal, so no health status. */
export const NO_GOAL_LABEL = 'No goal';

/** A share (0..1) as a percentage with one decimal: 0.7125 -> "71.3%". */
export function formatSharePercent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** A metric value in its unit: shares as percentages, per-user counts with one decimal, no value as "—". */
export function formatMetricValue(metric: MetricKey, value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return MISSING_VALUE;
  return METRIC_CATALOGUE[metric].unit === 'share' ? formatSharePercent(value) : value.toFixed(1);
}

/** A health score (0..100) with one decimal. */
export function formatHealthScore(health: number | null | undefined): string {
  return health === null || health === undefined ? MISSING_VALUE : health.toFixed(1);
}

/** The health status in words; "No goal" without one. */
export function healthStatusLabel(status: HealthStatus | null | undefined): string {
  return status ? HEALTH_STATUS_LABELS[status] : NO_GOAL_LABEL;
}
