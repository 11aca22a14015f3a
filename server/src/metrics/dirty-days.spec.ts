import { PlanInForce } from '../plan/plan-in-force.service';
import { CacheService } from '../cache/cache.service';
import { FixedClock } from '../common/clock';
import { PlanRepository } from '../plan/plan.repository';
import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { daysOfSpan, markDirtyDays, mergeSpans, planChangesStoredValues } from './dirty-days';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';
import { RestatementRepository } from './restatement.repository';
import { RestatementService } from './restatement.service';
import { SnapshotRepository } from './snapshot.repository';
import { SnapshotService } from './snapshot.service';

describe('dirty days', () => {
  describe(daysOfSpan.name, () => {
    it.each([
      // a login on 03-10 (UTC) counts on 03-10..04-08 in the 30-day window; one day more on each side for any time zone
      [{ logins: [at('2026-03-10T10:00:00Z'), at('2026-03-10T10:00:00Z')] as const }, { from: '2026-03-09', to: '2026-04-09' }],
      [{ logins: [at('2026-03-12T00:00:00Z'), at('2026-03-10T23:00:00Z')] as const }, { from: '2026-03-09', to: '2026-04-11' }],
      [{ from: at('2026-03-10T00:30:00Z') }, { from: '2026-03-09', to: null }],
      [{ from: null }, { from: null, to: null }],
      [{ fromDay: '2026-03-10' }, { from: '2026-03-10', to: null }],
    ])('%j touches %j', (span, days) => {
      expect(daysOfSpan(span)).toEqual(days);
    });
  });

  it('merges the spans of a page into one of each kind: the earliest from, the first to last login', () => {
    expect(mergeSpans([{ from: 5 }, { logins: [9, 3] }, { from: 2 }, { logins: [4, 12] }])).toEqual([{ from: 2 }, { logins: [3, 12] }]);
    expect(mergeSpans([{ from: 5 }, { from: null }, { from: 1 }])).toEqual([{ from: null }]);
    expect(mergeSpans([])).toEqual([]);
  });

  it('tells plan versions that change stored values from those that change goals only', () => {
    const plan = { timezone: 'UTC', required_fields: { account: ['industry', 'phone'] }, departments: [{ name: 'A' }, { name: 'B' }] };
    expect(planChangesStoredValues(null, plan)).toBe(true);
    expect(planChangesStoredValues(plan, { ...plan, departments: [{ name: 'B' }, { name: 'A' }] })).toBe(false);
    expect(planChangesStoredValues(plan, { ...plan, required_fields: { account: ['phone', 'industry'] } })).toBe(false);
    expect(planChangesStoredValues(plan, { ...plan, required_fields: { account: ['phone'] } })).toBe(true);
    expect(planChangesStoredValues(plan, { ...plan, timezone: 'Europe/Paris' })).toBe(true);
    expect(planChangesStoredValues(plan, { ...plan, departments: [{ name: 'A' }] })).toBe(true);
  });

  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    let fixture: MetricsFixture;
    let crm: number;
    let snapshots: SnapshotService;
    let restatements: RestatementService;
    let repository: RestatementRepository;
    const clock = new FixedClock(at('2026-03-20T12:00:00Z'));
    const marked = async () =>
      (
        await database.db.query<{ day: string; generation: number | string; cause: string; cause_ref: string | null }>(
          'SELECT day, generation, cause, cause_ref FROM snapshot_dirty_days ORDER BY day',
        )
      ).map((row) => ({ ...row, generation: Number(row.generation) }));

    beforeEach(async () => {
      database = await openTestDatabase(engine);
      fixture = new MetricsFixture(database.db);
      const plans = new PlanRepository(database.db);
      const inForce = new PlanInForce(plans, clock);
      const cache = new CacheService(database.db);
      const metrics = new MetricsService(new MetricsRepository(database.db), inForce, cache, clock);
      repository = new RestatementRepository(database.db);
      snapshots = new SnapshotService(metrics, new SnapshotRepository(database.db), inForce, cache, repository);
      restatements = new RestatementService(metrics, repository, plans, clock);
      crm = await fixture.connection('crm');
      // Sales: s1, s2 (no created_at); snapshots of 03-10..03-14 stored without logins
      await fixture.users(crm, [{ externalId: 's1' }, { externalId: 's2' }]);
      await snapshots.backfill('2026-03-10', '2026-03-14');
    });
    afterEach(async () => {
      await database.dispose();
    });

    it('marks only the days that have a snapshot, and raises the generation of a day marked again', async () => {
      const cause = { kind: 'sync' as const, ref: '7' };
      await database.db.transaction((tx) => markDirtyDays(tx, [{ from: at('2026-03-13T08:00:00Z') }], cause, 1));
      expect(await marked()).toEqual(
        ['2026-03-12', '2026-03-13', '2026-03-14'].map((day) => ({ day, generation: 1, cause: 'sync', cause_ref: '7' })),
      );
      await database.db.transaction((tx) => markDirtyDays(tx, [{ fromDay: '2026-03-14' }], { kind: 'plan', ref: '3' }, 2));
      expect((await marked())[2]).toEqual({ day: '2026-03-14', generation: 2, cause: 'plan', cause_ref: '3' });
    });

    it('says a day only logins changed (only the login metrics are recomputed) until anything else marks it', async () => {
      const login = at('2026-03-13T08:00:00Z');
      const cause = { kind: 'sync' as const, ref: '7' };
      await database.db.transaction((tx) => markDirtyDays(tx, [{ logins: [login, login] }], cause, 1));
      await database.db.transaction((tx) => markDirtyDays(tx, [{ logins: [login, login] }], cause, 2));
      await database.db.transaction((tx) => markDirtyDays(tx, [{ fromDay: '2026-03-14' }], cause, 3));
      const scopes = await database.db.query<{ day: string; scope: string }>('SELECT day, scope FROM snapshot_dirty_days ORDER BY day');
      expect(scopes).toEqual([
        { day: '2026-03-12', scope: 'logins' },
        { day: '2026-03-13', scope: 'logins' },
        { day: '2026-03-14', scope: 'all' },
      ]);
    });

    it('recomputes at most the cap per run, newest first, and the next run goes on where it stopped (marks survive until done)', async () => {
      // a late login of s1 on 03-11: active on 03-11..03-14 (1/2) instead of 0
      await fixture.logins(crm, [{ userExternalId: 's1', loginAt: at('2026-03-11T09:00:00Z') }]);
      const login = at('2026-03-11T09:00:00Z');
      await database.db.transaction((tx) => markDirtyDays(tx, [{ logins: [login, login] }], { kind: 'sync', ref: '9' }, 1));
      expect((await marked()).map((mark) => mark.day)).toEqual(['2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14']);

      expect(await restatements.restatePending({ maxDays: 2 })).toEqual({ days: 2, values: 12, pending: 3 });
      expect((await marked()).map((mark) => mark.day)).toEqual(['2026-03-10', '2026-03-11', '2026-03-12']);
      // 03-11 and 03-12 change too (6 values each: 3 metrics, the department and the organisation); 03-10 does not
      expect(await restatements.restatePending({ maxDays: 2 })).toEqual({ days: 2, values: 12, pending: 1 });
      expect(await restatements.restatePending({ maxDays: 2 })).toEqual({ days: 1, values: 0, pending: 0 });
      expect(await marked()).toEqual([]);
      const rows = await database.db.query<{ day: string }>(
        "SELECT DISTINCT day FROM metric_restatements WHERE cause = 'sync' ORDER BY day",
      );
      expect(rows.map((row) => row.day)).toEqual(['2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14']);
    });

    it('keeps a mark made while the day was being recomputed (its generation moved on)', async () => {
      await database.db.transaction((tx) => markDirtyDays(tx, [{ fromDay: '2026-03-14' }], { kind: 'sync', ref: '1' }, 1));
      const [seen] = await repository.dirtyDays('2026-03-20', 10);
      // another sync marks the day again before the recomputation stores it
      await database.db.transaction((tx) => markDirtyDays(tx, [{ fromDay: '2026-03-14' }], { kind: 'sync', ref: '2' }, 2));
      const stored = await database.db.query<{ department: string; metric: string; value: number | null; seat_holders: number }>(
        "SELECT department, metric, value, seat_holders FROM metric_snapshots WHERE day = '2026-03-14'",
      );
      await repository.replaceDays(
        [
          {
            day: '2026-03-14',
            rows: stored.map((row) => ({
              day: '2026-03-14',
              department: row.department,
              metric: row.metric as 'active_users',
              value: row.value === null ? null : Number(row.value),
              seatHolders: Number(row.seat_holders),
            })),
            cause: seen.cause,
            generation: seen.generation,
          },
        ],
        3,
      );
      expect(await marked()).toEqual([{ day: '2026-03-14', generation: 2, cause: 'sync', cause_ref: '2' }]);
    });

    it('logs a change found by `uptake snapshot` as a manual recomputation', async () => {
      await fixture.logins(crm, [{ userExternalId: 's2', loginAt: at('2026-03-14T09:00:00Z') }]);
      await snapshots.backfill('2026-03-14', '2026-03-14');
      const rows = await database.db.query<{ department: string; metric: string; old_value: number; new_value: number; cause: string }>(
        "SELECT department, metric, old_value, new_value, cause FROM metric_restatements WHERE metric = 'active_users' ORDER BY department",
      );
      expect(rows.map((row) => ({ ...row, old_value: Number(row.old_value), new_value: Number(row.new_value) }))).toEqual([
        { department: '*', metric: 'active_users', old_value: 0, new_value: 0.5, cause: 'snapshot' },
        { department: 'Sales', metric: 'active_users', old_value: 0, new_value: 0.5, cause: 'snapshot' },
      ]);
    });
  });
});
