import { formatIssuePath, goalFor, LaunchPlanSchema, metricWeight, type LaunchPlanInput } from './launch-plan.schema';

function problems(input: unknown): string[] {
  const result = LaunchPlanSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
}

const minimal: LaunchPlanInput = { launch_date: '2026-01-15' };

describe('LaunchPlanSchema', () => {
  it('fills every default of a minimal plan', () => {
    expect(LaunchPlanSchema.parse(minimal)).toEqual({
      launch_date: '2026-01-15',
      timezone: 'UTC',
      currency: 'EUR',
      departments: [],
      required_fields: {},
      weights: {},
      privacy: { min_group_size: 5 },
      goals: [],
      alerts: {
        behind_ramp: { enabled: true, days: 7 },
        week_drop: { enabled: true, points: 10 },
        sync_stale: { enabled: true, periods: 2 },
        shelfware: { enabled: true, share: 0.3 },
      },
    });
  });

  it('reads the example plan of the design, lower-casing object types and field names', () => {
    const plan = LaunchPlanSchema.parse({
      launch_date: '2026-01-15',
      timezone: 'Europe/Berlin',
      currency: 'USD',
      departments: [
        { name: ' Sales EMEA ', seats: 40, licence_cost_per_seat_month: 75 },
        { name: 'Support', seats: 3 },
      ],
      required_fields: { Opportunity: ['Amount', 'close_date', 'Next_Step'], account: ['industry'] },
      weights: { active_users: 2, stale_opportunities: 1 },
      privacy: { min_group_size: 3 },
      goals: [
        { department: '*', metric: 'active_users', target: 0.85, by: '2026-04-15' },
        { department: 'Sales EMEA', metric: 'stale_opportunities', target: 0.15, by: new Date(Date.UTC(2026, 5, 30)), baseline: 0.4 },
      ],
    });
    expect(plan.departments).toEqual([
      { name: 'Sales EMEA', seats: 40, licence_cost_per_seat_month: 75 },
      { name: 'Support', seats: 3, licence_cost_per_seat_month: 0 },
    ]);
    expect(plan.required_fields).toEqual({ opportunity: ['amount', 'close_date', 'next_step'], account: ['industry'] });
    expect(plan.goals[1]).toEqual({
      department: 'Sales EMEA',
      metric: 'stale_opportunities',
      target: 0.15,
      by: '2026-06-30',
      baseline: 0.4,
    });
  });

  it('names the path and the reason of every problem', () => {
    expect(
      problems({
        launch_date: '2026-02-30',
        timezone: 'Mars/Olympus',
        currency: 'eur',
        colour: 'red',
        departments: [{ name: 'A', seats: 1.5 }],
        required_fields: { opportunity: ['amount', '1st'] },
        weights: { active_users: 0 },
        goals: [{ department: 'A', metric: 'happiness', target: 1, by: '2026-03-01' }],
      }),
    ).toEqual([
      'launch_date: expected a date as YYYY-MM-DD, got "2026-02-30"',
      'timezone: unknown time zone "Mars/Olympus" (use an IANA name such as Europe/Berlin)',
      'currency: expected a three-letter ISO 4217 code such as EUR',
      'departments[0].seats: seats must be a whole number',
      'required_fields.opportunity[1]: expected a field name of letters, digits, "_" or "."',
      'weights.active_users: weights must be greater than 0',
      'goals[0].metric: expected one of active_users, monthly_active_users, logins_per_user, record_completeness, stale_opportunities, training_completion, active_contributors, activities_per_user',
      ': Unrecognized key: "colour"',
    ]);
  });

  it('checks goals against the departments and the launch date', () => {
    expect(
      problems({
        launch_date: '2026-01-15',
        departments: [
          { name: 'A', seats: 1 },
          { name: 'A', seats: 2 },
        ],
        goals: [
          { department: 'B', metric: 'active_users', target: 1.5, by: '2025-12-31' },
          { department: '*', metric: 'logins_per_user', target: 4, by: '2026-03-01', baseline: 2 },
          { department: '*', metric: 'logins_per_user', target: 5, by: '2026-03-01' },
          { department: 'A', metric: 'stale_opportunities', target: 0.1, by: '2026-03-01', baseline: 1.2 },
        ],
      }),
    ).toEqual([
      'departments[1].name: department "A" is listed twice',
      'goals[0].department: department "B" is not in departments (use "*" for every department)',
      'goals[0].target: active_users is a share: target must be between 0 and 1',
      'goals[0].by: target date 2025-12-31 is before the launch date 2026-01-15',
      'goals[2]: a second goal for logins_per_user in department "*"',
      'goals[3].baseline: stale_opportunities is a share: baseline must be between 0 and 1',
    ]);
  });
});

describe('goalFor', () => {
  const plan = LaunchPlanSchema.parse({
    launch_date: '2026-01-15',
    departments: [{ name: 'Sales', seats: 10 }],
    goals: [
      { department: '*', metric: 'active_users', target: 0.8, by: '2026-04-15' },
      { department: 'Sales', metric: 'active_users', target: 0.9, by: '2026-04-15' },
      { department: '*', metric: 'training_completion', target: 1, by: '2026-02-15' },
    ],
  });

  it('prefers the department goal over the "*" goal', () => {
    expect(goalFor(plan, 'Sales', 'active_users')?.target).toBe(0.9);
    expect(goalFor(plan, 'Support', 'active_users')?.target).toBe(0.8);
    expect(goalFor(plan, '*', 'active_users')?.target).toBe(0.8);
  });

  it('falls back to the "*" goal and finds nothing where no goal exists', () => {
    expect(goalFor(plan, 'Sales', 'training_completion')?.by).toBe('2026-02-15');
    expect(goalFor(plan, 'Sales', 'logins_per_user')).toBeUndefined();
  });

  it('weighs a metric 1 unless the plan says otherwise', () => {
    expect(metricWeight({ weights: { active_users: 3 } }, 'active_users')).toBe(3);
    expect(metricWeight({ weights: {} }, 'active_users')).toBe(1);
  });
});

describe('formatIssuePath', () => {
  it.each([
    [[], ''],
    [['launch_date'], 'launch_date'],
    [['goals', 1, 'target'], 'goals[1].target'],
    [['required_fields', 'opportunity', 0], 'required_fields.opportunity[0]'],
  ])('%j -> %s', (path, text) => {
    expect(formatIssuePath(path)).toBe(text);
  });
});

describe('LaunchPlanSchema training', () => {
  const departments = [{ name: 'Sales EMEA', seats: 40 }];

  it('reads required courses per department or "*", with a due time', () => {
    const plan = LaunchPlanSchema.parse({
      launch_date: '2026-01-15',
      departments,
      training: { required_courses: { '*': ['CRM Basics'], 'Sales EMEA': [' CRM Basics', 'Pipeline Hygiene'] }, due_within_days: 30 },
    });
    expect(plan.training).toEqual({
      required_courses: { '*': ['CRM Basics'], 'Sales EMEA': ['CRM Basics', 'Pipeline Hygiene'] },
      due_within_days: 30,
    });
    expect(LaunchPlanSchema.parse(minimal).training).toBeUndefined();
  });

  it('names a course listed twice, an unknown department, and two due rules', () => {
    expect(
      problems({
        launch_date: '2026-01-15',
        departments,
        training: {
          required_courses: { 'Sales EMEA': ['CRM Basics', 'crm basics'], Support: ['CRM Basics'] },
          due_within_days: 30,
          due_by: '2026-03-01',
        },
      }),
    ).toEqual([
      'training.due_by: give either due_within_days or due_by, not both',
      'training.required_courses.Sales EMEA[1]: course "crm basics" is listed twice for department "Sales EMEA"',
      'training.required_courses.Support: department "Support" is not in departments (use "*" for every department)',
    ]);
  });
});
