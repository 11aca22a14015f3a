import { formatMetricValue, METRIC_CATALOGUE, METRIC_KEYS, type MetricKey } from '@uptake/shared';
import { addDays } from '../../common/time.util';
import type { AlertCondition, AlertRule, DepartmentFacts } from './alert-rule';

/** How far back the start of a drop is looked for. */
const DROP_HISTORY_DAYS = 30;
const EPSILON = 1e-9;

/** Points (of 100) a share metric got worse from 7 days before `day`; null without both values. */
export function weekWorsening(department: DepartmentFacts, metric: MetricKey, day: string): number | null {
  const now = department.days.get(day)?.values[metric];
  const before = department.days.get(addDays(day, -7))?.values[metric];
  if (now === null || now === undefined || before === null || before === undefined) return null;
  const change = (now - before) * 100;
  return METRIC_CATALOGUE[metric].direction === 'higher_is_better' ? -change : change;
}

/**
 * A department's share metric got more than `points` percentage points worse than 7 days before
 * (a fall for higher-is-better metrics, a rise for lower-is-better ones). Per-user counts are not
 * in points and are left out. The alert starts on the first day of the run of such days.
 */
export const weekDropRule: AlertRule<'week_drop'> = {
  key: 'week_drop',
  lookBackDays: () => DROP_HISTORY_DAYS + 7,
  evaluate(facts, settings) {
    const conditions: AlertCondition[] = [];
    const drops = (department: DepartmentFacts, metric: MetricKey, day: string) => {
      const worsening = weekWorsening(department, metric, day);
      return worsening !== null && worsening > settings.points + EPSILON;
    };
    for (const department of facts.departments) {
      for (const metric of METRIC_KEYS) {
        if (METRIC_CATALOGUE[metric].unit !== 'share' || !drops(department, metric, facts.day)) continue;
        let streak = 1;
        while (streak < DROP_HISTORY_DAYS && drops(department, metric, addDays(facts.day, -streak))) streak += 1;
        const label = METRIC_CATALOGUE[metric].label;
        const now = department.days.get(facts.day)?.values[metric] ?? null;
        const before = department.days.get(addDays(facts.day, -7))?.values[metric] ?? null;
        const points = Math.round((weekWorsening(department, metric, facts.day) ?? 0) * 10) / 10;
        conditions.push({
          rule: 'week_drop',
          department: department.department,
          metric,
          subject: null,
          startedOn: addDays(facts.day, -(streak - 1)),
          title: `${label} of ${department.department} got ${points} points worse in a week`,
          detail: `${label}: ${formatMetricValue(metric, now)} on ${facts.day} against ${formatMetricValue(metric, before)} on ${addDays(facts.day, -7)} (more than ${settings.points} points worse).`,
        });
      }
    }
    return conditions;
  },
};
