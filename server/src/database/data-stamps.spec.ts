import { openTestDatabase, testEngines, type TestDatabase } from '../test-support/test-database';
import { DataStamps, SHARED_COUNTERS_FRESH_MS } from './data-stamps';
import { Database } from './database.service';

describe.each(testEngines())('DataStamps on %s', (engine) => {
  let database: TestDatabase;
  let other: Database;
  let now: number;

  beforeEach(async () => {
    database = await openTestDatabase(engine);
    other = await Database.open(database.url, { migrate: false }); // another process on the same database
    now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await other.close();
    await database.dispose();
  });

  const stampsOf = () => DataStamps.of(database.db);

  it('changes the metrics stamp at once when this process writes CRM data', async () => {
    const before = await stampsOf().metrics();
    await database.db.query("INSERT INTO departments (name, created_at) VALUES ('Sales', 0)");
    expect(await stampsOf().metrics()).not.toBe(before);
  });

  it('sees a sync of another process (its change counter) once the counters read has aged', async () => {
    const before = await stampsOf().metrics();
    await other.query("UPDATE change_counters SET value = value + 1 WHERE name = 'crm_data'");
    now += SHARED_COUNTERS_FRESH_MS;
    expect(await stampsOf().metrics()).not.toBe(before);
  });

  it('changes the snapshot stamp, not the metrics stamp, when another process writes snapshots', async () => {
    const metrics = await stampsOf().metrics();
    const snapshots = await stampsOf().snapshots();
    await other.query("UPDATE change_counters SET value = value + 1 WHERE name = 'snapshots'");
    now += SHARED_COUNTERS_FRESH_MS;
    expect(await stampsOf().snapshots()).not.toBe(snapshots);
    expect(await stampsOf().metrics()).toBe(metrics);
  });

  it('changes the sync state stamp when another process adds a connection or writes a sync run (counted by triggers)', async () => {
    const first = await stampsOf().syncState();
    await other.query(
      "INSERT INTO connections (name, kind, options, schedule, enabled, created_at) VALUES ('crm', 'demo', '{}', '0 * * * *', TRUE, 0)",
    );
    now += SHARED_COUNTERS_FRESH_MS;
    const second = await stampsOf().syncState();
    expect(second).not.toBe(first);
    const [{ id }] = await other.query<{ id: number | string }>("SELECT id FROM connections WHERE name = 'crm'");
    await other.query(
      "INSERT INTO sync_runs (connection_id, trigger, status, started_at, counts) VALUES (:id, 'manual', 'running', 0, '{}')",
      { id: Number(id) },
    );
    now += SHARED_COUNTERS_FRESH_MS;
    const third = await stampsOf().syncState();
    expect(third).not.toBe(second);
    await other.query("UPDATE sync_runs SET status = 'succeeded'");
    now += SHARED_COUNTERS_FRESH_MS;
    expect(await stampsOf().syncState()).not.toBe(third);
  });

  it('reads the shared counters once for the requests of a short while', async () => {
    const query = jest.spyOn(database.db, 'query');
    await Promise.all([stampsOf().metrics(), stampsOf().snapshots(), stampsOf().newestPlanId()]);
    now += SHARED_COUNTERS_FRESH_MS - 1;
    await stampsOf().metrics();
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('gives the id of the newest plan version, a new one of this process at once', async () => {
    expect(await stampsOf().newestPlanId()).toBeNull();
    await database.db.query(
      "INSERT INTO plan_versions (version, created_at, created_by, source, launch_date, timezone, document) VALUES (1, 0, 'test', NULL, '2026-01-05', 'UTC', '{}')",
    );
    const [{ id }] = await database.db.query<{ id: number | string }>('SELECT id FROM plan_versions');
    expect(await stampsOf().newestPlanId()).toBe(Number(id));
  });
});
