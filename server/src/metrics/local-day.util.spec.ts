import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { civilDaySql, dayNumber, dayOfNumber, localDaySql } from './local-day.util';

describe('local-day.util', () => {
  it('numbers days from 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-02-01')).toBe(31);
    expect(dayNumber('1969-12-31')).toBe(-1);
    // 2026-03-10: 56 years of 365 days + 14 leap days (1972..2024) = 20454, + 31 (Jan) + 28 (Feb) + 9 = 20522
    expect(dayNumber('2026-03-10')).toBe(20522);
    expect(dayOfNumber(20522)).toBe('2026-03-10');
  });

  it('is plain integer division in UTC', () => {
    expect(localDaySql('x', '2026-03-01', '2026-03-31', 'UTC')).toBe('((x - (0)) / 86400000)');
  });

  describe.each(testEngines())('in SQL on %s', (engine) => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await openTestDatabase(engine);
    });
    afterAll(async () => {
      await database.dispose();
    });

    const evaluate = async (expression: (column: string) => string, values: Array<number | string>): Promise<number[]> => {
      const out: number[] = [];
      for (const value of values) {
        const literal = typeof value === 'number' ? `CAST(${value} AS BIGINT)` : `'${value}'`;
        const [row] = await database.db.query<{ day: number | string }>(`SELECT ${expression('v')} AS day FROM (SELECT ${literal} AS v) t`);
        out.push(Number(row.day));
      }
      return out;
    };

    it('gives the day number of a YYYY-MM-DD text', async () => {
      await expect(evaluate(civilDaySql, ['1970-01-01', '2000-03-01', '2024-02-29', '2026-03-10', '2026-12-31'])).resolves.toEqual([
        0, // the epoch
        11017, // 30 years: 365 * 30 + 7 leap days (1972..1996) = 10957, + 31 + 29 (Jan, Feb 2000)
        19782, // 2024-01-01 is 19723 (54 * 365 + 13 leap days 1972..2020), + 31 (Jan) + 28
        20522,
        20818, // 2026-01-01 = 20454, + 364
      ]);
    });

    it('gives the local day of an instant in New York across the switch to daylight time (2026-03-08)', async () => {
      const day = (column: string) => localDaySql(column, '2026-03-01', '2026-03-15', 'America/New_York');
      await expect(
        evaluate(day, [
          Date.parse('2026-03-08T04:59:59.999Z'), // 2026-03-07 23:59:59.999 EST
          Date.parse('2026-03-08T05:00:00Z'), //     2026-03-08 00:00 EST
          Date.parse('2026-03-09T03:59:59.999Z'), // 2026-03-08 23:59:59.999 EDT (a 23-hour day)
          Date.parse('2026-03-09T04:00:00Z'), //     2026-03-09 00:00 EDT
          Date.parse('2026-03-16T03:59:59Z'), //     2026-03-15 23:59:59 EDT, the last day of the range
        ]),
      ).resolves.toEqual([20519, 20520, 20520, 20521, 20527]);
    });
  });
});
