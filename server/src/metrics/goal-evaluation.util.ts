import {
  attainment,
  expectedValue,
  goalFor,
  healthScore,
  healthStatus,
  METRIC_CATALOGUE,
  METRIC_KEYS,
  metricWeight,
  type HealthStatus,
  type LaunchPlan,
  type MetricKey,
  type MetricValues,
} from '@uptake/shared';

export type PartialMetricValues = Partial<Record<MetricKey, number>>;

export interface GoalEvaluation {
  /** Expected value (the plan ramp) of every metric that has a goal. */
  expected: PartialMetricValues;
  /** Attainment of every metric that has a goal and a value. */
  attainment: PartialMetricValues;
  health: number | null;
  status: HealthStatus | null;
}

/** Does any goal that applies to `scope` ('*' for the organisation) need the value measured at launch? */
export function needsLaunchValues(plan: LaunchPlan | null, scope: string): boolean {
  return (
    plan !== null &&
    METRIC_KEYS.some((metric) => {
      const goal = goalFor(plan, scope, metric);
      return goal !== undefined && goal.baseline === undefined;
    })
  );
}

/**
 * Expected values on `day` for `scope`: its own goal, else the "*" goal. A goal without a baseline
 * starts from the value measured at the launch date (`atLaunch`), or 0 where nothing was measured.
 */
export function expectedValues(plan: LaunchPlan | null, scope: string, day: string, atLaunch: MetricValues | null): PartialMetricValues {
  const expected: PartialMetricValues = {};
  if (plan === null) return expected;
  for (const metric of METRIC_KEYS) {
    const goal = goalFor(plan, scope, metric);
    if (goal === undefined) continue;
    expected[metric] = expectedValue({
      day,
      launchDate: plan.launch_date,
      targetDate: goal.by,
      target: goal.target,
      baseline: goal.baseline ?? atLaunch?.[metric] ?? 0,
    });
  }
  return expected;
}

/** Expected values, attainments and health of one scope on `day`. */
export function evaluateGoals(
  plan: LaunchPlan | null,
  scope: string,
  day: string,
  values: MetricValues,
  atLaunch: MetricValues | null,
): GoalEvaluation {
  const expected = expectedValues(plan, scope, day, atLaunch);
  const attained: PartialMetricValues = {};
  const parts: Array<{ attainment: number; weight: number }> = [];
  for (const metric of METRIC_KEYS) {
    const target = expected[metric];
    const actual = values[metric];
    if (target === undefined || actual === null || plan === null) continue;
    attained[metric] = attainment(actual, target, METRIC_CATALOGUE[metric].direction);
    parts.push({ attainment: attained[metric], weight: metricWeight(plan, metric) });
  }
  const health = healthScore(parts);
  return { expected, attainment: attained, health, status: healthStatus(health) };
}
