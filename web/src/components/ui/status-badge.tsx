import type { HealthStatus } from '@uptake/shared';

export const STATUS_LABEL: Record<HealthStatus, string> = {
  green: 'On track',
  amber: 'At risk',
  red: 'Behind plan',
};

/** The health status as a coloured badge that also says it in words. */
export function StatusBadge({ status, noGoalText = 'No goal' }: { status: HealthStatus | null | undefined; noGoalText?: string }) {
  if (!status) return <span className="badge badge-none">{noGoalText}</span>;
  return <span className={`badge badge-${status}`}>{STATUS_LABEL[status]}</span>;
}
