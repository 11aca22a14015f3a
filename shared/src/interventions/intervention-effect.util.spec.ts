import { interventionEffect, type DepartmentDay } from './intervention-effect.util';

/*
 * An intervention on 2026-03-01: the 4 weeks before are 02-01..02-28 (February 2026 has 28 days),
 * the 4 weeks after 03-01..03-28.
 * Sales (10 seat holders) 0.40 every day before, 0.60 after: +0.20.
 * Support (6) 0.50 -> 0.55 and Ops (4) 0.20 -> 0.30: the comparison group's daily value is
 * (0.50 * 6 + 0.20 * 4) / 10 = 0.38 before and (0.55 * 6 + 0.30 * 4) / 10 = 0.45 after: +0.07.
 * Difference in differences: 0.20 - 0.07 = 0.13.
 */
function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

function department(name: string, seatHolders: number, before: number | null, after: number | null): DepartmentDay[] {
  return [
    ...eachDay('2026-02-01', '2026-02-28').map((day) => ({ day, department: name, value: before, seatHolders })),
    ...eachDay('2026-03-01', '2026-03-28').map((day) => ({ day, department: name, value: after, seatHolders })),
  ];
}

const ROWS = [...department('Sales', 10, 0.4, 0.6), ...department('Support', 6, 0.5, 0.55), ...department('Ops', 4, 0.2, 0.3)];
const BASE = { date: '2026-03-01', departments: ['Sales'], rows: ROWS, asOf: '2026-03-31', minGroupSize: 5 };

describe('interventionEffect', () => {
  it('takes the change of the other departments from the change of those with the intervention', () => {
    const effect = interventionEffect(BASE);
    expect(effect.status).toBe('estimated');
    expect(effect.before).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(effect.after).toEqual({ from: '2026-03-01', to: '2026-03-28' });
    expect(effect.treated.people).toBe(10);
    expect(effect.treated.before).toBeCloseTo(0.4, 12);
    expect(effect.treated.after).toBeCloseTo(0.6, 12);
    expect(effect.treated.change).toBeCloseTo(0.2, 12);
    expect(effect.comparison.people).toBe(10);
    expect(effect.comparison.before).toBeCloseTo(0.38, 12);
    expect(effect.comparison.after).toBeCloseTo(0.45, 12);
    expect(effect.comparison.change).toBeCloseTo(0.07, 12);
    expect(effect.effect).toBeCloseTo(0.13, 12);
    expect(effect.note).toBe('Over 10 people with the intervention and 10 without.');
  });

  it('averages the days of a window, and ignores days outside both windows', () => {
    // Sales before: 0.40 on 02-01..02-14, 0.50 on 02-15..02-28: mean 0.45, so +0.15 and 0.15 - 0.07 = 0.08.
    // The rows of 01-31 and 03-29 (value 0.99, 1 seat holder) lie outside both windows.
    const rows = ROWS.map((row) =>
      row.department === 'Sales' && row.day >= '2026-02-15' && row.day <= '2026-02-28' ? { ...row, value: 0.5 } : row,
    );
    rows.push({ day: '2026-01-31', department: 'Sales', value: 0.99, seatHolders: 1 });
    rows.push({ day: '2026-03-29', department: 'Support', value: 0.99, seatHolders: 1 });
    const effect = interventionEffect({ ...BASE, rows });
    expect(effect.treated.before).toBeCloseTo(0.45, 12);
    expect(effect.treated.people).toBe(10);
    expect(effect.comparison.people).toBe(10);
    expect(effect.effect).toBeCloseTo(0.08, 12);
  });

  it('weighs the departments of a group by their seat holders', () => {
    // Sales and Ops treated: before (0.40 * 10 + 0.20 * 4) / 14 = 4.8 / 14, after (0.60 * 10 + 0.30 * 4) / 14 = 7.2 / 14:
    // +2.4 / 14. Support alone: +0.05. Effect 2.4 / 14 - 0.05 = 0.121428...; 14 and 6 people.
    const effect = interventionEffect({ ...BASE, departments: ['Sales', 'Ops'] });
    expect(effect.treated.people).toBe(14);
    expect(effect.comparison.people).toBe(6);
    expect(effect.effect).toBeCloseTo(2.4 / 14 - 0.05, 12);
  });

  it('waits until the 4 weeks after have passed (the last is 03-28)', () => {
    expect(interventionEffect({ ...BASE, asOf: '2026-03-27' })).toMatchObject({ status: 'too_early', effect: null });
    expect(interventionEffect({ ...BASE, asOf: '2026-03-27' }).note).toContain('2026-03-28');
    expect(interventionEffect({ ...BASE, asOf: '2026-03-28' }).status).toBe('estimated');
  });

  it('has nothing to compare with when every department had it', () => {
    expect(interventionEffect({ ...BASE, departments: ['Sales', 'Support', 'Ops'] })).toMatchObject({
      status: 'no_comparison',
      effect: null,
    });
  });

  it('says nothing, and shows no group value, when a group had fewer seat holders than the threshold', () => {
    // Ops alone: 4 people, fewer than 5.
    const effect = interventionEffect({ ...BASE, departments: ['Ops'] });
    expect(effect).toMatchObject({ status: 'too_few_people', effect: null });
    expect(effect.treated).toEqual({ people: 4, before: null, after: null, change: null });
    expect(effect.comparison).toEqual({ people: 16, before: null, after: null, change: null });
    expect(effect.note).toBe(
      'Too few people to say anything: 4 with the intervention and 16 without, fewer than 5 in a group on some day.',
    );
  });

  it('counts the fewest people of any day: one day of 4 in Sales is too few', () => {
    const rows = ROWS.map((row) => (row.department === 'Sales' && row.day === '2026-03-10' ? { ...row, seatHolders: 4 } : row));
    expect(interventionEffect({ ...BASE, rows })).toMatchObject({ status: 'too_few_people', treated: { people: 4 } });
  });

  it('needs a value of each group in each window', () => {
    const rows = [...department('Sales', 10, 0.4, 0.6), ...department('Support', 6, null, 0.55)];
    expect(interventionEffect({ ...BASE, rows })).toMatchObject({ status: 'not_enough_data', effect: null });
  });
});
