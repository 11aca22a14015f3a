import type { LaunchPlan } from '@uptake/shared';
import { addDays, dayOf } from '../common/time.util';

/**
 * When a person's required training is due (DESIGN.md launch plan `training`): the plan's fixed
 * `due_by`, or `due_within_days` after their start, the day their user was created in the plan's
 * time zone (unknown: the launch date; before the launch: the launch date too, as nobody trains on
 * a CRM before it is there). Null when the plan sets no due time.
 */
export function trainingDueDate(plan: LaunchPlan | null, createdAt: number | null | undefined): string | null {
  const training = plan?.training;
  if (!plan || !training) return null;
  if (training.due_by !== undefined) return training.due_by;
  if (training.due_within_days === undefined) return null;
  const created = createdAt === null || createdAt === undefined ? null : dayOf(createdAt, plan.timezone);
  const start = created === null || created < plan.launch_date ? plan.launch_date : created;
  return addDays(start, training.due_within_days);
}

/** Overdue on `asOf`: training incomplete and due before that day. */
export function isTrainingOverdue(dueDate: string | null, incomplete: boolean, asOf: string): boolean {
  return incomplete && dueDate !== null && dueDate < asOf;
}
