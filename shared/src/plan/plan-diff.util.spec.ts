import { LaunchPlanSchema, type LaunchPlanInput } from './launch-plan.schema';
import { DASHBOARD_WORDING, diffPlans } from './plan-diff.util';

const base: LaunchPlanInput = {
  launch_date: '2026-01-15',
  timezone: 'UTC',
  currency: 'EUR',
  departments: [
    { name: 'Sales EMEA', seats: 40, licence_cost_per_seat_month: 75 },
    { name: 'Support', seats: 10, licence_cost_per_seat_month: 50 },
  ],
  required_fields: { opportunity: ['amount', 'close_date'] },
  weights: { active_users: 2 },
  goals: [
    { department: '*', metric: 'active_users', target: 0.85, by: '2026-04-15' },
    { department: 'Sales EMEA', metric: 'stale_opportunities', target: 0.2, by: '2026-06-30', baseline: 0.4 },
  ],
};

function plan(change: (input: LaunchPlanInput) => LaunchPlanInput) {
  return LaunchPlanSchema.parse(change(structuredClone(base)));
}

describe('diffPlans', () => {
  const previous = LaunchPlanSchema.parse(base);

  it('finds nothing for the first version nor for an identical plan', () => {
    expect(diffPlans(null, previous)).toEqual([]);
    expect(diffPlans(previous, LaunchPlanSchema.parse(structuredClone(base)))).toEqual([]);
  });

  it.each<[string, (input: LaunchPlanInput) => LaunchPlanInput, string[]]>([
    ['the launch date', (p) => ({ ...p, launch_date: '2026-01-20' }), ['launch_date 2026-01-15 → 2026-01-20']],
    [
      'time zone and currency',
      (p) => ({ ...p, timezone: 'Europe/Berlin', currency: 'USD' }),
      ['timezone UTC → Europe/Berlin', 'currency EUR → USD'],
    ],
    [
      'an added department',
      (p) => ({ ...p, departments: [...p.departments!, { name: 'Marketing', seats: 5, licence_cost_per_seat_month: 60 }] }),
      ['department Marketing added (seats 5, licence_cost_per_seat_month 60)'],
    ],
    ['a removed department', (p) => ({ ...p, departments: [p.departments![0]] }), ['department Support removed']],
    [
      'seats and cost of a department',
      (p) => ({ ...p, departments: [{ name: 'Sales EMEA', seats: 45, licence_cost_per_seat_month: 80 }, p.departments![1]] }),
      ['department Sales EMEA: seats 40 → 45', 'department Sales EMEA: licence_cost_per_seat_month 75 → 80'],
    ],
    [
      'required fields added and removed, new object type',
      (p) => ({ ...p, required_fields: { opportunity: ['amount', 'next_step'], account: ['industry'] } }),
      [
        'required fields of account: added industry',
        'required fields of opportunity: added next_step',
        'required fields of opportunity: removed close_date',
      ],
    ],
    // active_users 2 -> default 1; logins_per_user default 1 -> 3
    [
      'weights, a missing weight being 1',
      (p) => ({ ...p, weights: { logins_per_user: 3 } }),
      ['weight active_users: 2 → 1', 'weight logins_per_user: 1 → 3'],
    ],
    ['an explicit weight of 1 is no change', (p) => ({ ...p, weights: { active_users: 2, stale_opportunities: 1 } }), []],
    ['the privacy group size', (p) => ({ ...p, privacy: { min_group_size: 3 } }), ['privacy min_group_size 5 → 3']],
    [
      'a goal target',
      (p) => ({
        ...p,
        goals: [p.goals![0], { department: 'Sales EMEA', metric: 'stale_opportunities', target: 0.15, by: '2026-06-30', baseline: 0.4 }],
      }),
      ['goal Sales EMEA / stale_opportunities: target 0.2 → 0.15'],
    ],
    [
      'a goal date and a dropped baseline',
      (p) => ({ ...p, goals: [p.goals![0], { department: 'Sales EMEA', metric: 'stale_opportunities', target: 0.2, by: '2026-07-31' }] }),
      ['goal Sales EMEA / stale_opportunities: by 2026-06-30 → 2026-07-31', 'goal Sales EMEA / stale_opportunities: baseline 0.4 → none'],
    ],
    [
      'a goal added and one removed',
      (p) => ({ ...p, goals: [p.goals![1], { department: 'Support', metric: 'training_completion', target: 1, by: '2026-03-01' }] }),
      ['goal Support / training_completion added: target 1 by 2026-03-01', 'goal * / active_users removed (was target 0.85 by 2026-04-15)'],
    ],
  ])('names %s', (_name, change, expected) => {
    expect(diffPlans(previous, plan(change))).toEqual(expected);
  });

  it('lists changes in plan file order: dates, departments, fields, weights, privacy, goals', () => {
    const next = plan((p) => ({
      ...p,
      launch_date: '2026-01-20',
      departments: [p.departments![0]],
      required_fields: { opportunity: ['amount'] },
      weights: {},
      privacy: { min_group_size: 4 },
      goals: [{ ...p.goals![0], target: 0.9 }, p.goals![1]],
    }));
    expect(diffPlans(previous, next)).toEqual([
      'launch_date 2026-01-15 → 2026-01-20',
      'department Support removed',
      'required fields of opportunity: removed close_date',
      'weight active_users: 2 → 1',
      'privacy min_group_size 5 → 4',
      'goal * / active_users: target 0.85 → 0.9',
    ]);
  });

  it('speaks the dashboard words on request: metric labels, percentages, "All departments"', () => {
    const next = plan((p) => ({
      ...p,
      departments: [{ ...p.departments![0], licence_cost_per_seat_month: 80 }, p.departments![1]],
      privacy: { min_group_size: 4 },
      goals: [
        { ...p.goals![0], target: 0.8 },
        { ...p.goals![1], baseline: undefined },
        { department: 'Support', metric: 'logins_per_user', target: 3, by: '2026-05-01' },
      ],
    }));
    expect(diffPlans(previous, next, DASHBOARD_WORDING)).toEqual([
      'department Sales EMEA: licence cost per seat and month 75 → 80',
      'smallest group shown 5 → 4',
      'goal All departments / Active users (7 days): target 85% → 80%',
      'goal Sales EMEA / Stale opportunities: baseline 40% → none',
      'goal Support / Logins per user (7 days) added: target 3 logins per user by 2026-05-01',
    ]);
  });
});
