import { LaunchPlanSchema, type MetricValues } from '@uptake/shared';
import { evaluateGoals, expectedValues, needsLaunchValues } from './goal-evaluation.util';

const plan = LaunchPlanSchema.parse({
  launch_date: '2026-03-01',
  departments: [{ name: 'Sales', seats: 4 }],
  weights: { active_users: 2 },
  goals: [
    { department: '*', metric: 'active_users', target: 0.8, by: '2026-03-21' },
    { department: 'Sales', metric: 'logins_per_user', target: 5, by: '2026-03-31', baseline: 1 },
    { department: 'Sales', metric: 'stale_opportunities', target: 0.1, by: '2026-03-21', baseline: 0.5 },
  ],
});

const values = (overrides: Partial<MetricValues>): MetricValues => ({
  active_users: null,
  monthly_active_users: null,
  logins_per_user: null,
  record_completeness: null,
  stale_opportunities: null,
  training_completion: null,
  active_contributors: null,
  activities_per_user: null,
  ...overrides,
});

describe('needsLaunchValues', () => {
  it('is true when a goal that applies has no baseline', () => {
    expect(needsLaunchValues(plan, 'Sales')).toBe(true); // the "*" active_users goal
    expect(needsLaunchValues(plan, '*')).toBe(true);
    expect(needsLaunchValues(LaunchPlanSchema.parse({ launch_date: '2026-03-01' }), '*')).toBe(false);
    expect(needsLaunchValues(null, '*')).toBe(false);
  });
});

describe('expectedValues', () => {
  // 2026-03-11 is 10 days after launch: 10/20 of the way to 2026-03-21 and 10/30 to 2026-03-31
  it('ramps every goal of the scope from its baseline, or from the value at launch', () => {
    const expected = expectedValues(plan, 'Sales', '2026-03-11', values({ active_users: 0.25 }));
    expect(Object.keys(expected).sort()).toEqual(['active_users', 'logins_per_user', 'stale_opportunities']);
    expect(expected.active_users).toBeCloseTo(0.525, 12); // 0.25 + (0.8 - 0.25) * 0.5
    expect(expected.logins_per_user).toBeCloseTo(7 / 3, 12); // 1 + (5 - 1) / 3
    expect(expected.stale_opportunities).toBeCloseTo(0.3, 12); // 0.5 + (0.1 - 0.5) * 0.5
  });

  it('starts from 0 where nothing was measured at launch', () => {
    expect(expectedValues(plan, 'Marketing', '2026-03-11', null)).toEqual({ active_users: 0.4 }); // 0 + 0.8 * 0.5
    expect(expectedValues(plan, '*', '2026-03-11', values({}))).toEqual({ active_users: 0.4 });
  });

  it('expects nothing without a plan', () => {
    expect(expectedValues(null, '*', '2026-03-11', null)).toEqual({});
  });
});

describe('evaluateGoals', () => {
  it('weighs the attainment of every metric with a goal and a value', () => {
    const result = evaluateGoals(
      plan,
      'Sales',
      '2026-03-11',
      values({ active_users: 0.5, logins_per_user: 0.75, stale_opportunities: 0.5, monthly_active_users: 0.1 }),
      values({ active_users: 0.25 }),
    );
    // active 0.5 / 0.525 = 20/21; logins 0.75 / (7/3) = 9/28; stale (1 - 0.5) / (1 - 0.3) = 5/7;
    // health (2 * 20/21 + 9/28 + 5/7) / 4 * 100 = (160 + 27 + 60) / 84 / 4 * 100 = 247/336 * 100 = 73.5119...
    expect(result.attainment.active_users).toBeCloseTo(20 / 21, 12);
    expect(result.attainment.logins_per_user).toBeCloseTo(9 / 28, 12);
    expect(result.attainment.stale_opportunities).toBeCloseTo(5 / 7, 12);
    expect(result.attainment.monthly_active_users).toBeUndefined(); // no goal
    expect(result.health).toBeCloseTo(24700 / 336, 9);
    expect(result.status).toBe('amber');
  });

  it('leaves metrics without a value out of health, and has no health without any', () => {
    const some = evaluateGoals(plan, 'Sales', '2026-03-11', values({ logins_per_user: 3 }), null);
    // 3 / (7/3) > 1 -> 1; the other two goals have no value
    expect(some.attainment).toEqual({ logins_per_user: 1 });
    expect(some.health).toBe(100);
    expect(some.status).toBe('green');
    const none = evaluateGoals(plan, 'Marketing', '2026-03-11', values({}), null);
    expect(none).toEqual({ expected: { active_users: 0.4 }, attainment: {}, health: null, status: null });
  });
});
