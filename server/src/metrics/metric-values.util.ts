import type { MetricValues } from '@uptake/shared';
import type { DepartmentCounts } from './metrics.repository';

export type ScopeCounts = Omit<DepartmentCounts, 'department'>;

export const NO_COUNTS: ScopeCounts = {
  seatHolders: 0,
  activeUsers7: 0,
  activeUsers30: 0,
  logins7: 0,
  completenessSum: 0,
  trackedRecords: 0,
  openOpportunities: 0,
  staleOpportunities: 0,
  trainedSeatHolders: 0,
  activeContributors7: 0,
  activities7: 0,
};

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** The metrics from their counts; null where the denominator is 0 or no course is required. */
export function metricValues(counts: ScopeCounts, requiredCourses: number): MetricValues {
  return {
    active_users: ratio(counts.activeUsers7, counts.seatHolders),
    monthly_active_users: ratio(counts.activeUsers30, counts.seatHolders),
    logins_per_user: ratio(counts.logins7, counts.seatHolders),
    record_completeness: ratio(counts.completenessSum, counts.trackedRecords),
    stale_opportunities: ratio(counts.staleOpportunities, counts.openOpportunities),
    training_completion: requiredCourses > 0 ? ratio(counts.trainedSeatHolders, counts.seatHolders) : null,
    active_contributors: ratio(counts.activeContributors7, counts.seatHolders),
    activities_per_user: ratio(counts.activities7, counts.seatHolders),
  };
}

/** Organisation counts: every seat holder is in exactly one department, so numerators and denominators add up. */
export function sumCounts(parts: readonly ScopeCounts[]): ScopeCounts {
  const total = { ...NO_COUNTS };
  for (const part of parts) {
    for (const key of Object.keys(total) as Array<keyof ScopeCounts>) total[key] += part[key];
  }
  return total;
}

/** Orders department names the same way everywhere (by code point, not by locale). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
