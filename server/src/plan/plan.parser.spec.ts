import { DEFAULT_ALERT_RULES } from '@uptake/shared';
import { parseLaunchPlan, PlanInputError } from './plan.parser';

function failure(text: string, source = 'plan.yaml'): PlanInputError {
  try {
    parseLaunchPlan(text, source);
  } catch (error) {
    if (error instanceof PlanInputError) return error;
    throw error;
  }
  throw new Error('expected the plan to be rejected');
}

const designExample = `launch_date: 2026-01-15
timezone: UTC
currency: EUR
departments:
  - { name: Sales EMEA, seats: 40, licence_cost_per_seat_month: 75 }
required_fields:
  opportunity: [amount, close_date, next_step]
  account: [industry, phone, website]
weights: { active_users: 2, stale_opportunities: 1 }
privacy: { min_group_size: 5 }
goals:
  - { department: "*", metric: active_users, target: 0.85, by: 2026-04-15 }
  - { department: Sales EMEA, metric: stale_opportunities, target: 0.15, by: 2026-06-30, baseline: 0.4 }
`;

describe(parseLaunchPlan.name, () => {
  it('reads the YAML example of the design', () => {
    expect(parseLaunchPlan(designExample, 'plan.yaml')).toEqual({
      launch_date: '2026-01-15',
      timezone: 'UTC',
      currency: 'EUR',
      departments: [{ name: 'Sales EMEA', seats: 40, licence_cost_per_seat_month: 75 }],
      required_fields: { opportunity: ['amount', 'close_date', 'next_step'], account: ['industry', 'phone', 'website'] },
      weights: { active_users: 2, stale_opportunities: 1 },
      privacy: { min_group_size: 5 },
      goals: [
        { department: '*', metric: 'active_users', target: 0.85, by: '2026-04-15' },
        { department: 'Sales EMEA', metric: 'stale_opportunities', target: 0.15, by: '2026-06-30', baseline: 0.4 },
      ],
      // no alerts: section, so every rule with its default
      alerts: DEFAULT_ALERT_RULES,
    });
  });

  it('reads the same plan written as JSON, tabs and all', () => {
    const json = JSON.stringify(parseLaunchPlan(designExample, 'plan.yaml'), null, '\t');
    expect(parseLaunchPlan(json, 'plan.json')).toEqual(parseLaunchPlan(designExample, 'plan.yaml'));
  });

  it('points at the offending value of every problem, in the order of the file', () => {
    const text = [
      'launch_date: 2026-02-30', //                                         line 1, value at column 14
      'timezone: Mars/Olympus', //                                          line 2, value at column 11
      'departments:', //                                                    line 3
      '  - name: Sales', //                                                 line 4
      '    seats: many', //                                                 line 5, value at column 12
      'goals:', //                                                          line 6
      '  - { department: Sales, metric: happiness, target: 0.5, by: 2026-03-01 }', // line 7: '  - { ' (6) + 'department: ' (12) + 'Sales, ' (7) + 'metric: ' (8) = 33 characters -> column 34
    ].join('\n');
    const error = failure(text);
    expect(error.code).toBe('PLAN_INVALID');
    expect(error.message).toBe(
      [
        'plan.yaml:1:14 launch_date: expected a date as YYYY-MM-DD, got "2026-02-30"',
        'plan.yaml:2:11 timezone: unknown time zone "Mars/Olympus" (use an IANA name such as Europe/Berlin)',
        'plan.yaml:5:12 departments[0].seats: expected number, received string',
        'plan.yaml:7:34 goals[0].metric: expected one of active_users, monthly_active_users, logins_per_user, record_completeness, stale_opportunities, training_completion, active_contributors, activities_per_user',
      ].join('\n'),
    );
    expect(error.problems[0]).toEqual({
      line: 1,
      column: 14,
      path: 'launch_date',
      reason: 'expected a date as YYYY-MM-DD, got "2026-02-30"',
    });
  });

  it('points at the parent of a missing key', () => {
    const text = [
      'timezone: UTC', //                      line 1: the document (the parent of launch_date) starts at 1:1
      'departments:', //                       line 2
      '  - { name: Sales }', //                line 3: the flow mapping without seats starts at column 5
    ].join('\n');
    expect(failure(text).message).toBe(
      ['plan.yaml:1:1 launch_date: required key is missing', 'plan.yaml:3:5 departments[0].seats: required key is missing'].join('\n'),
    );
  });

  it('points at an unknown key itself, and at the key of an empty value', () => {
    const text = [
      'launch_date: 2026-01-15', //   line 1
      'colour: red', //               line 2: unknown key at column 1
      'privacy:', //                  line 3
      '  min_group_size:', //         line 4: key at column 3, no value (null)
      '  shown_to: everyone', //      line 5: unknown key at column 3
    ].join('\n');
    expect(failure(text, 'config/plan.yml').message).toBe(
      [
        'config/plan.yml:2:1 colour: unknown key',
        'config/plan.yml:4:3 privacy.min_group_size: expected number, received null',
        'config/plan.yml:5:3 privacy.shown_to: unknown key',
      ].join('\n'),
    );
  });

  it('locates problems found across the plan: goals against departments and dates', () => {
    const text = [
      '{', //                                                                                                 line 1
      '  "launch_date": "2026-01-15",', //                                                                    line 2
      '  "departments": [{ "name": "Sales", "seats": 10 }],', //                                            line 3
      '  "goals": [', //                                                                                      line 4
      '    { "department": "Support", "metric": "active_users", "target": 1.2, "by": "2025-12-01" }', //    line 5
      '  ]', //                                                                                               line 6
      '}', //                                                                                                 line 7
    ].join('\n');
    // line 5: 4 spaces + '{ ' + '"department": ' (14) = 20 characters, so "Support" starts at column 21;
    // then '"Support", ' (11) + '"metric": ' (10) + '"active_users", ' (16) + '"target": ' (10) = 47 more: 1.2 at column 68;
    // then '1.2, ' (5) + '"by": ' (6) = 11 more: "2025-12-01" at column 79
    expect(failure(text, 'plan.json').message).toBe(
      [
        'plan.json:5:21 goals[0].department: department "Support" is not in departments (use "*" for every department)',
        'plan.json:5:68 goals[0].target: active_users is a share: target must be between 0 and 1',
        'plan.json:5:79 goals[0].by: target date 2025-12-01 is before the launch date 2026-01-15',
      ].join('\n'),
    );
  });

  it('reports YAML syntax errors with their line and column', () => {
    const text = ['launch_date: 2026-01-15', 'timezone: UTC', 'timezone: Europe/Berlin'].join('\n');
    expect(failure(text).message).toBe('plan.yaml:3:1 YAML syntax error: Map keys must be unique');

    const unclosed = ['launch_date: 2026-01-15', 'goals: [', 'currency: EUR'].join('\n');
    expect(failure(unclosed).message).toBe(
      'plan.yaml:3:1 YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    );
  });

  it('reports an alias without an anchor where it is written', () => {
    expect(failure('launch_date: *start\n').message).toBe('plan.yaml:1:14 YAML syntax error: alias *start refers to no anchor before it');
  });

  it('refuses a YAML alias bomb (billion laughs) quickly, naming the aliases', () => {
    // Nine levels of nine aliases: 9^9 (387 million) strings once expanded.
    const levels = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level <= 8; level++)
      levels.push(
        `l${level}: &l${level} [${Array(9)
          .fill(`*l${level - 1}`)
          .join(', ')}]`,
      );
    const started = Date.now();
    const error = failure(`launch_date: 2026-01-15\n${levels.join('\n')}\n`);
    expect(Date.now() - started).toBeLessThan(1000);
    // Located at the first alias: line 3 is `l1: &l1 [*l0, ...`.
    expect(error.message).toBe(
      'plan.yaml:3:10 YAML aliases expand too much (more than 100 aliased nodes): write the values out instead of nesting aliases',
    );
  });

  it('refuses a plan larger than 500 kB before parsing it, naming its size', () => {
    const tenMegabytes = `launch_date: 2026-01-15\ndepartments:\n${'  - { name: Sales EMEA, seats: 40 }\n'.repeat(300_000)}`;
    expect(Buffer.byteLength(tenMegabytes)).toBeGreaterThan(10_000_000);
    const started = Date.now();
    expect(failure(tenMegabytes).message).toBe('plan.yaml:1:1 the plan is 10.8 MB; a plan may be at most 500 kB');
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('reads a plan just under the size cap within seconds', () => {
    const departments = Array.from({ length: 10_000 }, (_, index) => `  - { name: Department ${index}, seats: 4 }`);
    const text = `launch_date: 2026-01-15\ndepartments:\n${departments.join('\n')}\n`;
    expect(Buffer.byteLength(text)).toBeLessThan(500_000);
    const started = Date.now();
    expect(parseLaunchPlan(text, 'plan.yaml').departments).toHaveLength(10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('rejects a document that is not a mapping, at its start', () => {
    expect(failure('').message).toBe('plan.yaml:1:1 expected object, received null');
    expect(failure('\n- 2026-01-15\n').message).toBe('plan.yaml:2:1 expected object, received array');
  });
});
