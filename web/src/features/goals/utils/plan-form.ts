import {
  effectiveFromProblem,
  ALERT_RULE_KEYS,
  DEFAULT_ALERT_RULES,
  formatIssuePath,
  LaunchPlanSchema,
  METRIC_CATALOGUE,
  METRIC_KEYS,
  isMetricKey,
  type LaunchPlan,
  type AlertRuleKey,
  type AlertRules,
  type LaunchPlanInput,
  type MetricKey,
} from '@uptake/shared';
import { isIsoDay } from '@/utils/date';

/** The plan as the edit form holds it: text as typed; shares as percentages (85 means 0.85). */
export interface PlanFormValues {
  launchDate: string;
  timezone: string;
  currency: string;
  departments: Array<{ name: string; seats: string; cost: string }>;
  goals: Array<{ department: string; metric: MetricKey | ''; target: string; by: string; baseline: string }>;
  weights: Record<MetricKey, string>;
  /** Each alert rule: on or off, and its setting as typed (the shelfware share as a percentage). */
  alerts: Record<AlertRuleKey, { enabled: boolean; value: string }>;
  changedBy: string;
  comment: string;
  /** The first day the new version is in force (YYYY-MM-DD); empty: the day it is saved. */
  effectiveFrom: string;
}

/** Field key -> message; keys are like "goals.0.target", "launchDate", "changedBy", or "form". */
export type PlanFormErrors = Record<string, string>;

const isShare = (metric: MetricKey) => METRIC_CATALOGUE[metric].unit === 'share';
const trimNumber = (value: number) => Number(value.toFixed(10));

/** The form's unit for a metric's targets: percent for shares, logins for logins per user. */
export function targetUnit(metric: MetricKey | ''): string {
  if (metric === '') return '';
  return isShare(metric) ? '%' : 'logins per user';
}

export function toFormValues(plan: LaunchPlan | null, today: string): PlanFormValues {
  const fromValue = (metric: MetricKey, value: number | undefined) =>
    value === undefined ? '' : String(trimNumber(isShare(metric) ? value * 100 : value));
  return {
    launchDate: plan?.launch_date ?? today,
    timezone: plan?.timezone ?? 'UTC',
    currency: plan?.currency ?? 'EUR',
    departments: (plan?.departments ?? []).map((d) => ({
      name: d.name,
      seats: String(d.seats),
      cost: String(d.licence_cost_per_seat_month),
    })),
    goals: (plan?.goals ?? []).map((g) => ({
      department: g.department,
      metric: g.metric,
      target: fromValue(g.metric, g.target),
      by: g.by,
      baseline: fromValue(g.metric, g.baseline),
    })),
    weights: Object.fromEntries(
      METRIC_KEYS.map((metric) => [metric, plan?.weights[metric] === undefined ? '' : String(plan.weights[metric])]),
    ) as Record<MetricKey, string>,
    alerts: alertFormValues(plan?.alerts ?? DEFAULT_ALERT_RULES),
    changedBy: '',
    comment: '',
    effectiveFrom: '',
  };
}

/** The setting each alert rule has, by its key in the plan file. */
export const ALERT_SETTING: Record<AlertRuleKey, { key: string; label: string; unit: string }> = {
  behind_ramp: { key: 'days', label: 'Days behind the ramp', unit: 'days' },
  week_drop: { key: 'points', label: 'Drop in a week', unit: 'points' },
  sync_stale: { key: 'periods', label: 'Schedule periods without a successful sync', unit: 'periods' },
  shelfware: { key: 'share', label: 'Shelfware above', unit: '% of seats' },
};

function alertFormValues(rules: AlertRules): PlanFormValues['alerts'] {
  return {
    behind_ramp: { enabled: rules.behind_ramp.enabled, value: String(rules.behind_ramp.days) },
    week_drop: { enabled: rules.week_drop.enabled, value: String(rules.week_drop.points) },
    sync_stale: { enabled: rules.sync_stale.enabled, value: String(rules.sync_stale.periods) },
    shelfware: { enabled: rules.shelfware.enabled, value: String(trimNumber(rules.shelfware.share * 100)) },
  };
}

/** The form's alert rules as the plan's `alerts:` section; a wrong number is reported under `alerts.<rule>`. */
function alertRulesOf(values: PlanFormValues['alerts'], errors: PlanFormErrors): AlertRules {
  const number = (rule: AlertRuleKey, check: (n: number) => boolean, message: string, fallback: number): number => {
    const parsed = parseNumber(values[rule].value);
    if (parsed === null || !check(parsed)) {
      errors[`alerts.${rule}`] = message;
      return fallback;
    }
    return parsed;
  };
  const whole = (n: number) => Number.isInteger(n) && n >= 1;
  return {
    behind_ramp: {
      enabled: values.behind_ramp.enabled,
      days: number('behind_ramp', (n) => whole(n) && n <= 365, 'Days must be a whole number from 1 to 365.', 7),
    },
    week_drop: {
      enabled: values.week_drop.enabled,
      points: number('week_drop', (n) => n > 0 && n <= 100, 'Points must be a number above 0, at most 100.', 10),
    },
    sync_stale: {
      enabled: values.sync_stale.enabled,
      periods: number('sync_stale', (n) => whole(n) && n <= 100, 'Periods must be a whole number from 1 to 100.', 2),
    },
    shelfware: {
      enabled: values.shelfware.enabled,
      share: trimNumber(number('shelfware', (n) => n > 0 && n <= 100, 'The share must be a percentage above 0, at most 100.', 30) / 100),
    },
  };
}

function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '' || !/^-?\d+(\.\d+)?$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** Turns a path of the plan ("goals[1].target", with or without a leading "plan.") into the form's field key. */
export function fieldKeyOfPlanPath(path: string): string {
  const parts = path
    .replace(/^plan\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  const [head, index, leaf] = parts;
  if (head === undefined) return 'form';
  if (head === 'launch_date') return 'launchDate';
  if (head === 'timezone' || head === 'currency') return head;
  if (head === 'changedBy' || head === 'comment' || head === 'effectiveFrom') return head;
  if (head === 'departments' && index !== undefined) {
    const field = leaf === 'licence_cost_per_seat_month' ? 'cost' : leaf === 'seats' ? 'seats' : 'name';
    return `departments.${index}.${field}`;
  }
  if (head === 'goals' && index !== undefined) {
    const field = leaf === 'department' || leaf === 'target' || leaf === 'by' || leaf === 'baseline' ? leaf : 'metric';
    return `goals.${index}.${field}`;
  }
  if (head === 'weights' && index !== undefined) return `weights.${index}`;
  if (head === 'alerts' && index !== undefined && (ALERT_RULE_KEYS as readonly string[]).includes(index)) return `alerts.${index}`;
  return 'form';
}

/**
 * Checks the form field by field (messages in the form's units), then the whole plan with the
 * shared LaunchPlanSchema (duplicate goals, unknown departments, dates before launch...).
 */
export function validatePlanForm(
  values: PlanFormValues,
  base: LaunchPlan | null,
): { plan: LaunchPlanInput | null; errors: PlanFormErrors } {
  const errors: PlanFormErrors = {};
  if (!isIsoDay(values.launchDate)) errors.launchDate = 'Enter the launch date as a calendar day.';
  if (values.changedBy.trim() === '') errors.changedBy = 'Nobody is signed in to change the plan: sign in again.';
  if (values.comment.trim().length > 400) errors.comment = 'Keep the comment under 400 characters.';
  if (values.effectiveFrom.trim() !== '' && isIsoDay(values.launchDate)) {
    const problem = effectiveFromProblem(values.effectiveFrom.trim(), values.launchDate);
    if (problem !== null) errors.effectiveFrom = `The day it takes effect: ${problem.replace(/^effective-from /, '')}.`;
  }
  if (!/^[A-Z]{3}$/.test(values.currency.trim())) errors.currency = 'Use a three-letter currency code such as EUR.';

  const departments = values.departments.map((department, index) => {
    const seats = parseNumber(department.seats);
    const cost = department.cost.trim() === '' ? 0 : parseNumber(department.cost);
    if (department.name.trim() === '') errors[`departments.${index}.name`] = 'Name the department.';
    if (seats === null || !Number.isInteger(seats) || seats < 0)
      errors[`departments.${index}.seats`] = 'Seats must be a whole number, 0 or more.';
    if (cost === null || cost < 0) errors[`departments.${index}.cost`] = 'The licence cost must be a number, 0 or more.';
    return { name: department.name.trim(), seats: seats ?? 0, licence_cost_per_seat_month: cost ?? 0 };
  });

  const goals = values.goals.map((goal, index) => {
    const key = (field: string) => `goals.${index}.${field}`;
    if (goal.department.trim() === '') errors[key('department')] = 'Pick a department or “All departments”.';
    if (!isMetricKey(goal.metric)) {
      errors[key('metric')] = 'Pick a metric.';
      return null;
    }
    const metric = goal.metric;
    const share = isShare(metric);
    const convert = (text: string, field: 'target' | 'baseline'): number | undefined => {
      const number = parseNumber(text);
      const label = field === 'target' ? 'The target' : 'The baseline';
      if (number === null) {
        errors[key(field)] = share
          ? `${label} must be a percentage from 0 to 100.`
          : `${label} must be a number of logins per user, 0 or more.`;
        return undefined;
      }
      if (share && (number < 0 || number > 100)) {
        errors[key(field)] = `${label} must be a percentage from 0 to 100.`;
        return undefined;
      }
      if (!share && number < 0) {
        errors[key(field)] = `${label} must be 0 or more.`;
        return undefined;
      }
      return share ? trimNumber(number / 100) : number;
    };
    const target = convert(goal.target, 'target');
    const baseline = goal.baseline.trim() === '' ? undefined : convert(goal.baseline, 'baseline');
    if (!isIsoDay(goal.by)) errors[key('by')] = 'Enter the target date as a calendar day.';
    return {
      department: goal.department.trim(),
      metric,
      target: target ?? 0,
      by: goal.by,
      ...(baseline === undefined ? {} : { baseline }),
    };
  });

  const weights: Partial<Record<MetricKey, number>> = {};
  for (const metric of METRIC_KEYS) {
    const text = values.weights[metric]?.trim() ?? '';
    if (text === '') continue;
    const weight = parseNumber(text);
    if (weight === null || weight <= 0) errors[`weights.${metric}`] = 'A weight must be a number greater than 0 (empty means 1).';
    else weights[metric] = weight;
  }

  // The whole-plan checks run even when a field is wrong (a wrong field stands in as 0 or is left
  // out), so one save reports every mistake; a field keeps its own message first.
  const plan: LaunchPlanInput = {
    launch_date: values.launchDate,
    timezone: values.timezone.trim() || 'UTC',
    currency: values.currency.trim(),
    departments,
    required_fields: base?.required_fields ?? {},
    weights,
    privacy: base?.privacy ?? { min_group_size: 5 },
    alerts: alertRulesOf(values.alerts, errors),
    goals: goals.filter((goal): goal is NonNullable<typeof goal> => goal !== null),
  };
  const parsed = LaunchPlanSchema.safeParse(plan);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldKeyOfPlanPath(formatIssuePath(issue.path));
      errors[field] ??= issue.message;
    }
  }
  return Object.keys(errors).length > 0 ? { plan: null, errors } : { plan, errors };
}

/** Server validation details (`[{ path: "plan.goals[0].target", message }]`) as form errors. */
export function errorsFromServer(details: unknown): PlanFormErrors {
  const errors: PlanFormErrors = {};
  if (!Array.isArray(details)) return errors;
  for (const detail of details) {
    if (detail && typeof detail === 'object' && 'message' in detail) {
      const path = 'path' in detail && typeof detail.path === 'string' ? detail.path : '';
      errors[fieldKeyOfPlanPath(path)] ??= String(detail.message);
    }
  }
  return errors;
}
