import { METRIC_CATALOGUE, MISSING_VALUE, type MetricKey } from '@uptake/shared';

// The value formats are written once in shared/ (the CLI's human output uses them too).
export { formatHealthScore as formatHealth, formatMetricValue as formatMetric, formatSharePercent as formatShare } from '@uptake/shared';

/** What the dashboard prints for a value that does not exist. */
export const MISSING = MISSING_VALUE;

/** Why a metric has no value, in a few words a reader understands. */
export function missingReason(metric: MetricKey, seatHolders: number | null | undefined): string {
  if (seatHolders === 0) return 'no seat holders';
  switch (metric) {
    case 'training_completion':
      return 'no required course';
    case 'record_completeness':
      return 'no tracked records';
    case 'stale_opportunities':
      return 'no open opportunities';
    default:
      return 'no data for this day';
  }
}

/**
 * Change from `earlier` to `current`: percentage points for shares ("+2.5 pts"), plain
 * difference for logins per user ("-0.4"); null when either side is missing.
 */
export function formatChange(metric: MetricKey, current: number | null | undefined, earlier: number | null | undefined): string | null {
  if (current === null || current === undefined || earlier === null || earlier === undefined) return null;
  const isShare = METRIC_CATALOGUE[metric].unit === 'share';
  const difference = isShare ? (current - earlier) * 100 : current - earlier;
  const rounded = Number(difference.toFixed(1));
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
  return `${sign}${Math.abs(rounded).toFixed(1)}${isShare ? ' pts' : ''}`;
}

/** Whether a change is an improvement given the metric's direction; null when there is no change. */
export function changeIsGood(metric: MetricKey, current: number | null | undefined, earlier: number | null | undefined): boolean | null {
  if (current === null || current === undefined || earlier === null || earlier === undefined) return null;
  const rounded = Number(((current - earlier) * (METRIC_CATALOGUE[metric].unit === 'share' ? 100 : 1)).toFixed(1));
  if (rounded === 0) return null;
  return METRIC_CATALOGUE[metric].direction === 'higher_is_better' ? rounded > 0 : rounded < 0;
}

/** Money in the plan's currency, whole units: 1234.5 EUR -> "€1,235". */
export function formatMoney(amount: number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) return MISSING;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(amount);
}

/** Money with cents, for small amounts such as the cost per active user. */
export function formatMoneyPrecise(amount: number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) return MISSING;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
}

/** A whole count with thousands separators. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? MISSING : new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(value);
}

/** A decimal with one digit, e.g. average weekly logins. */
export function formatDecimal(value: number | null | undefined): string {
  return value === null || value === undefined ? MISSING : value.toFixed(1);
}

/** An instant (ISO text) as "2026-03-01 09:30" in the reader's time zone. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A duration between two instants as "1 min 5 s" / "850 ms". */
export function formatDuration(fromIso: string, toIso: string | null | undefined, now: number = Date.now()): string {
  const end = toIso ? new Date(toIso).getTime() : now;
  const ms = Math.max(0, end - new Date(fromIso).getTime());
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${seconds % 60} s`;
}
