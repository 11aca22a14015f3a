import type { LaunchPlanInput } from '@uptake/shared';
import { addDays } from '../../common/time.util';
import { demoLaunchDay, DEMO_TIMEZONE } from './demo-clock.util';
import { buildDemoCompany, DEMO_LAGGING_DEPARTMENT } from './demo-company.util';
import { parseDemoOptions } from './demo-options.schema';
import { DEMO_KEY_FIELDS } from './demo-records.util';

/** Monthly licence price per seat (EUR): sales seats carry the full sales-cloud licence. */
const LICENCE_COST_PER_SEAT_MONTH: Record<string, number> = {
  'Sales EMEA': 95,
  'Sales Americas': 95,
  'Sales APAC': 95,
  'Customer Success': 85,
  Marketing: 75,
  'Inside Sales': 80,
};

/** Seats bought for a department: its head count and some spare, so some licences lie unused. */
export function demoSeats(headCount: number): number {
  return headCount + Math.max(2, Math.round(headCount * 0.1));
}

/**
 * The launch plan that comes with the demo connection, for the connection options `options`
 * (defaults: seed "uptake", 320 people, launched 120 days before `now`). Its launch date is the
 * demo's, so the demo connection should store it as its `launch_date` option.
 */
export function demoLaunchPlan(now: number, options: Record<string, string> = {}): LaunchPlanInput {
  const demo = parseDemoOptions(options);
  const launch = demoLaunchDay(demo, now);
  const company = buildDemoCompany(demo.seed, demo.people);
  return {
    launch_date: launch,
    timezone: DEMO_TIMEZONE,
    currency: 'EUR',
    departments: company.departments.map(({ profile, headCount }) => ({
      name: profile.name,
      seats: demoSeats(headCount),
      licence_cost_per_seat_month: LICENCE_COST_PER_SEAT_MONTH[profile.name],
    })),
    required_fields: {
      opportunity: ['amount', 'close_date', 'next_step'],
      account: [...DEMO_KEY_FIELDS.account],
      contact: [...DEMO_KEY_FIELDS.contact],
    },
    weights: { active_users: 2, stale_opportunities: 1.5, record_completeness: 1, training_completion: 1, monthly_active_users: 1 },
    privacy: { min_group_size: 5 },
    goals: [
      { department: '*', metric: 'active_users', target: 0.85, by: addDays(launch, 90) },
      { department: '*', metric: 'monthly_active_users', target: 0.9, by: addDays(launch, 90) },
      { department: '*', metric: 'training_completion', target: 0.9, by: addDays(launch, 60) },
      { department: '*', metric: 'record_completeness', target: 0.8, by: addDays(launch, 120) },
      { department: '*', metric: 'stale_opportunities', target: 0.15, by: addDays(launch, 120) },
      { department: DEMO_LAGGING_DEPARTMENT, metric: 'stale_opportunities', target: 0.15, by: addDays(launch, 180), baseline: 0.4 },
    ],
  };
}
