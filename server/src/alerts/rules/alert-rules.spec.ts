import { DEFAULT_ALERT_RULES, LaunchPlanSchema, type MetricKey } from '@uptake/shared';
import type { AlertFacts, DaySnapshot, DepartmentFacts } from './alert-rule';
import { evaluateRules } from './alert-rule.registry';
import { behindRampRule } from './behind-ramp.rule';
import { shelfwareRule } from './shelfware.rule';
import { syncStaleRule } from './sync-stale.rule';
import { weekDropRule } from './week-drop.rule';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-01-31T12:00:00Z');

// Launch 2026-01-01, targets by 2026-03-02: 60 days, so the ramp moves 1/60 a day.
// active_users 0.2 -> 0.8: expected 0.2 + 0.01 * (days since launch); 2026-01-31 (day 30): 0.50.
// stale_opportunities 0.5 -> 0.1: expected 0.5 - 0.4 * days / 60; day 22 (01-23) 0.3533, day 23 (01-24) 0.3467.
const plan = LaunchPlanSchema.parse({
  launch_date: '2026-01-01',
  departments: [{ name: 'Sales', seats: 40, licence_cost_per_seat_month: 50 }],
  goals: [
    { department: '*', metric: 'active_users', target: 0.8, by: '2026-03-02', baseline: 0.2 },
    { department: 'Sales', metric: 'stale_opportunities', target: 0.1, by: '2026-03-02', baseline: 0.5 },
  ],
});

function department(name: string, days: Record<string, Partial<Record<MetricKey, number | null>>>, seatHolders = 30): DepartmentFacts {
  const map = new Map<string, DaySnapshot>(Object.entries(days).map(([day, values]) => [day, { seatHolders, values }]));
  return { department: name, days: map, atLaunch: null };
}

function daysFrom(
  from: number,
  to: number,
  values: Partial<Record<MetricKey, number>>,
): Record<string, Partial<Record<MetricKey, number>>> {
  const out: Record<string, Partial<Record<MetricKey, number>>> = {};
  for (let d = from; d <= to; d++) out[`2026-01-${String(d).padStart(2, '0')}`] = values;
  return out;
}

function facts(departments: DepartmentFacts[], extra: Partial<AlertFacts> = {}): AlertFacts {
  return { day: '2026-01-31', now: NOW, timezone: 'UTC', plan, departments, connections: [], ...extra };
}

describe('alert rules', () => {
  describe('behind_ramp', () => {
    const sales = department('Sales', {
      ...daysFrom(22, 22, { active_users: 0.45, stale_opportunities: 0.35 }),
      ...daysFrom(23, 31, { active_users: 0.4, stale_opportunities: 0.35 }),
    });
    const support = department('Support', daysFrom(20, 31, { active_users: 0.6 }));

    it('holds after N days behind, starting on the first day of the streak, for either direction', () => {
      const found = behindRampRule.evaluate(facts([sales, support]), { enabled: true, days: 7 });
      // active_users: 0.45 >= 0.41 on 01-22, then 0.40 below 0.42..0.50 on 01-23..01-31 (9 days).
      // stale: 0.35 <= 0.3533 on 01-23 (on track), above 0.3467.. from 01-24 (8 days).
      expect(found.map((c) => [c.department, c.metric, c.startedOn])).toEqual([
        ['Sales', 'active_users', '2026-01-23'],
        ['Sales', 'stale_opportunities', '2026-01-24'],
      ]);
      expect(found[0].title).toBe('Sales is behind plan on Active users (7 days)');
      expect(found[0].detail).toContain('40.0% on 2026-01-31 against 50.0% expected by the ramp');
      expect(found[0].detail).toContain('behind every day since 2026-01-23 (9 days)');
    });

    it('does not hold before N days', () => {
      expect(behindRampRule.evaluate(facts([sales]), { enabled: true, days: 9 }).map((c) => c.metric)).toEqual(['active_users']);
      expect(behindRampRule.evaluate(facts([sales]), { enabled: true, days: 10 })).toEqual([]);
    });

    it('a missing day breaks the streak; no plan, no alert', () => {
      const gap = department('Sales', { ...daysFrom(23, 27, { active_users: 0.4 }), ...daysFrom(29, 31, { active_users: 0.4 }) });
      expect(behindRampRule.evaluate(facts([gap]), { enabled: true, days: 4 })).toEqual([]);
      expect(behindRampRule.evaluate(facts([gap]), { enabled: true, days: 3 })[0].startedOn).toBe('2026-01-29');
      expect(behindRampRule.evaluate(facts([sales], { plan: null }), { enabled: true, days: 1 })).toEqual([]);
    });

    it('takes the value at launch as the baseline of a goal without one', () => {
      const noBaseline = LaunchPlanSchema.parse({
        launch_date: '2026-01-01',
        goals: [{ department: '*', metric: 'active_users', target: 0.8, by: '2026-03-02' }],
      });
      // baseline 0.5 at launch: expected on 01-31 = 0.5 + 0.3 * 0.5 = 0.65; 0.6 is behind, with a baseline of 0 it would not be.
      const team = { ...department('Team', daysFrom(31, 31, { active_users: 0.6 })), atLaunch: { active_users: 0.5 } };
      expect(behindRampRule.evaluate(facts([team], { plan: noBaseline }), { enabled: true, days: 1 })).toHaveLength(1);
      expect(behindRampRule.evaluate(facts([{ ...team, atLaunch: null }], { plan: noBaseline }), { enabled: true, days: 1 })).toEqual([]);
    });
  });

  describe('week_drop', () => {
    const sales = department('Sales', {
      '2026-01-24': { active_users: 0.6, stale_opportunities: 0.2, logins_per_user: 6 },
      '2026-01-31': { active_users: 0.45, stale_opportunities: 0.28, logins_per_user: 3 },
    });

    it('holds when a share got more than X points worse than 7 days before, in the metric’s direction', () => {
      const found = weekDropRule.evaluate(facts([sales]), { enabled: true, points: 10 });
      // active_users fell 15 points; stale rose 8 (not over 10); logins per user are not in points.
      expect(found.map((c) => [c.metric, c.startedOn])).toEqual([['active_users', '2026-01-31']]);
      expect(found[0].title).toBe('Active users (7 days) of Sales got 15 points worse in a week');
      expect(weekDropRule.evaluate(facts([sales]), { enabled: true, points: 5 }).map((c) => c.metric)).toEqual([
        'active_users',
        'stale_opportunities',
      ]);
      expect(weekDropRule.evaluate(facts([sales]), { enabled: true, points: 15 })).toEqual([]);
    });

    it('starts on the first day of a run of drops', () => {
      const run = department('Sales', {
        '2026-01-23': { active_users: 0.6 },
        '2026-01-24': { active_users: 0.6 },
        '2026-01-30': { active_users: 0.45 },
        '2026-01-31': { active_users: 0.45 },
      });
      expect(weekDropRule.evaluate(facts([run]), { enabled: true, points: 10 })[0].startedOn).toBe('2026-01-30');
    });
  });

  describe('shelfware', () => {
    it('holds above the share of the plan’s seats, else of seat holders', () => {
      // Sales: 40 seats, 30 seat holders, 50% monthly active = 15 users: 25 idle seats = 62.5%.
      // Support (not in the plan): 10 seat holders, 80% active = 8: 2 idle = 20%.
      const sales = department('Sales', { '2026-01-31': { monthly_active_users: 0.5 } }, 30);
      const support = department('Support', { '2026-01-31': { monthly_active_users: 0.8 } }, 10);
      const found = shelfwareRule.evaluate(facts([sales, support]), { enabled: true, share: 0.3 });
      expect(found.map((c) => c.department)).toEqual(['Sales']);
      expect(found[0].title).toBe('Sales: 62.5% of seats are shelfware');
      expect(shelfwareRule.evaluate(facts([sales, support]), { enabled: true, share: 0.1 }).map((c) => c.department)).toEqual([
        'Sales',
        'Support',
      ]);
      expect(shelfwareRule.evaluate(facts([sales, support]), { enabled: true, share: 0.625 })).toEqual([]);
    });
  });

  describe('sync_stale', () => {
    const hourly = { schedule: '0 * * * *', periodMs: HOUR, createdAt: NOW - 30 * 24 * HOUR, lastRun: null };

    it('holds when the last success is more than N periods ago, or never came', () => {
      const connections = [
        { ...hourly, name: 'late', lastSuccessAt: NOW - 2 * HOUR - 1 },
        { ...hourly, name: 'just-in-time', lastSuccessAt: NOW - 2 * HOUR },
        { ...hourly, name: 'never', createdAt: NOW - 3 * HOUR, lastSuccessAt: null, lastRun: { status: 'failed', at: NOW - HOUR } },
        { ...hourly, name: 'new', createdAt: NOW - HOUR, lastSuccessAt: null },
      ];
      const found = syncStaleRule.evaluate(facts([], { connections }), { enabled: true, periods: 2 });
      expect(found.map((c) => [c.subject, c.department, c.startedOn])).toEqual([
        ['late', '*', '2026-01-31'],
        ['never', '*', '2026-01-31'],
      ]);
      expect(found[1].detail).toBe(
        'No successful sync since it was added at 2026-01-31T09:00:00Z; schedule "0 * * * *" (every 60 minutes). The last run failed at 2026-01-31T11:00:00Z.',
      );
      expect(syncStaleRule.evaluate(facts([], { connections }), { enabled: true, periods: 3 }).map((c) => c.subject)).toEqual([]);
    });
  });

  it('evaluates the enabled rules only', () => {
    const sales = department('Sales', { '2026-01-31': { monthly_active_users: 0.5 } }, 30);
    expect(evaluateRules(facts([sales]), DEFAULT_ALERT_RULES).map((c) => c.rule)).toEqual(['shelfware']);
    expect(evaluateRules(facts([sales]), { ...DEFAULT_ALERT_RULES, shelfware: { enabled: false, share: 0.3 } })).toEqual([]);
  });
});
