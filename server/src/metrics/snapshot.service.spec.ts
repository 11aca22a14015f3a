import { MetricSeriesResponseSchema } from '@uptake/shared';
import { Clock } from '../common/clock';
import { CacheService } from '../cache/cache.service';
import { PlanInForce } from '../plan/plan-in-force.service';
import { PlanRepository } from '../plan/plan.repository';
import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { compareNames } from './metric-values.util';
import { InvalidDayError, UnknownDepartmentError } from './metrics.errors';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';
import { MAX_UNPLANNED_BACKFILL_DAYS, SnapshotService } from './snapshot.service';
import { SnapshotRepository } from './snapshot.repository';

/**
 * Launch 2026-03-01 (UTC). Sales: s1 and s2, Marketing listed in the plan without anyone.
 * s1 logs in on 2026-02-28 and 2026-03-02; one opportunity of s1 created 2026-03-01.
 *   2026-03-01: 7-day window 02-23..03-01: s1 (02-28)          -> active 1/2, logins 1/2
 *   2026-03-02: window 02-24..03-02: s1 (02-28, 03-02)          -> active 1/2, logins 2/2
 *   2026-03-03: window 02-25..03-03: s1 (02-28, 03-02)          -> active 1/2, logins 2/2
 * Ramp: active_users "*" goal 0.2 -> 0.8 by 2026-03-21 (20 days); logins_per_user Sales goal
 * 2 by 2026-03-21 without a baseline: it starts from the value at launch, 0.5.
 */
const plan = {
  launch_date: '2026-03-01',
  departments: [
    { name: 'Sales', seats: 2 },
    { name: 'Marketing', seats: 1 },
  ],
  goals: [
    { department: '*', metric: 'active_users' as const, target: 0.8, by: '2026-03-21', baseline: 0.2 },
    { department: 'Sales', metric: 'logins_per_user' as const, target: 2, by: '2026-03-21' },
  ],
};

interface Row {
  day: string;
  department: string;
  metric: string;
  value: number | string | null;
  seat_holders: number | string;
  computed_at: number | string;
}

describe(SnapshotService.name, () => {
  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    let fixture: MetricsFixture;
    let crm: number;
    let sut: SnapshotService;

    const rows = async (day: string) =>
      (await database.db.query<Row>('SELECT * FROM metric_snapshots WHERE day = :day', { day }))
        .sort((a, b) => compareNames(`${a.department}\u0000${a.metric}`, `${b.department}\u0000${b.metric}`))
        .map((row) => ({
          department: row.department,
          metric: row.metric,
          value: row.value === null ? null : Number(row.value),
          seatHolders: Number(row.seat_holders),
          computedAt: Number(row.computed_at),
        }));

    beforeEach(async () => {
      database = await openTestDatabase(engine);
      fixture = new MetricsFixture(database.db);
      const plans = new PlanRepository(database.db);
      const inForce = new PlanInForce(plans, new Clock());
      const cache = new CacheService(database.db);
      sut = new SnapshotService(
        new MetricsService(new MetricsRepository(database.db), inForce, cache),
        new SnapshotRepository(database.db),
        inForce,
        cache,
      );
      crm = await fixture.connection('crm');
      await fixture.users(crm, [{ externalId: 's1' }, { externalId: 's2' }]);
      await fixture.logins(crm, [
        { userExternalId: 's1', loginAt: at('2026-02-28T10:00:00Z') },
        { userExternalId: 's1', loginAt: at('2026-03-02T10:00:00Z') },
      ]);
      await fixture.opportunities(crm, [{ externalId: 'o1', ownerExternalId: 's1', createdAt: at('2026-03-01T09:00:00Z') }]);
    });
    afterEach(async () => {
      await database.dispose();
    });

    it('refuses to compute days after today (`snapshot --to 2999-12-31` would compute some 355,000 days) and a series of more than 3 years', async () => {
      await expect(sut.backfill('2026-03-01', '2999-12-31')).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringMatching(/^to 2999-12-31 is after today \(/),
      });
      await expect(sut.hasSnapshots()).resolves.toBe(false);
      await expect(sut.series('*', '2020-01-01', '2023-01-01')).rejects.toThrow(
        'from 2020-01-01 to 2023-01-01 spans 1097 days: at most 1096 days (3 years) per request',
      );
    });

    it('writes every metric of every department and of the organisation for a day', async () => {
      await fixture.plan(plan);
      await expect(sut.hasSnapshots()).resolves.toBe(false);
      await sut.computeDay('2026-03-03', 1_000);
      const metricsOf = (department: string, seatHolders: number, values: Record<string, number | null>) =>
        Object.entries(values).map(([metric, value]) => ({ department, metric, value, seatHolders, computedAt: 1_000 }));
      // in the order of the rows (by metric name)
      const sales = {
        active_contributors: 0.5, // s1 owns o1, created 03-01 (in the 7 days 02-25..03-03)
        active_users: 0.5, // s1 of 2
        activities_per_user: 0, // no activity
        logins_per_user: 1, // 2 logins / 2
        monthly_active_users: 0.5,
        record_completeness: null, // no required field
        stale_opportunities: 0, // o1 created 03-01: open and fresh
        training_completion: null, // no required course
      };
      const nobody = Object.fromEntries(Object.keys(sales).map((metric) => [metric, null]));
      expect(await rows('2026-03-03')).toEqual([
        ...metricsOf('*', 2, sales), // '*' sorts before letters (by code point)
        ...metricsOf('Marketing', 0, nobody),
        ...metricsOf('Sales', 2, sales),
      ]);
      await expect(sut.hasSnapshots()).resolves.toBe(true);
    });

    it('replaces the rows of a day it computes again', async () => {
      await fixture.plan(plan);
      await sut.computeDay('2026-03-03', 1_000);
      await fixture.logins(crm, [{ userExternalId: 's2', loginAt: at('2026-03-03T08:00:00Z') }]);
      await sut.computeDay('2026-03-03', 2_000);
      const again = await rows('2026-03-03');
      expect(again).toHaveLength(24); // (Marketing, Sales, '*') x 8 metrics
      expect(again.find((row) => row.department === 'Sales' && row.metric === 'active_users')).toEqual({
        department: 'Sales',
        metric: 'active_users',
        value: 1, // s1 and s2 of 2
        seatHolders: 2,
        computedAt: 2_000,
      });
    });

    it('backfills a range of days, reporting progress', async () => {
      await fixture.plan(plan);
      const progress: Array<[number, number, string]> = [];
      await expect(sut.backfill('2026-03-01', '2026-03-03', (done, total, day) => progress.push([done, total, day]))).resolves.toBe(3);
      expect(progress).toEqual([
        [1, 3, '2026-03-01'],
        [2, 3, '2026-03-02'],
        [3, 3, '2026-03-03'],
      ]);
      await expect(sut.backfill('2026-03-03', '2026-03-01')).rejects.toThrow(new InvalidDayError('from 2026-03-03 is after to 2026-03-01'));
    });

    it('keeps what was seen: later changes reach past days only through an explicit backfill', async () => {
      await fixture.plan(plan);
      await sut.computeDay('2026-03-02', 1_000);
      // the rep deletes the opportunity afterwards
      await fixture.opportunities(crm, [{ externalId: 'o1', ownerExternalId: 's1', createdAt: at('2026-03-01T09:00:00Z'), deleted: true }]);
      const staleOn = async (day: string) => (await sut.series('Sales', day, day)).points[0].metrics.stale_opportunities;

      // backfillMissing computes 03-01 and 03-03 (missing, so they see the deletion) and leaves 03-02 alone
      await expect(sut.backfillMissing('2026-03-03')).resolves.toEqual(['2026-03-01', '2026-03-03']);
      expect(await staleOn('2026-03-01')).toBeNull(); // no open opportunity left
      expect(await staleOn('2026-03-02')).toBe(0); // as seen on the day: o1 open and fresh
      await sut.recomputeToday(at('2026-03-03T12:00:00Z'));
      expect(await staleOn('2026-03-02')).toBe(0);

      await sut.backfill('2026-03-02', '2026-03-02');
      expect(await staleOn('2026-03-02')).toBeNull();
    });

    it('backfills only missing days from the launch date to today, given as an instant in the plan time zone', async () => {
      await fixture.plan({ ...plan, timezone: 'America/New_York' });
      const progress: string[] = [];
      // 2026-03-04T03:00Z is 2026-03-03 22:00 in New York (EST, UTC-5)
      await expect(
        sut.backfillMissing(at('2026-03-04T03:00:00Z'), (done, total, day) => progress.push(`${done}/${total} ${day}`)),
      ).resolves.toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
      expect(progress).toEqual(['1/3 2026-03-01', '2/3 2026-03-02', '3/3 2026-03-03']);
      await expect(sut.backfillMissing(at('2026-03-04T03:00:00Z'))).resolves.toEqual([]);
      await expect(sut.backfillMissing('2026-02-27')).resolves.toEqual([]); // before the launch
    });

    it('backfills from the earliest data when there is no plan, at most a year back', async () => {
      // earliest activity: s1's login on 2026-02-28
      await expect(sut.backfillMissing('2026-03-01')).resolves.toEqual(['2026-02-28', '2026-03-01']);
      await fixture.logins(crm, [{ userExternalId: 's2', loginAt: at('2020-01-01T00:00:00Z') }]);
      const days = await sut.backfillMissing('2026-03-02');
      // 365 days back from 2026-03-02 is 2025-03-02; 2026-02-28 and 2026-03-01 exist already
      expect(days).toHaveLength(MAX_UNPLANNED_BACKFILL_DAYS + 1 - 2);
      expect(days[0]).toBe('2025-03-02');
      expect(days[days.length - 1]).toBe('2026-03-02');
    });

    it('recomputes the current day of the plan time zone', async () => {
      await fixture.plan({ ...plan, timezone: 'America/New_York' });
      // 2026-03-03T04:00Z is 2026-03-02 23:00 in New York
      await expect(sut.recomputeToday(at('2026-03-03T04:00:00Z'))).resolves.toBe('2026-03-02');
      expect((await rows('2026-03-02')).every((row) => row.computedAt === at('2026-03-03T04:00:00Z'))).toBe(true);
      expect(await rows('2026-03-03')).toEqual([]);
    });

    it('reads a series with every day of the range and the expected ramp', async () => {
      await fixture.plan(plan);
      await sut.backfill('2026-03-01', '2026-03-03');
      const series = await sut.series('Sales', '2026-02-28', '2026-03-04');
      expect(() => MetricSeriesResponseSchema.parse(series)).not.toThrow();
      const nothing = {
        active_users: null,
        monthly_active_users: null,
        logins_per_user: null,
        record_completeness: null,
        stale_opportunities: null,
        training_completion: null,
        active_contributors: null,
        activities_per_user: null,
      };
      // s1 owns o1, created 03-01: a contributor from 03-01 to 03-07
      const seen = (loginsPerUser: number) => ({
        ...nothing,
        active_users: 0.5,
        monthly_active_users: 0.5,
        logins_per_user: loginsPerUser,
        stale_opportunities: 0,
        active_contributors: 0.5,
        activities_per_user: 0,
      });
      expect(series.department).toBe('Sales');
      expect(series.points.map((point) => [point.day, point.seatHolders, point.metrics])).toEqual([
        ['2026-02-28', null, nothing], // no snapshot
        ['2026-03-01', 2, seen(0.5)], // s1: 1 login / 2
        ['2026-03-02', 2, seen(1)], // s1: 2 logins / 2
        ['2026-03-03', 2, seen(1)],
        ['2026-03-04', null, nothing],
      ]);
      // active_users: 0.2 + 0.6 * (days since launch / 20); logins_per_user: 0.5 + 1.5 * (days since launch / 20)
      const expected = series.points.map((point) => point.expected);
      const ramp = [
        { active_users: 0.2, logins_per_user: 0.5 }, // before launch
        { active_users: 0.2, logins_per_user: 0.5 },
        { active_users: 0.23, logins_per_user: 0.575 },
        { active_users: 0.26, logins_per_user: 0.65 },
        { active_users: 0.29, logins_per_user: 0.725 },
      ];
      expected.forEach((values, index) => {
        expect(Object.keys(values).sort()).toEqual(['active_users', 'logins_per_user']);
        expect(values.active_users).toBeCloseTo(ramp[index].active_users, 9);
        expect(values.logins_per_user).toBeCloseTo(ramp[index].logins_per_user, 9);
      });

      const organisation = await sut.series('*', '2026-03-02', '2026-03-02');
      expect(organisation.points).toEqual([
        {
          day: '2026-03-02',
          seatHolders: 2,
          metrics: seen(1),
          expected: { active_users: expect.closeTo(0.23, 9) },
          provenance: 'observed', // no provenance repository here: no connection to wait for
        },
      ]);
    });

    it('rejects an unknown department and a reversed range', async () => {
      await fixture.plan(plan);
      await expect(sut.series('Legal', '2026-03-01', '2026-03-02')).rejects.toThrow(
        new UnknownDepartmentError('Legal', ['Marketing', 'Sales']),
      );
      await expect(sut.series('Marketing', '2026-03-01', '2026-03-02')).resolves.toMatchObject({ department: 'Marketing' });
      await expect(sut.series('Sales', '2026-03-02', '2026-03-01')).rejects.toThrow(InvalidDayError);
    });
  });
});
