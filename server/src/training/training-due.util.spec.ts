import { LaunchPlanSchema, type LaunchPlanInput } from '@uptake/shared';
import { isTrainingOverdue, trainingDueDate } from './training-due.util';

const plan = (training?: LaunchPlanInput['training'], timezone = 'UTC') =>
  LaunchPlanSchema.parse({ launch_date: '2026-01-15', timezone, ...(training ? { training } : {}) });

describe(trainingDueDate.name, () => {
  it('is the fixed due_by for everyone', () => {
    expect(trainingDueDate(plan({ required_courses: {}, due_by: '2026-03-01' }), Date.parse('2026-02-20T00:00:00Z'))).toBe('2026-03-01');
  });

  it('is due_within_days after the start: the creation day in the plan time zone, not before the launch', () => {
    const within30 = plan({ required_courses: {}, due_within_days: 30 });
    expect(trainingDueDate(within30, Date.parse('2026-02-10T12:00:00Z'))).toBe('2026-03-12'); // 18 days of Feb + 12
    expect(trainingDueDate(within30, Date.parse('2025-06-01T00:00:00Z'))).toBe('2026-02-14'); // launch 01-15 + 30
    expect(trainingDueDate(within30, null)).toBe('2026-02-14');
    // 2026-02-10T03:00Z is still 02-09 in New York
    const ny = plan({ required_courses: {}, due_within_days: 1 }, 'America/New_York');
    expect(trainingDueDate(ny, Date.parse('2026-02-10T03:00:00Z'))).toBe('2026-02-10');
  });

  it('is null without a due time or a plan', () => {
    expect(trainingDueDate(plan({ required_courses: { '*': ['Basics'] } }), null)).toBeNull();
    expect(trainingDueDate(plan(), null)).toBeNull();
    expect(trainingDueDate(null, null)).toBeNull();
  });
});

describe(isTrainingOverdue.name, () => {
  it('is overdue only when incomplete and due before the day', () => {
    expect(isTrainingOverdue('2026-03-01', true, '2026-03-02')).toBe(true);
    expect(isTrainingOverdue('2026-03-01', true, '2026-03-01')).toBe(false); // due on the day: not yet late
    expect(isTrainingOverdue('2026-03-01', false, '2026-04-01')).toBe(false);
    expect(isTrainingOverdue(null, true, '2026-04-01')).toBe(false);
  });
});
