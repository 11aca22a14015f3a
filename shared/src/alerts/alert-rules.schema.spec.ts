import { LaunchPlanSchema } from '../plan/launch-plan.schema';
import { diffPlans } from '../plan/plan-diff.util';
import { AlertRulesSchema, DEFAULT_ALERT_RULES } from './alert-rules.schema';

describe('AlertRulesSchema', () => {
  it('turns every rule on with its default when the plan has no alerts section', () => {
    const plan = LaunchPlanSchema.parse({ launch_date: '2026-01-15' });
    expect(plan.alerts).toEqual({
      behind_ramp: { enabled: true, days: 7 },
      week_drop: { enabled: true, points: 10 },
      sync_stale: { enabled: true, periods: 2 },
      shelfware: { enabled: true, share: 0.3 },
    });
    expect(DEFAULT_ALERT_RULES).toEqual(plan.alerts);
  });

  it('keeps what the plan sets and defaults the rest', () => {
    const rules = AlertRulesSchema.parse({ behind_ramp: { days: 3 }, shelfware: { enabled: false } });
    expect(rules.behind_ramp).toEqual({ enabled: true, days: 3 });
    expect(rules.shelfware).toEqual({ enabled: false, share: 0.3 });
  });

  it('names what is wrong', () => {
    const result = LaunchPlanSchema.safeParse({ launch_date: '2026-01-15', alerts: { week_drop: { points: 0 }, nope: {} } });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(messages).toContain('alerts.week_drop.points: points must be greater than 0');
    expect(messages.some((message) => message.startsWith('alerts:') && message.includes('nope'))).toBe(true);
  });
});

describe('alert rules in plan differences', () => {
  it('names each rule turned on or off and each setting changed', () => {
    const before = LaunchPlanSchema.parse({ launch_date: '2026-01-15' });
    const after = LaunchPlanSchema.parse({
      launch_date: '2026-01-15',
      alerts: { behind_ramp: { days: 5 }, shelfware: { enabled: false } },
    });
    expect(diffPlans(before, after)).toEqual(['alerts behind_ramp: days 7 → 5', 'alerts shelfware: on → off']);
  });
});
