import { launchPlan } from '@/testing/fixtures';
import { errorsFromServer, fieldKeyOfPlanPath, toFormValues, validatePlanForm } from './plan-form';

describe('plan form', () => {
  const plan = launchPlan();
  const values = () => ({ ...toFormValues(plan, '2026-03-01'), changedBy: 'Ana' });

  it('shows shares as percentages and converts them back', () => {
    const form = values();
    // 0.85 -> 85; 0.15 -> 15, baseline 0.4 -> 40
    expect(form.goals.map((goal) => [goal.target, goal.baseline])).toEqual([
      ['85', ''],
      ['15', '40'],
    ]);
    const { plan: result, errors } = validatePlanForm(form, plan);
    expect(errors).toEqual({});
    expect(result?.goals).toEqual(plan.goals);
    expect(result?.required_fields).toEqual(plan.required_fields);
    expect(result?.weights).toEqual({ active_users: 2 });
  });

  it('keeps the alert rules: the shelfware share as a percentage, each rule on or off', () => {
    const form = values();
    expect(form.alerts).toEqual({
      behind_ramp: { enabled: true, value: '7' },
      week_drop: { enabled: true, value: '10' },
      sync_stale: { enabled: true, value: '2' },
      shelfware: { enabled: true, value: '30' },
    });
    form.alerts.behind_ramp.value = '5';
    form.alerts.shelfware = { enabled: false, value: '45' };
    const { plan: result, errors } = validatePlanForm(form, plan);
    expect(errors).toEqual({});
    expect(result?.alerts).toEqual({
      behind_ramp: { enabled: true, days: 5 },
      week_drop: { enabled: true, points: 10 },
      sync_stale: { enabled: true, periods: 2 },
      shelfware: { enabled: false, share: 0.45 },
    });
    form.alerts.behind_ramp.value = '2.5';
    form.alerts.week_drop.value = '0';
    expect(validatePlanForm(form, plan).errors).toEqual({
      'alerts.behind_ramp': 'Days must be a whole number from 1 to 365.',
      'alerts.week_drop': 'Points must be a number above 0, at most 100.',
    });
    expect(fieldKeyOfPlanPath('plan.alerts.shelfware.share')).toBe('alerts.shelfware');
  });

  it('names every bad field in the units of the form', () => {
    const form = values();
    form.changedBy = ' ';
    form.goals[0].target = '120';
    form.goals[1].by = '';
    form.departments[1].seats = '2.5';
    form.weights.logins_per_user = '0';
    const { plan: result, errors } = validatePlanForm(form, plan);
    expect(result).toBeNull();
    expect(errors).toEqual({
      changedBy: 'Nobody is signed in to change the plan: sign in again.',
      'goals.0.target': 'The target must be a percentage from 0 to 100.',
      'goals.1.by': 'Enter the target date as a calendar day.',
      'departments.1.seats': 'Seats must be a whole number, 0 or more.',
      'weights.logins_per_user': 'A weight must be a number greater than 0 (empty means 1).',
    });
  });

  it('checks the whole plan with the shared schema: duplicate goals, unknown departments, dates before launch', () => {
    const form = values();
    form.goals.push({ department: '*', metric: 'active_users', target: '90', by: '2026-05-01', baseline: '' });
    form.goals.push({ department: 'Marketing', metric: 'logins_per_user', target: '3', by: '2026-01-01', baseline: '' });
    const { errors } = validatePlanForm(form, plan);
    expect(errors['goals.2.metric']).toBe('a second goal for active_users in department "*"');
    expect(errors['goals.3.department']).toBe('department "Marketing" is not in departments (use "*" for every department)');
    expect(errors['goals.3.by']).toBe('target date 2026-01-01 is before the launch date 2026-01-15');
  });

  it('checks the whole plan even when a field is wrong, so one save reports every mistake', () => {
    const form = values();
    form.goals[0].target = '120';
    form.goals[1].by = '2026-01-01';
    const { plan: result, errors } = validatePlanForm(form, plan);
    expect(result).toBeNull();
    expect(errors).toEqual({
      'goals.0.target': 'The target must be a percentage from 0 to 100.',
      'goals.1.by': 'target date 2026-01-01 is before the launch date 2026-01-15',
    });
  });

  it('maps the server validation details onto the fields', () => {
    expect(fieldKeyOfPlanPath('plan.goals[0].target')).toBe('goals.0.target');
    expect(fieldKeyOfPlanPath('plan.departments[2].licence_cost_per_seat_month')).toBe('departments.2.cost');
    expect(fieldKeyOfPlanPath('changedBy')).toBe('changedBy');
    expect(fieldKeyOfPlanPath('plan')).toBe('form');
    expect(errorsFromServer([{ path: 'plan.launch_date', message: 'expected a date' }, { message: 'no path' }])).toEqual({
      launchDate: 'expected a date',
      form: 'no path',
    });
  });
});
