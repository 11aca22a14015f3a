import { METRIC_KEYS } from '../metrics/metric-catalogue';
import { metricWeight, type LaunchPlan, type PlanGoal } from './launch-plan.schema';

const ARROW = '→';

function show(value: string | number | undefined | null): string {
  return value === undefined || value === null ? 'none' : String(value);
}

function goalName(goal: Pick<PlanGoal, 'department' | 'metric'>): string {
  return `goal ${goal.department} / ${goal.metric}`;
}

function describeGoal(goal: PlanGoal): string {
  return `target ${goal.target} by ${goal.by}${goal.baseline === undefined ? '' : `, baseline ${goal.baseline}`}`;
}

function scalarChanges(previous: LaunchPlan, next: LaunchPlan): string[] {
  const changes: string[] = [];
  for (const key of ['launch_date', 'timezone', 'currency'] as const) {
    if (previous[key] !== next[key]) changes.push(`${key} ${previous[key]} ${ARROW} ${next[key]}`);
  }
  return changes;
}

function departmentChanges(previous: LaunchPlan, next: LaunchPlan): string[] {
  const changes: string[] = [];
  const before = new Map(previous.departments.map((department) => [department.name, department]));
  const after = new Set(next.departments.map((department) => department.name));
  for (const department of next.departments) {
    const old = before.get(department.name);
    if (!old) {
      changes.push(`department ${department.name} added (seats ${department.seats}, licence_cost_per_seat_month ${department.licence_cost_per_seat_month})`);
      continue;
    }
    if (old.seats !== department.seats) changes.push(`department ${department.name}: seats ${old.seats} ${ARROW} ${department.seats}`);
    if (old.licence_cost_per_seat_month !== department.licence_cost_per_seat_month) {
      changes.push(`department ${department.name}: licence_cost_per_seat_month ${old.licence_cost_per_seat_month} ${ARROW} ${department.licence_cost_per_seat_month}`);
    }
  }
  for (const department of previous.departments) {
    if (!after.has(department.name)) changes.push(`department ${department.name} removed`);
  }
  return changes;
}

function requiredFieldChanges(previous: LaunchPlan, next: LaunchPlan): string[] {
  const changes: string[] = [];
  const objects = [...new Set([...Object.keys(previous.required_fields), ...Object.keys(next.required_fields)])].sort();
  for (const object of objects) {
    const before = new Set(previous.required_fields[object] ?? []);
    const after = new Set(next.required_fields[object] ?? []);
    const added = [...after].filter((field) => !before.has(field)).sort();
    const removed = [...before].filter((field) => !after.has(field)).sort();
    if (added.length) changes.push(`required fields of ${object}: added ${added.join(', ')}`);
    if (removed.length) changes.push(`required fields of ${object}: removed ${removed.join(', ')}`);
  }
  return changes;
}

function weightChanges(previous: LaunchPlan, next: LaunchPlan): string[] {
  return METRIC_KEYS.flatMap((metric) => {
    const before = metricWeight(previous, metric);
    const after = metricWeight(next, metric);
    return before === after ? [] : [`weight ${metric}: ${before} ${ARROW} ${after}`];
  });
}

function goalChanges(previous: LaunchPlan, next: LaunchPlan): string[] {
  const key = (goal: PlanGoal) => `${goal.department}\u0000${goal.metric}`;
  const before = new Map(previous.goals.map((goal) => [key(goal), goal]));
  const after = new Set(next.goals.map(key));
  const changes: string[] = [];
  for (const goal of next.goals) {
    const old = before.get(key(goal));
    if (!old) {
      changes.push(`${goalName(goal)} added: ${describeGoal(goal)}`);
      continue;
    }
    if (old.target !== goal.target) changes.push(`${goalName(goal)}: target ${old.target} ${ARROW} ${goal.target}`);
    if (old.by !== goal.by) changes.push(`${goalName(goal)}: by ${old.by} ${ARROW} ${goal.by}`);
    if (old.baseline !== goal.baseline) changes.push(`${goalName(goal)}: baseline ${show(old.baseline)} ${ARROW} ${show(goal.baseline)}`);
  }
  for (const goal of previous.goals) {
    if (!after.has(key(goal))) changes.push(`${goalName(goal)} removed (was ${describeGoal(goal)})`);
  }
  return changes;
}

/**
 * The differences between two launch plan versions as human-readable lines, in the order of the
 * plan file: dates and currency, departments, required fields, weights, privacy, goals. A weight
 * left out counts as its default (1). No previous version (the first plan): no differences.
 */
export function diffPlans(previous: LaunchPlan | null, next: LaunchPlan): string[] {
  if (previous === null) return [];
  const changes = [
    ...scalarChanges(previous, next),
    ...departmentChanges(previous, next),
    ...requiredFieldChanges(previous, next),
    ...weightChanges(previous, next),
  ];
  if (previous.privacy.min_group_size !== next.privacy.min_group_size) {
    changes.push(`privacy min_group_size ${previous.privacy.min_group_size} ${ARROW} ${next.privacy.min_group_size}`);
  }
  return [...changes, ...goalChanges(previous, next)];
}
