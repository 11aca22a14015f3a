import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { Database } from '../database/database.service';
import { CacheService, invalidate, SHARED_COUNTERS_FRESH_MS } from './cache.service';

describe.each(testEngines())('CacheService on %s', (engine) => {
  let database: TestDatabase;
  let other: Database;
  let now: number;
  let sut: CacheService;

  beforeEach(async () => {
    database = await openTestDatabase(engine);
    other = await Database.open(database.url, { migrate: false }); // another process on the same database
    now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    sut = new CacheService(database.db);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await other.close();
    await database.dispose();
  });

  /** A region counting its computations: the value is the number of the computation. */
  const counting = (tags: Parameters<CacheService['region']>[1]) => {
    let computed = 0;
    const region = sut.region<number>('test', tags);
    return { get: (key = 'k') => region.one(key, async () => ++computed) };
  };

  it('keeps a value until this process invalidates one of its tags, at once', async () => {
    const region = counting(['crm_data', 'plan']);
    expect(await region.get()).toBe(1);
    expect(await region.get()).toBe(1);
    await invalidate(database.db, 'plan');
    expect(await region.get()).toBe(2);
    await invalidate(database.db, 'snapshots'); // not a tag of the region
    expect(await region.get()).toBe(2);
  });

  it('counts an invalidation in a transaction once it is committed', async () => {
    const region = counting(['crm_data']);
    expect(await region.get()).toBe(1);
    await database.db.transaction(async (tx) => {
      await invalidate(tx, 'crm_data');
      expect(await region.get()).toBe(1);
    });
    expect(await region.get()).toBe(2);
  });

  it('sees the invalidation of another process (its change counter) once the counters read has aged', async () => {
    const region = counting(['crm_data']);
    expect(await region.get()).toBe(1);
    await invalidate(other, 'crm_data');
    now += SHARED_COUNTERS_FRESH_MS - 1;
    expect(await region.get()).toBe(1);
    now += 1;
    expect(await region.get()).toBe(2);
  });

  it('sees a new plan version of another process by its tag', async () => {
    const region = counting(['plan']);
    expect(await region.get()).toBe(1);
    await invalidate(other, 'plan');
    now += SHARED_COUNTERS_FRESH_MS;
    expect(await region.get()).toBe(2);
  });

  it('sees a connection or sync run written by another process (counted by triggers) under sync_state', async () => {
    const region = counting(['sync_state']);
    expect(await region.get()).toBe(1);
    await other.query(
      "INSERT INTO connections (name, kind, options, schedule, enabled, created_at) VALUES ('crm', 'demo', '{}', '0 * * * *', TRUE, 0)",
    );
    now += SHARED_COUNTERS_FRESH_MS;
    expect(await region.get()).toBe(2);
    await other.query("UPDATE connections SET enabled = FALSE WHERE name = 'crm'");
    now += SHARED_COUNTERS_FRESH_MS;
    expect(await region.get()).toBe(3);
  });

  it('sees an account written by another process (counted by triggers) under access, not under crm_data', async () => {
    const access = counting(['access']);
    const metrics = counting(['crm_data']);
    expect([await access.get(), await metrics.get()]).toEqual([1, 1]);
    await other.query(
      "INSERT INTO accounts (email, name, role, password_hash, oidc_link_allowed, disabled, created_at) VALUES ('a@example.com', 'A', 'admin', NULL, FALSE, FALSE, 0)",
    );
    now += SHARED_COUNTERS_FRESH_MS;
    expect([await access.get(), await metrics.get()]).toEqual([2, 1]);
  });

  it('reads the shared counters once for the requests of a short while', async () => {
    const query = jest.spyOn(database.db, 'query');
    await Promise.all([sut.stamp(['crm_data']), sut.stamp(['snapshots', 'plan']), sut.stamp(['access'])]);
    now += SHARED_COUNTERS_FRESH_MS - 1;
    await sut.stamp(['crm_data']);
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('refuses a region without tags', () => {
    expect(() => sut.region('nothing', [])).toThrow('cache region nothing names no tag');
  });
});
