import { HEALTH_STATUS_LABELS, NO_GOAL_LABEL, type HealthStatus } from '@uptake/shared';

/** The status words, written once in shared/ (the CLI says the same). */
export const STATUS_LABEL = HEALTH_STATUS_LABELS;

/** The health status as a coloured badge that also says it in words. */
export function StatusBadge({ status, noGoalText = NO_GOAL_LABEL }: { status: HealthStatus | null | undefined; noGoalText?: string }) {
  if (!status) return <span className="badge badge-none">{noGoalText}</span>;
  return <span className={`badge badge-${status}`}>{STATUS_LABEL[status]}</span>;
}
