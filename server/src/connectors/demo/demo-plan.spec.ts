import { goalFor, LaunchPlanSchema } from '@uptake/shared';
import { demoLaunchPlan } from './demo-plan';

describe(demoLaunchPlan.name, () => {
  // 2026-05-05 minus the default 120 days is 2026-01-05 (see demo-clock.util.spec.ts).
  const now = Date.parse('2026-05-05T10:00:00Z');

  it('is a valid launch plan', () => {
    expect(LaunchPlanSchema.safeParse(demoLaunchPlan(now)).success).toBe(true);
  });

  it('launches when the demo company did, in UTC and EUR', () => {
    const sut = LaunchPlanSchema.parse(demoLaunchPlan(now));
    expect(sut).toMatchObject({ launch_date: '2026-01-05', timezone: 'UTC', currency: 'EUR', privacy: { min_group_size: 5 } });
  });

  it('buys each department its head count plus 10% (at least 2) spare seats', () => {
    // Head counts 71, 64, 45, 51, 38, 51 (demo-company.util.spec.ts); spare round(7.1)=7, 6, round(4.5)=5, 5, 4, 5.
    expect(
      demoLaunchPlan(now).departments!.map((department) => [department.name, department.seats, department.licence_cost_per_seat_month]),
    ).toEqual([
      ['Sales EMEA', 78, 95],
      ['Sales Americas', 70, 95],
      ['Sales APAC', 50, 95],
      ['Customer Success', 56, 85],
      ['Marketing', 42, 75],
      ['Inside Sales', 56, 80],
    ]);
  });

  it('requires the fields the demo reps leave blank', () => {
    expect(demoLaunchPlan(now).required_fields).toEqual({
      opportunity: ['amount', 'close_date', 'next_step'],
      account: ['industry', 'phone', 'website'],
      contact: ['email', 'phone', 'title'],
    });
  });

  it('sets goals relative to the launch, with a baseline for the lagging department', () => {
    const sut = LaunchPlanSchema.parse(demoLaunchPlan(now));
    // 2026-01-05 + 90 days = 2026-04-05; + 60 = 2026-03-06; + 120 = 2026-05-05; + 180 = 2026-07-04.
    expect(goalFor(sut, 'Sales EMEA', 'active_users')).toEqual({ department: '*', metric: 'active_users', target: 0.85, by: '2026-04-05' });
    expect(goalFor(sut, 'Marketing', 'monthly_active_users')).toEqual({
      department: '*',
      metric: 'monthly_active_users',
      target: 0.9,
      by: '2026-04-05',
    });
    expect(goalFor(sut, 'Marketing', 'training_completion')).toEqual({
      department: '*',
      metric: 'training_completion',
      target: 0.9,
      by: '2026-03-06',
    });
    expect(goalFor(sut, 'Marketing', 'record_completeness')).toEqual({
      department: '*',
      metric: 'record_completeness',
      target: 0.8,
      by: '2026-05-05',
    });
    expect(goalFor(sut, 'Sales EMEA', 'stale_opportunities')).toEqual({
      department: '*',
      metric: 'stale_opportunities',
      target: 0.15,
      by: '2026-05-05',
    });
    expect(goalFor(sut, 'Sales APAC', 'stale_opportunities')).toEqual({
      department: 'Sales APAC',
      metric: 'stale_opportunities',
      target: 0.15,
      by: '2026-07-04',
      baseline: 0.4,
    });
  });

  it('follows the options of the connection it comes with', () => {
    const sut = demoLaunchPlan(now, { launch_date: '2025-10-01', people: '100' });
    expect(sut.launch_date).toBe('2025-10-01');
    // 100 people: 22, 20, 14, 16, 12, 16 -> seats + max(2, round(10%)): 24, 22, 16, 18, 14, 18.
    expect(sut.departments!.map((department) => department.seats)).toEqual([24, 22, 16, 18, 14, 18]);
    expect(LaunchPlanSchema.safeParse(sut).success).toBe(true);
  });
});
