import { daysInRange, MAX_RANGE_DAYS, SeriesQuerySchema } from './api.schemas';

describe('SeriesQuerySchema', () => {
  it('takes a range of up to 3 years (1096 days, both ends included) and either end alone', () => {
    expect(MAX_RANGE_DAYS).toBe(1096);
    expect(daysInRange('2023-03-11', '2026-03-10')).toBe(1096); // 2024 has a 29 February
    expect(SeriesQuerySchema.safeParse({ from: '2023-03-11', to: '2026-03-10' }).success).toBe(true);
    expect(SeriesQuerySchema.safeParse({ from: '1000-01-01' }).success).toBe(true); // the server checks it against launch and today
  });

  it('refuses a longer range naming to and the limit, and a range that ends before it starts', () => {
    const long = SeriesQuerySchema.safeParse({ from: '1000-01-01', to: '2999-12-31' });
    expect(long.success).toBe(false);
    expect(long.error?.issues).toEqual([
      expect.objectContaining({
        path: ['to'],
        message: 'from 1000-01-01 to 2999-12-31 spans 730485 days: at most 1096 days (3 years) per request',
      }),
    ]);
    const backwards = SeriesQuerySchema.safeParse({ from: '2026-03-10', to: '2026-03-01' });
    expect(backwards.error?.issues).toEqual([expect.objectContaining({ path: ['from'], message: '2026-03-10 is after to 2026-03-01' })]);
  });
});
