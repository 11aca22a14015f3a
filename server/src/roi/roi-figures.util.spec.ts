import { departmentRoi, formatNumber, monthsBetween, organisationRoi, type RoiDepartmentInput } from './roi-figures.util';

const context = { asOf: '2026-03-10', currency: 'EUR' };

function input(extra: Partial<RoiDepartmentInput> & Pick<RoiDepartmentInput, 'department'>): RoiDepartmentInput {
  return { planned: null, seatHolders: 0, monthlyActiveUsers: 0, pipeline: null, ...extra };
}

describe('roi figures', () => {
  it.each<[string, RoiDepartmentInput, { spend: number | null; shelfware: number; shelfwareCost: number | null; perMau: number | null }]>([
    // 40 × 75 = 3000; shelfware 40 − 31 = 9, 9 × 75 = 675; 3000 / 31
    [
      'a planned department',
      input({ department: 'A', planned: { seats: 40, costPerSeatMonth: 75 }, seatHolders: 38, monthlyActiveUsers: 31 }),
      { spend: 3000, shelfware: 9, shelfwareCost: 675, perMau: 3000 / 31 },
    ],
    // 2 × 50 = 100; 2 − 3 < 0 → 0; 100 / 3
    [
      'more active users than seats',
      input({ department: 'B', planned: { seats: 2, costPerSeatMonth: 50 }, seatHolders: 3, monthlyActiveUsers: 3 }),
      { spend: 100, shelfware: 0, shelfwareCost: 0, perMau: 100 / 3 },
    ],
    // no line: seat holders 5 − 2 = 3, no cost
    [
      'a department not in the plan',
      input({ department: 'C', seatHolders: 5, monthlyActiveUsers: 2 }),
      { spend: null, shelfware: 3, shelfwareCost: null, perMau: null },
    ],
    // 0 seats bought: 4 seat holders − 1 = 3 idle, × 20 = 60; spend 0 / 1 = 0
    [
      'a plan line with 0 seats',
      input({ department: 'D', planned: { seats: 0, costPerSeatMonth: 20 }, seatHolders: 4, monthlyActiveUsers: 1 }),
      { spend: 0, shelfware: 3, shelfwareCost: 60, perMau: 0 },
    ],
    // 3 × 20 = 60, all idle; no active user: cost per active user undefined
    [
      'nobody active',
      input({ department: 'E', planned: { seats: 3, costPerSeatMonth: 20 } }),
      { spend: 60, shelfware: 3, shelfwareCost: 60, perMau: null },
    ],
  ])('computes %s', (_name, given, expected) => {
    const result = departmentRoi(given, context);
    expect({
      spend: result.monthlySpend.value,
      shelfware: result.shelfwareSeats.value,
      shelfwareCost: result.shelfwareCostPerMonth.value,
      perMau: result.costPerMonthlyActiveUser.value,
    }).toEqual(expected);
  });

  it('says how each figure was computed, with the arithmetic', () => {
    const result = departmentRoi(
      input({ department: 'A', planned: { seats: 40, costPerSeatMonth: 75 }, seatHolders: 38, monthlyActiveUsers: 31 }),
      context,
    );
    expect(result.monthlySpend.how).toBe('40 seats × 75 EUR = 3000 EUR per month');
    expect(result.shelfwareSeats.how).toBe('40 seats − 31 monthly active users = 9');
    expect(result.shelfwareCostPerMonth.how).toBe('9 shelfware seats × 75 EUR = 675 EUR per month');
    expect(result.costPerMonthlyActiveUser.how).toBe('3000 EUR ÷ 31 monthly active users = 96.77 EUR per month');
    const unplanned = departmentRoi(input({ department: 'C', seatHolders: 5, monthlyActiveUsers: 2 }), context);
    expect(unplanned.shelfwareSeats.how).toBe('No seats in the plan, so 5 seat holders − 2 monthly active users = 3');
  });

  it('never says "undefined" when there is no monthly active user or no seat', () => {
    const idle = departmentRoi(input({ department: 'E', planned: { seats: 3, costPerSeatMonth: 20 } }), context);
    expect(idle.costPerMonthlyActiveUser.how).toBe(
      'No monthly active user in the 30 days ending 2026-03-10, so no cost per monthly active user',
    );
    const organisation = organisationRoi([{ ...idle, department: 'E', inPlan: true }], context);
    expect(organisation.costPerMonthlyActiveUser.how).toBe(
      'No monthly active user in the 30 days ending 2026-03-10, so no cost per monthly active user',
    );
    const noSeats = organisationRoi([], context);
    expect(noSeats.licenceCostPerSeatMonth.how).toBe('No seats in the launch plan, so no cost per seat');
    for (const figure of [idle.costPerMonthlyActiveUser, organisation.costPerMonthlyActiveUser, noSeats.licenceCostPerSeatMonth])
      expect(figure.how).not.toContain('undefined');
  });

  it('splits the pipeline into fresh and stale', () => {
    const result = departmentRoi(
      input({ department: 'A', pipeline: { department: 'A', openCount: 3, openAmount: 1500, staleCount: 2, staleAmount: 500 } }),
      context,
    );
    expect(result.pipeline).toMatchObject({
      openCount: 3,
      openAmount: 1500,
      freshCount: 1,
      freshAmount: 1000,
      staleCount: 2,
      staleAmount: 500,
    });
  });

  it('adds departments up for the organisation, shelfware department by department', () => {
    const departments = [
      input({ department: 'A', planned: { seats: 4, costPerSeatMonth: 75 }, seatHolders: 3, monthlyActiveUsers: 1 }),
      input({ department: 'B', planned: { seats: 2, costPerSeatMonth: 50 }, seatHolders: 3, monthlyActiveUsers: 3 }),
      input({ department: 'C', seatHolders: 2, monthlyActiveUsers: 1 }),
    ].map((given) => departmentRoi(given, context));
    const result = organisationRoi(departments, context);
    // seats 4 + 2; spend 300 + 100; shelfware (4−1) + 0 + (2−1) = 4 (not 6 − 5 = 1); its cost 3 × 75 + 0
    expect({
      seats: result.seats.value,
      perSeat: result.licenceCostPerSeatMonth.value,
      spend: result.monthlySpend.value,
      seatHolders: result.seatHolders.value,
      mau: result.monthlyActiveUsers.value,
      shelfware: result.shelfwareSeats.value,
      shelfwareCost: result.shelfwareCostPerMonth.value,
      perMau: result.costPerMonthlyActiveUser.value,
    }).toEqual({ seats: 6, perSeat: 400 / 6, spend: 400, seatHolders: 8, mau: 5, shelfware: 4, shelfwareCost: 225, perMau: 80 });
  });

  it.each([
    ['2026-01-15', '2026-03-10', ['2026-01', '2026-02', '2026-03']],
    ['2025-11-30', '2026-02-01', ['2025-11', '2025-12', '2026-01', '2026-02']],
    ['2026-03-01', '2026-03-31', ['2026-03']],
    ['2026-04-01', '2026-03-31', []],
  ])('lists the months from %s to %s', (from, to, expected) => {
    expect(monthsBetween(from, to)).toEqual(expected);
  });

  it.each([
    [3000, '3000'],
    [96.7741935, '96.77'],
    [0.005, '0.01'],
    [51.1, '51.1'],
  ])('writes %p as %p', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});
