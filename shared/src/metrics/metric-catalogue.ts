/** The metric catalogue: every adoption metric Uptake computes, with the definition shown next to each number. */
export const METRIC_KEYS = [
  'active_users',
  'monthly_active_users',
  'logins_per_user',
  'record_completeness',
  'stale_opportunities',
  'training_completion',
  'active_contributors',
  'activities_per_user',
] as const;

export type MetricKey = (typeof METRIC_KEYS)[number];
export type MetricDirection = 'higher_is_better' | 'lower_is_better';
export type MetricUnit = 'share' | 'count_per_user';

export interface MetricDefinition {
  key: MetricKey;
  label: string;
  unit: MetricUnit;
  direction: MetricDirection;
  /** One sentence a user can read next to the number. */
  definition: string;
}

const SEAT_HOLDERS = 'Seat holders are active, licensed, non-integration CRM users of the department created on or before the day.';
const COUNTED_LOGIN = 'A login counts when it succeeded and was not made through the API.';

export const METRIC_CATALOGUE: Record<MetricKey, MetricDefinition> = {
  active_users: {
    key: 'active_users',
    label: 'Active users (7 days)',
    unit: 'share',
    direction: 'higher_is_better',
    definition: `Share of seat holders with at least one counted login in the 7 days ending on the day. ${COUNTED_LOGIN} ${SEAT_HOLDERS}`,
  },
  monthly_active_users: {
    key: 'monthly_active_users',
    label: 'Active users (30 days)',
    unit: 'share',
    direction: 'higher_is_better',
    definition: `Share of seat holders with at least one counted login in the 30 days ending on the day. ${COUNTED_LOGIN} ${SEAT_HOLDERS}`,
  },
  logins_per_user: {
    key: 'logins_per_user',
    label: 'Logins per user (7 days)',
    unit: 'count_per_user',
    direction: 'higher_is_better',
    definition: `Counted logins of seat holders in the 7 days ending on the day, divided by the number of seat holders. ${COUNTED_LOGIN}`,
  },
  record_completeness: {
    key: 'record_completeness',
    label: 'Record completeness',
    unit: 'share',
    direction: 'higher_is_better',
    definition:
      'Mean, over records owned by seat holders (not deleted, created by the day), of the share of the launch plan’s required fields that are filled. Empty values and placeholders such as "n/a", "tbd", "-" or "unknown" do not count as filled.',
  },
  stale_opportunities: {
    key: 'stale_opportunities',
    label: 'Stale opportunities',
    unit: 'share',
    direction: 'lower_is_better',
    definition:
      'Share of the open opportunities of seat holders that are stale: not created, modified or worked on in the last 30 days, or past their close date.',
  },
  training_completion: {
    key: 'training_completion',
    label: 'Training completion',
    unit: 'share',
    direction: 'higher_is_better',
    definition: 'Share of seat holders who completed every required course by the day. Empty when no course is marked required.',
  },
  active_contributors: {
    key: 'active_contributors',
    label: 'Active contributors (7 days)',
    unit: 'share',
    direction: 'higher_is_better',
    definition: `Share of seat holders who did work in the CRM in the 7 days ending on the day: own an activity (call, email, meeting, task, note) that took place in those days, or own an opportunity or record created in them. Work, not presence: a login alone does not count. ${SEAT_HOLDERS}`,
  },
  activities_per_user: {
    key: 'activities_per_user',
    label: 'Activities per user (7 days)',
    unit: 'count_per_user',
    direction: 'higher_is_better',
    definition:
      'Activities (calls, emails, meetings, tasks, notes) owned by seat holders that took place in the 7 days ending on the day, divided by the number of seat holders. Deleted activities do not count.',
  },
};

export function isMetricKey(value: string): value is MetricKey {
  return (METRIC_KEYS as readonly string[]).includes(value);
}

/** Metric values of one scope; null where the metric is undefined (no seat holders, empty denominator). */
export type MetricValues = Record<MetricKey, number | null>;
