import type { DataCoverage, MetricKey } from '@uptake/shared';
import { daysBetweenIso } from './date';

/** Metrics computed from logins: without any login data they are unknown, not 0. */
export const LOGIN_METRICS: readonly MetricKey[] = ['active_users', 'monthly_active_users', 'logins_per_user'];

export const NO_LOGIN_DATA = 'no login data';

export function isLoginMetric(metric: MetricKey): boolean {
  return LOGIN_METRICS.includes(metric);
}

export function hasLoginData(coverage: DataCoverage): boolean {
  return coverage.loginsFrom !== null;
}

/**
 * Past this many days after the newest data, every 7-day window is empty: the day reads as
 * nobody active and everything stale, which says more about the data than about adoption.
 */
export const DATA_ENDS_NOTICE_DAYS = 7;

/** The day the data ends when `day` is more than DATA_ENDS_NOTICE_DAYS after it; else null. */
export function dataEndsLongBefore(coverage: DataCoverage, day: string): string | null {
  const end = coverage.dataEndsOn;
  return end !== null && daysBetweenIso(end, day) > DATA_ENDS_NOTICE_DAYS ? end : null;
}
