import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { CacheService } from '../cache/cache.service';
import { PlanInForce } from '../plan/plan-in-force.service';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { MetricsReport } from '@uptake/shared';
import { FixedClock } from '../common/clock';
import { ConnectionRepository } from '../connections/connection.repository';
import { ImportService } from '../import/import.service';
import { PlanRepository } from '../plan/plan.repository';
import { PlanService } from '../plan/plan.service';
import { IngestRepository } from '../sync/ingest.repository';
import { SyncRepository } from '../sync/sync.repository';
import { SyncService } from '../sync/sync.service';
import { openTestDatabase, type TestDatabase } from '../../test/test-database';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';
import { SnapshotRepository } from './snapshot.repository';
import { SnapshotService } from './snapshot.service';

/**
 * The same CSV folder and launch plan, imported and applied the way the CLI does it, into SQLite
 * and into PostgreSQL: the metrics of every day and the stored snapshots are the same to 1e-9.
 * The plan is in Europe/Berlin and the data crosses both daylight-saving switches of 2025.
 */
const USERS = 60;
const DAY_MS = 86_400_000;
const START = Date.UTC(2025, 1, 1); // 2025-02-01

/** A deterministic sequence in [0, 1). */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function writeFolder(dir: string): void {
  const next = sequence(7);
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)];
  const instant = (days: number) => new Date(START + Math.floor(next() * days * DAY_MS)).toISOString();
  const users = ['id,department,active,licensed,integration,created_at'];
  for (let i = 0; i < USERS; i++) {
    // every 10th inactive, every 15th unlicensed, u59 an integration user; a third created during the data
    users.push(
      [
        `u${i}`,
        pick(['Sales', 'Support', 'Marketing']),
        i % 10 === 9 ? 'false' : 'true',
        i % 15 === 14 ? 'false' : 'true',
        i === 59 ? 'true' : 'false',
        i % 3 === 0 ? instant(200) : '',
      ].join(','),
    );
  }
  const logins = ['user_id,login_at,status,channel'];
  for (let i = 0; i < 4_000; i++)
    logins.push(
      [`u${Math.floor(next() * USERS)}`, instant(300), next() < 0.1 ? 'Failed' : 'Success', pick(['web', 'mobile', 'api'])].join(','),
    );
  const opportunities = [
    'id,owner_id,stage,amount,is_closed,is_won,created_at,close_date,last_activity_at,last_modified_at,deleted,next_step',
  ];
  for (let i = 0; i < 400; i++) {
    const closed = next() < 0.4;
    opportunities.push(
      [
        `o${i}`,
        `u${Math.floor(next() * USERS)}`,
        'Open',
        next() < 0.2 ? '' : String(Math.floor(next() * 1000)),
        closed,
        closed && next() < 0.5,
        next() < 0.1 ? '' : instant(300),
        next() < 0.2 ? '' : instant(320).slice(0, 10),
        next() < 0.3 ? '' : instant(300),
        next() < 0.3 ? '' : instant(300),
        next() < 0.05,
        pick(['Call', 'n/a', '', 'TBD', 'Send quote']),
      ].join(','),
    );
  }
  const accounts = ['id,owner_id,created_at,deleted,industry,phone'];
  for (let i = 0; i < 300; i++)
    accounts.push(
      [
        `a${i}`,
        `u${Math.floor(next() * USERS)}`,
        next() < 0.1 ? '' : instant(300),
        next() < 0.05,
        pick(['Retail', 'none', '', 'Energy']),
        pick(['555', '-', '']),
      ].join(','),
    );
  const training = ['user_id,course,required,completed_at'];
  for (let i = 0; i < USERS; i++) {
    for (const [course, required] of [
      ['Basics', true],
      ['Pipeline', true],
      ['Reports', false],
    ] as const) {
      training.push([`u${i}`, course, required, next() < 0.6 ? instant(280) : ''].join(','));
    }
  }
  for (const [name, lines] of Object.entries({
    'users.csv': users,
    'logins.csv': logins,
    'opportunities.csv': opportunities,
    'accounts.csv': accounts,
    'training.csv': training,
  })) {
    writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
  }
}

const PLAN = `launch_date: 2025-03-01
timezone: Europe/Berlin
departments:
  - { name: Sales, seats: 25 }
  - { name: Legal, seats: 3 }
required_fields:
  opportunity: [amount, next_step]
  account: [industry, phone]
goals:
  - { department: "*", metric: active_users, target: 0.8, by: 2025-09-01 }
  - { department: Sales, metric: stale_opportunities, target: 0.2, by: 2025-09-01, baseline: 0.5 }
`;

interface Engine {
  database: TestDatabase;
  metrics: MetricsService;
  snapshots: SnapshotService;
}

async function load(engine: 'sqlite' | 'postgres', folder: string): Promise<Engine> {
  const database = await openTestDatabase(engine);
  const db = database.db;
  const clock = new FixedClock(Date.UTC(2025, 11, 1));
  const plans = new PlanRepository(db);
  await new PlanService(plans).apply(PLAN, 'plan.yaml', 'test', clock.now());
  const inForce = new PlanInForce(plans, clock);
  const metrics = new MetricsService(new MetricsRepository(db), inForce, new CacheService(db), clock);
  const snapshots = new SnapshotService(metrics, new SnapshotRepository(db), inForce, new CacheService(db));
  const connections = new ConnectionRepository(db);
  const sync = new SyncService(db, connections, new SyncRepository(db), new IngestRepository(), inForce, snapshots, clock);
  await new ImportService(connections, sync, clock).importFolder(folder);
  return { database, metrics, snapshots };
}

/** Every number of a report, by its path: the two engines must give the same paths and numbers. */
function numbers(value: unknown, path = '', into: Map<string, number | null> = new Map()): Map<string, number | null> {
  if (typeof value === 'number' || value === null) into.set(path, value);
  else if (Array.isArray(value))
    value.forEach((item, index) => numbers(item, `${path}[${(item as { department?: string }).department ?? index}]`, into));
  else if (typeof value === 'object' && value !== undefined)
    for (const [key, item] of Object.entries(value as object)) numbers(item, `${path}.${key}`, into);
  return into;
}

function expectSame(sqlite: MetricsReport | unknown, postgres: MetricsReport | unknown): void {
  const left = numbers(sqlite);
  const right = numbers(postgres);
  expect([...right.keys()]).toEqual([...left.keys()]);
  // not a comparison of empty reports: most metrics have values
  expect([...left.values()].filter((value) => value !== null).length).toBeGreaterThan(20);
  for (const [path, value] of left) {
    const other = right.get(path)!;
    if (value === null || other === null) expect([path, other]).toEqual([path, value]);
    else expect([path, other]).toEqual([path, expect.closeTo(value, 9)]);
  }
}

const describeBoth = process.env.UPTAKE_TEST_PG ? describe : describe.skip;
if (!process.env.UPTAKE_TEST_PG) {
  // eslint-disable-next-line no-console
  console.info('engine parity test skipped: set UPTAKE_TEST_PG=postgres://postgres@127.0.0.1:5432/test to compare SQLite and PostgreSQL.');
}

describeBoth('the same data on SQLite and PostgreSQL', () => {
  let folder: string;
  let sqlite: Engine;
  let postgres: Engine;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    folder = mkdtempSync(join(tmpdir(), 'uptake-parity-'));
    writeFolder(folder);
    [sqlite, postgres] = await Promise.all([load('sqlite', folder), load('postgres', folder)]);
  }, 120_000);
  afterAll(async () => {
    await sqlite?.database.dispose();
    await postgres?.database.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('has the seat holders worked out from the files', async () => {
    const report = await sqlite.metrics.report('2025-11-30');
    // 60 users; inactive: u9, u19, ..., u59 (6); unlicensed and active: u14, u44 (u29 and u59 are
    // inactive already); integration: u59 (inactive already): 60 - 6 - 2 = 52 seat holders
    expect(report.organisation.seatHolders).toBe(52);
    expect((await postgres.metrics.report('2025-11-30')).organisation.seatHolders).toBe(52);
  });

  it.each(['2025-03-01', '2025-03-30', '2025-03-31', '2025-06-15', '2025-10-26', '2025-10-27', '2025-11-30'])(
    'gives the same report as of %s',
    async (day) => {
      expectSame(await sqlite.metrics.report(day), await postgres.metrics.report(day));
    },
  );

  it('stores the same snapshots for every day from the launch', async () => {
    await Promise.all([sqlite.snapshots.backfill('2025-03-01', '2025-11-30'), postgres.snapshots.backfill('2025-03-01', '2025-11-30')]);
    for (const department of ['*', 'Sales', 'Support', 'Marketing', 'Legal']) {
      expectSame(
        await sqlite.snapshots.series(department, '2025-03-01', '2025-11-30'),
        await postgres.snapshots.series(department, '2025-03-01', '2025-11-30'),
      );
    }
  });
});
