import type { AlertRuleKey, AlertRules, LaunchPlan, MetricKey } from '@uptake/shared';

/** One department's snapshot of one day. */
export interface DaySnapshot {
  seatHolders: number;
  values: Partial<Record<MetricKey, number | null>>;
}

export interface DepartmentFacts {
  department: string;
  /** Snapshots by day (YYYY-MM-DD), for the days the rules look back on. */
  days: ReadonlyMap<string, DaySnapshot>;
  /** Values measured at the launch date: the baseline of goals that name none. */
  atLaunch: Partial<Record<MetricKey, number | null>> | null;
}

export interface ConnectionFacts {
  name: string;
  schedule: string;
  createdAt: number;
  /** Gap between two ticks of its schedule, in ms. */
  periodMs: number;
  /** When its newest successful sync finished; null: never. */
  lastSuccessAt: number | null;
  lastRun: { status: string; at: number } | null;
}

/** Everything the rules read, gathered once per evaluation (alert-facts.repository.ts). */
export interface AlertFacts {
  /** The day evaluated: the newest with snapshots (plan time zone). */
  day: string;
  now: number;
  timezone: string;
  plan: LaunchPlan | null;
  departments: readonly DepartmentFacts[];
  connections: readonly ConnectionFacts[];
}

/** A condition that holds now; its key says which alert it is, so an open one is never alerted twice. */
export interface AlertCondition {
  rule: AlertRuleKey;
  /** A department, or "*" for the whole installation. */
  department: string;
  metric: MetricKey | null;
  subject: string | null;
  /** The first day the condition held. */
  startedOn: string;
  title: string;
  detail: string;
}

/** A rule: one pure function of the facts and its settings from the plan's `alerts:` section. */
export interface AlertRule<K extends AlertRuleKey = AlertRuleKey> {
  key: K;
  /** Days of snapshots before `facts.day` it needs. */
  lookBackDays(settings: AlertRules[K]): number;
  evaluate(facts: AlertFacts, settings: AlertRules[K]): AlertCondition[];
}

export function conditionKey(condition: Pick<AlertCondition, 'rule' | 'department' | 'metric' | 'subject'>): string {
  return [condition.rule, condition.department, condition.metric ?? '', condition.subject ?? ''].join('\u001f');
}
