import { PlanUpdateRequestSchema } from './dashboard.schemas';

describe('PlanUpdateRequestSchema effectiveFrom', () => {
  const plan = { launch_date: '2026-01-15' };
  const parse = (effectiveFrom?: string) => PlanUpdateRequestSchema.safeParse({ plan, changedBy: 'ann', effectiveFrom });

  it('is optional, and accepted from the launch date on', () => {
    expect(parse().success).toBe(true);
    expect(parse('2026-01-15').data?.effectiveFrom).toBe('2026-01-15');
  });

  it.each([
    ['2026-01-14', 'effective-from 2026-01-14 is before the launch date 2026-01-15'],
    ['tomorrow', 'effective-from "tomorrow" is not a date (expected YYYY-MM-DD, e.g. 2026-01-15)'],
  ])('refuses %s on the effectiveFrom field', (day, message) => {
    const result = parse(day);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['effectiveFrom', message]]);
  });
});
