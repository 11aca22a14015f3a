import { METRIC_CATALOGUE, METRIC_KEYS, type DepartmentMetrics, type MetricGap, type TeamGap } from '@uptake/shared';
import { compareNames } from '../metrics/metric-values.util';

/** How far a metric is behind its expected value, signed so that positive means behind plan. */
export function metricGap(metric: MetricGap['metric'], expected: number, actual: number | null, attainment: number | null): MetricGap {
  const behind = actual === null ? null : METRIC_CATALOGUE[metric].direction === 'higher_is_better' ? expected - actual : actual - expected;
  return { metric, expected, actual, gap: behind, attainment };
}

/** Furthest behind first: lowest attainment, then largest gap; metrics without a value last. */
function compareGaps(a: MetricGap, b: MetricGap): number {
  if ((a.attainment === null) !== (b.attainment === null)) return a.attainment === null ? 1 : -1;
  return (a.attainment ?? 0) - (b.attainment ?? 0) || (b.gap ?? 0) - (a.gap ?? 0);
}

/** A department's health and its gaps to plan, from the department's line of the metrics report. */
export function teamGap(department: DepartmentMetrics): TeamGap {
  const gaps = METRIC_KEYS.flatMap((metric) => {
    const expected = department.expected[metric];
    const actual = department.metrics[metric];
    if (expected === undefined || actual === null) return [];
    return [metricGap(metric, expected, actual, department.attainment?.[metric] ?? null)];
  }).sort(compareGaps);
  return {
    department: department.department,
    seatHolders: department.seatHolders,
    health: department.health,
    status: department.status,
    largestShortfall: gaps[0] ?? null,
    gaps,
  };
}

/** Teams furthest from plan first: lowest health (none last), then largest shortfall, then by name. */
export function rankTeams(departments: readonly DepartmentMetrics[]): TeamGap[] {
  return departments.map(teamGap).sort((a, b) => {
    if ((a.health === null) !== (b.health === null)) return a.health === null ? 1 : -1;
    return (
      (a.health ?? 0) - (b.health ?? 0) ||
      (b.largestShortfall?.gap ?? 0) - (a.largestShortfall?.gap ?? 0) ||
      compareNames(a.department, b.department)
    );
  });
}
