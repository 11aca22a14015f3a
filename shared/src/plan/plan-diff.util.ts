import { ALERT_RULE_KEYS } from '../alerts/alert-rules.schema';
import { ORGANISATION } from '../metrics/definitions';
import { METRIC_CATALOGUE, METRIC_KEYS, type MetricKey } from '../metrics/metric-catalogue';
import { metricWeight, type LaunchPlan, type PlanGoal } from './launch-plan.schema';

const ARROW = '→';

/** How the differences name things: the plan file's keys and raw values, or the dashboard's labels and units. */
export interface PlanDiffWording {
  /** A key of the plan file, e.g. launch_date, licence_cost_per_seat_month, privacy.min_group_size. */
  key(key: string): string;
  /** A department of a goal ("*" is every department). */
  department(department: string): string;
  metric(metric: MetricKey): string;
  /** A target or baseline of a metric. */
  value(metric: MetricKey, value: number): string;
}

/** The plan file's words: "goal * / active_users: target 0.85 → 0.8" (API, CLI). */
export const PLAN_FILE_WORDING: PlanDiffWording = {
  key: (key) => key.replace('.', ' '),
  department: (department) => department,
  metric: (metric) => metric,
  value: (_metric, value) => String(value),
};

const DASHBOARD_KEYS: Record<string, string> = {
  launch_date: 'launch date',
  timezone: 'time zone',
  currency: 'currency',
  seats: 'seats',
  licence_cost_per_seat_month: 'licence cost per seat and month',
  'privacy.min_group_size': 'smallest group shown',
};

/** The dashboard's words: "goal All departments / Active users (7 days): target 85% → 80%". */
export const DASHBOARD_WORDING: PlanDiffWording = {
  key: (key) => DASHBOARD_KEYS[key] ?? key,
  department: (department) => (department === ORGANISATION ? 'All departments' : department),
  metric: (metric) => METRIC_CATALOGUE[metric].label,
  value: (metric, value) =>
    METRIC_CATALOGUE[metric].unit === 'share' ? `${Number((value * 100).toFixed(4))}%` : `${value} logins per user`,
};

function show(value: string | undefined | null): string {
  return value === undefined || value === null ? 'none' : value;
}

function goalName(goal: Pick<PlanGoal, 'department' | 'metric'>, words: PlanDiffWording): string {
  return `goal ${words.department(goal.department)} / ${words.metric(goal.metric)}`;
}

function describeGoal(goal: PlanGoal, words: PlanDiffWording): string {
  return `target ${words.value(goal.metric, goal.target)} by ${goal.by}${goal.baseline === undefined ? '' : `, baseline ${words.value(goal.metric, goal.baseline)}`}`;
}

function scalarChanges(previous: LaunchPlan, next: LaunchPlan, words: PlanDiffWording): string[] {
  const changes: string[] = [];
  for (const key of ['launch_date', 'timezone', 'currency'] as const) {
    if (previous[key] !== next[key]) changes.push(`${words.key(key)} ${previous[key]} ${ARROW} ${next[key]}`);
  }
  return changes;
}

function departmentChanges(previous: LaunchPlan, next: LaunchPlan, words: PlanDiffWording): string[] {
  const seats = words.key('seats');
  const cost = words.key('licence_cost_per_seat_month');
  const changes: string[] = [];
  const before = new Map(previous.departments.map((department) => [department.name, department]));
  const after = new Set(next.departments.map((department) => department.name));
  for (const department of next.departments) {
    const old = before.get(department.name);
    if (!old) {
      changes.push(`department ${department.name} added (${seats} ${department.seats}, ${cost} ${department.licence_cost_per_seat_month})`);
      continue;
    }
    if (old.seats !== department.seats) changes.push(`department ${department.name}: ${seats} ${old.seats} ${ARROW} ${department.seats}`);
    if (old.licence_cost_per_seat_month !== department.licence_cost_per_seat_month) {
      changes.push(
        `department ${department.name}: ${cost} ${old.licence_cost_per_seat_month} ${ARROW} ${department.licence_cost_per_seat_month}`,
      );
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

function weightChanges(previous: LaunchPlan, next: LaunchPlan, words: PlanDiffWording): string[] {
  return METRIC_KEYS.flatMap((metric) => {
    const before = metricWeight(previous, metric);
    const after = metricWeight(next, metric);
    return before === after ? [] : [`weight ${words.metric(metric)}: ${before} ${ARROW} ${after}`];
  });
}

function goalChanges(previous: LaunchPlan, next: LaunchPlan, words: PlanDiffWording): string[] {
  const value = (goal: PlanGoal, number: number | undefined) => (number === undefined ? undefined : words.value(goal.metric, number));
  const key = (goal: PlanGoal) => `${goal.department}\u0000${goal.metric}`;
  const before = new Map(previous.goals.map((goal) => [key(goal), goal]));
  const after = new Set(next.goals.map(key));
  const changes: string[] = [];
  for (const goal of next.goals) {
    const old = before.get(key(goal));
    if (!old) {
      changes.push(`${goalName(goal, words)} added: ${describeGoal(goal, words)}`);
      continue;
    }
    if (old.target !== goal.target)
      changes.push(`${goalName(goal, words)}: target ${value(goal, old.target)} ${ARROW} ${value(goal, goal.target)}`);
    if (old.by !== goal.by) changes.push(`${goalName(goal, words)}: by ${old.by} ${ARROW} ${goal.by}`);
    if (old.baseline !== goal.baseline)
      changes.push(`${goalName(goal, words)}: baseline ${show(value(goal, old.baseline))} ${ARROW} ${show(value(goal, goal.baseline))}`);
  }
  for (const goal of previous.goals) {
    if (!after.has(key(goal))) changes.push(`${goalName(goal, words)} removed (was ${describeGoal(goal, words)})`);
  }
  return changes;
}

/** Alert rules turned on or off, or a setting changed: "alerts behind_ramp: days 7 → 5". */
function alertChanges(previous: LaunchPlan, next: LaunchPlan): string[] {
  return ALERT_RULE_KEYS.flatMap((rule) => {
    const before = previous.alerts[rule] as Record<string, number | boolean>;
    const after = next.alerts[rule] as Record<string, number | boolean>;
    return Object.keys(after)
      .filter((setting) => before[setting] !== after[setting])
      .map((setting) =>
        setting === 'enabled'
          ? `alerts ${rule}: ${before.enabled ? 'on' : 'off'} ${ARROW} ${after.enabled ? 'on' : 'off'}`
          : `alerts ${rule}: ${setting} ${String(before[setting])} ${ARROW} ${String(after[setting])}`,
      );
  });
}

/**
 * The differences between two launch plan versions as human-readable lines, in the order of the
 * plan file: dates and currency, departments, required fields, weights, privacy, goals, alert rules. A weight
 * left out counts as its default (1). No previous version (the first plan): no differences.
 * `words` names keys, metrics and values (default: as the plan file does).
 */
export function diffPlans(previous: LaunchPlan | null, next: LaunchPlan, words: PlanDiffWording = PLAN_FILE_WORDING): string[] {
  if (previous === null) return [];
  const changes = [
    ...scalarChanges(previous, next, words),
    ...departmentChanges(previous, next, words),
    ...requiredFieldChanges(previous, next),
    ...weightChanges(previous, next, words),
  ];
  if (previous.privacy.min_group_size !== next.privacy.min_group_size) {
    changes.push(`${words.key('privacy.min_group_size')} ${previous.privacy.min_group_size} ${ARROW} ${next.privacy.min_group_size}`);
  }
  return [...changes, ...goalChanges(previous, next, words), ...alertChanges(previous, next)];
}
