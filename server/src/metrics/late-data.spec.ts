import { PlanInForce } from '../plan/plan-in-force.service';
import { CacheService } from '../cache/cache.service';
import { ProvenanceRepository } from './provenance.repository';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { LaunchPlanSchema, METRIC_KEYS } from '@uptake/shared';
import { FixedClock } from '../common/clock';
import { eachDay } from '../common/time.util';
import { ConnectionRepository } from '../connections/connection.repository';
import { ImportService } from '../import/import.service';
import { PlanRepository } from '../plan/plan.repository';
import { IngestRepository } from '../sync/ingest.repository';
import { SyncRepository } from '../sync/sync.repository';
import { SyncService } from '../sync/sync.service';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';
import { RestatementRepository } from './restatement.repository';
import { RestatementService } from './restatement.service';
import { SnapshotRepository } from './snapshot.repository';
import { SnapshotService } from './snapshot.service';
import { StoredDayRepository } from './stored-day.repository';

/**
 * Late data over a year, through `uptake import` (csv connection) as a user would run it.
 * Plan: launch 2025-03-01, UTC, Sales listed, accounts require `industry`.
 * Sales: u1 and u2 (no created_at: always existed).
 *
 * Drop 1, 2025-06-01 12:00: u1 logged in 2025-05-30. Snapshots 2025-03-01..2025-06-01 stored.
 *   2025-06-01: active 1/2 = 0.5, monthly 0.5, logins per user 1/2 = 0.5.
 * Drop 2, 2025-06-02 00:30 (after midnight): u2 logged in 2025-06-01 23:50.
 *   2025-06-01 restated: active, monthly, logins per user 0.5 -> 1 (Sales and organisation);
 *   2025-05-31 recomputed (its window is marked too) and unchanged: no restatement.
 * Drop 3, 2026-03-01 12:00: u1 logged in 2026-02-27. Snapshots up to 2026-03-01 stored.
 * Drop 4, 2026-03-02 08:00, carrying earlier days:
 *   - a login of u2 on 2025-09-10: active (7 days) 0 -> 0.5 on 2025-09-10..2025-09-16, monthly on 09-10..10-09;
 *   - account a1 of u1 created 2025-08-01 with industry filled: completeness null -> 1 from 2025-08-01;
 *   - u1 completed the required course Basics on 2025-10-01: a course required for the first time,
 *     so every stored day: training_completion null -> 0 before 2025-10-01, null -> 0.5 from it.
 */
const plan = LaunchPlanSchema.parse({
  launch_date: '2025-03-01',
  timezone: 'UTC',
  departments: [{ name: 'Sales', seats: 2 }],
  required_fields: { account: ['industry'] },
  goals: [],
});

interface Restated {
  day: string;
  department: string;
  metric: string;
  old_value: number | string | null;
  new_value: number | string | null;
  cause: string;
  cause_ref: string | null;
}

describe('late data: stored days recomputed and restated', () => {
  beforeAll(() => Logger.overrideLogger(false));

  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    let metrics: MetricsService;
    let imports: ImportService;
    const clock = new FixedClock(Date.parse('2025-06-01T12:00:00Z'));
    const folders: string[] = [];

    beforeAll(async () => {
      database = await openTestDatabase(engine);
      const db = database.db;
      const plans = new PlanRepository(db);
      await plans.addVersion(plan, 'test', 'plan.yaml', Date.parse('2025-02-01T00:00:00Z'));
      const restatementRepository = new RestatementRepository(db);
      const inForce = new PlanInForce(plans, clock);
      const cache = new CacheService(db);
      metrics = new MetricsService(
        new MetricsRepository(db),
        inForce,
        cache,
        clock,
        new ProvenanceRepository(db, cache),
        new StoredDayRepository(db),
      );
      const snapshots = new SnapshotService(metrics, new SnapshotRepository(db), inForce, cache, restatementRepository);
      const restatements = new RestatementService(metrics, restatementRepository, plans, clock);
      const connections = new ConnectionRepository(db);
      const sync = new SyncService(
        db,
        connections,
        new SyncRepository(db),
        new IngestRepository(),
        inForce,
        snapshots,
        clock,
        restatements,
      );
      imports = new ImportService(connections, sync, clock);
    }, 60_000);

    afterAll(async () => {
      await database.dispose();
      for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
    });

    async function drop(at: string, files: Record<string, string>) {
      clock.set(Date.parse(at));
      const dir = mkdtempSync(join(tmpdir(), 'uptake-late-'));
      folders.push(dir);
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      return imports.importFolder(dir);
    }

    const stored = async (day: string, department: string, metric: string) => {
      const rows = await database.db.query<{ value: number | string | null }>(
        'SELECT value FROM metric_snapshots WHERE day = :day AND department = :department AND metric = :metric',
        { day, department, metric },
      );
      return rows.length === 0 ? undefined : rows[0].value === null ? null : Number(rows[0].value);
    };
    const restated = async (where: string, params: Record<string, string> = {}) =>
      (
        await database.db.query<Restated>(
          `SELECT day, department, metric, old_value, new_value, cause, cause_ref FROM metric_restatements WHERE ${where} ORDER BY day, department, metric`,
          params,
        )
      ).map((row) => ({
        ...row,
        old_value: row.old_value === null ? null : Number(row.old_value),
        new_value: row.new_value === null ? null : Number(row.new_value),
      }));

    it('restates a day when logins of before midnight are synced after it', async () => {
      await drop('2025-06-01T12:00:00Z', {
        'users.csv': 'id,name,department\nu1,Ann,Sales\nu2,Bob,Sales\n',
        'logins.csv': 'user_id,login_at,status\nu1,2025-05-30T09:00:00Z,Success\n',
      });
      expect(await stored('2025-03-01', 'Sales', 'active_users')).toBe(0);
      expect(await stored('2025-06-01', 'Sales', 'active_users')).toBe(0.5);
      expect(await restated('1 = 1')).toEqual([]);

      const run = await drop('2025-06-02T00:30:00Z', {
        'logins.csv': 'user_id,login_at,status\nu2,2025-06-01T23:50:00Z,Success\n',
      });
      expect(await stored('2025-06-01', 'Sales', 'active_users')).toBe(1);
      const cause = { cause: 'import', cause_ref: String(run.id) };
      expect(await restated('1 = 1')).toEqual(
        ['*', 'Sales'].flatMap((department) =>
          ['active_users', 'logins_per_user', 'monthly_active_users'].map((metric) => ({
            day: '2025-06-01',
            department,
            metric,
            old_value: 0.5,
            new_value: 1,
            ...cause,
          })),
        ),
      );
      // 2025-05-31 and 2025-06-01 were marked and recomputed; nothing is left for later
      expect(run.counts).toMatchObject({ restated_days: 2, restated_values: 6, restatement_pending_days: 0 });
      expect(await database.db.query('SELECT day FROM snapshot_dirty_days')).toEqual([]);
    });

    it('restates every day a drop carrying earlier days changes, and nothing else', async () => {
      await drop('2026-03-01T12:00:00Z', { 'logins.csv': 'user_id,login_at,status\nu1,2026-02-27T10:00:00Z,Success\n' });
      expect(await stored('2026-02-28', 'Sales', 'training_completion')).toBeNull();
      const run = await drop('2026-03-02T08:00:00Z', {
        'logins.csv': 'user_id,login_at,status\nu2,2025-09-10T10:00:00Z,Success\n',
        'accounts.csv': 'id,owner_id,created_at,industry\na1,u1,2025-08-01T00:00:00Z,Retail\n',
        'training.csv': 'user_id,course,required,completed_at\nu1,Basics,yes,2025-10-01T09:00:00Z\n',
      });
      const cause = { cause: 'import', cause_ref: String(run.id) };
      const sales = (metric: string) => ({ department: 'Sales', metric });
      expect((await restated('day = :day AND department = :department', { day: '2025-07-15', department: 'Sales' })).map(strip)).toEqual([
        { ...sales('training_completion'), old_value: null, new_value: 0 },
      ]);
      expect((await restated('day = :day AND department = :department', { day: '2025-09-12', department: 'Sales' })).map(strip)).toEqual([
        { ...sales('active_users'), old_value: 0, new_value: 0.5 },
        { ...sales('logins_per_user'), old_value: 0, new_value: 0.5 },
        { ...sales('monthly_active_users'), old_value: 0, new_value: 0.5 },
        { ...sales('record_completeness'), old_value: null, new_value: 1 },
        { ...sales('training_completion'), old_value: null, new_value: 0 },
      ]);
      expect((await restated('day = :day AND department = :department', { day: '2025-10-01', department: 'Sales' })).map(strip)).toEqual([
        { ...sales('monthly_active_users'), old_value: 0, new_value: 0.5 },
        { ...sales('record_completeness'), old_value: null, new_value: 1 },
        { ...sales('training_completion'), old_value: null, new_value: 0.5 },
      ]);
      const all = await restated('cause_ref = :ref', { ref: String(run.id) });
      expect(all.every((row) => row.cause === cause.cause)).toBe(true);
      // every stored day before today was marked (a course required for the first time) and recomputed
      expect(run.counts).toMatchObject({ restated_days: eachDay('2025-03-01', '2026-03-01').length, restatement_pending_days: 0 });

      function strip(row: Restated) {
        return { department: row.department, metric: row.metric, old_value: row.old_value, new_value: row.new_value };
      }
    });

    it('`metrics --as-of D` computed from the data agrees with the stored snapshot of D, value for value, on every day of the year', async () => {
      const differences: string[] = [];
      const snapshot = new Map<string, number | null>();
      for (const row of await database.db.query<{ day: string; department: string; metric: string; value: number | string | null }>(
        'SELECT day, department, metric, value FROM metric_snapshots',
      )) {
        snapshot.set(`${row.day} ${row.department} ${row.metric}`, row.value === null ? null : Number(row.value));
      }
      for (const day of eachDay('2025-03-01', '2026-03-01')) {
        const computed = await metrics.computeValuesAsOf(day);
        const scopes = [...computed.departments, { department: '*', ...computed.organisation }];
        for (const scope of scopes) {
          for (const metric of METRIC_KEYS) {
            const value = snapshot.get(`${day} ${scope.department} ${metric}`);
            if (value !== scope.metrics[metric])
              differences.push(`${day} ${scope.department} ${metric}: stored ${value}, computed ${scope.metrics[metric]}`);
          }
        }
        if (day.endsWith('-01')) {
          // the report of a past day is served from its snapshot: the same values
          const served = await metrics.valuesAsOf(day);
          expect(served.organisation).toEqual(computed.organisation);
        }
      }
      expect(differences).toEqual([]);
    }, 120_000);
  });
});
