import { attainment, expectedValue, formatMetricValue, goalFor, METRIC_CATALOGUE, METRIC_KEYS } from '@uptake/shared';
import { addDays } from '../../common/time.util';
import type { AlertCondition, AlertRule } from './alert-rule';

/** How far back the start of a streak is looked for ("behind since"). */
export const BEHIND_RAMP_HISTORY_DAYS = 120;
/** Attainment below this is "behind" (rounding noise of a value equal to the ramp is not). */
const ON_TRACK = 1 - 1e-9;

/**
 * A department's metric is behind its ramp: on each of the last `days` days its snapshot value is
 * worse than the expected value (attainment below 1, DESIGN "Goals set at launch"). Days before
 * the launch, without a snapshot or without a value break the streak. The alert starts on the
 * first day of the streak.
 */
export const behindRampRule: AlertRule<'behind_ramp'> = {
  key: 'behind_ramp',
  lookBackDays: (settings) => Math.max(settings.days, BEHIND_RAMP_HISTORY_DAYS),
  evaluate(facts, settings) {
    const plan = facts.plan;
    if (plan === null) return [];
    const conditions: AlertCondition[] = [];
    for (const department of facts.departments) {
      for (const metric of METRIC_KEYS) {
        const goal = goalFor(plan, department.department, metric);
        if (goal === undefined) continue;
        const baseline = goal.baseline ?? department.atLaunch?.[metric] ?? 0;
        const expectedOn = (day: string) =>
          expectedValue({ day, launchDate: plan.launch_date, targetDate: goal.by, target: goal.target, baseline });
        const behindOn = (day: string): boolean => {
          if (day < plan.launch_date) return false;
          const value = department.days.get(day)?.values[metric];
          if (value === null || value === undefined) return false;
          return attainment(value, expectedOn(day), METRIC_CATALOGUE[metric].direction) < ON_TRACK;
        };
        let streak = 0;
        while (streak < BEHIND_RAMP_HISTORY_DAYS && behindOn(addDays(facts.day, -streak))) streak += 1;
        if (streak < settings.days) continue;
        const since = addDays(facts.day, -(streak - 1));
        const value = department.days.get(facts.day)?.values[metric] ?? null;
        const label = METRIC_CATALOGUE[metric].label;
        conditions.push({
          rule: 'behind_ramp',
          department: department.department,
          metric,
          subject: null,
          startedOn: since,
          title: `${department.department} is behind plan on ${label}`,
          detail:
            `${label}: ${formatMetricValue(metric, value)} on ${facts.day} against ${formatMetricValue(metric, expectedOn(facts.day))} expected by the ramp ` +
            `(target ${formatMetricValue(metric, goal.target)} by ${goal.by}); behind every day since ${since} (${streak} days${streak >= BEHIND_RAMP_HISTORY_DAYS ? ' or more' : ''}).`,
        });
      }
    }
    return conditions;
  },
};
