import { Database } from '../database/database.service';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { SyncRepository, TICK_RETENTION_MS } from './sync.repository';

const T0 = Date.UTC(2026, 0, 10, 12);
const MINUTE = 60_000;

describe.each(testEngines())(`${SyncRepository.name} on %s`, (engine) => {
  let database: TestDatabase;
  let sut: SyncRepository;
  let connectionId: number;

  beforeEach(async () => {
    database = await openTestDatabase(engine);
    sut = new SyncRepository(database.db);
    await database.db.query("INSERT INTO connections (name, kind, created_at) VALUES ('crm', 'demo', 0)");
    connectionId = Number((await database.db.query<{ id: number }>("SELECT id FROM connections WHERE name = 'crm'"))[0].id);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('gives each scheduled tick to the first replica that claims it', async () => {
    await expect(sut.claimTick(connectionId, T0, 'replica-a', T0 + 5)).resolves.toBe(true);
    await expect(sut.claimTick(connectionId, T0, 'replica-b', T0 + 9)).resolves.toBe(false);
    await expect(sut.claimTick(connectionId, T0 + 5_000, 'replica-b', T0 + 5_004)).resolves.toBe(true);
    await sut.recordTickRun(connectionId, T0, 7);
    expect(await sut.ticks(connectionId)).toEqual([
      { connectionId, tickAt: T0, holder: 'replica-a', claimedAt: T0 + 5, runId: 7 },
      { connectionId, tickAt: T0 + 5_000, holder: 'replica-b', claimedAt: T0 + 5_004, runId: null },
    ]);
  });

  it('forgets claims older than the retention when it claims a new tick', async () => {
    await sut.claimTick(connectionId, T0, 'replica-a', T0);
    const later = T0 + TICK_RETENTION_MS + MINUTE; // the claim of T0 is now older than the retention
    await sut.claimTick(connectionId, later, 'replica-a', later);
    expect((await sut.ticks(connectionId)).map((tick) => tick.tickAt)).toEqual([later]);
  });

  it('counts a change of the CRM data after each committed page, or at the end of a run written in one transaction', async () => {
    const changes = async () =>
      Number((await database.db.query<{ value: number }>("SELECT value FROM change_counters WHERE name = 'crm_data'"))[0].value);
    const paged = await sut.startRun(connectionId, 'schedule', T0);
    await sut.updateCounts(paged.id, { logins: 3 });
    await sut.updateCounts(paged.id, { logins: 6 });
    await sut.finishRun(paged.id, 'succeeded', { logins: 6 }, null, T0 + MINUTE);
    expect(await changes()).toBe(2); // two pages; nothing changed after the last one
    const atomic = await sut.startRun(connectionId, 'import', T0 + 2 * MINUTE);
    await sut.finishRun(atomic.id, 'succeeded', { logins: 9 }, null, T0 + 3 * MINUTE);
    expect(await changes()).toBe(3); // the import, counted when it finished
  });

  if (engine === 'sqlite') {
    it('refuses a lease another holder has until it expires', async () => {
      await expect(sut.acquireLease(connectionId, 'a', T0, 5 * MINUTE)).resolves.toBe(true);
      await expect(sut.acquireLease(connectionId, 'b', T0 + MINUTE, 5 * MINUTE)).resolves.toBe(false);
      // a's lease expires at T0 + 5 min; b asks a millisecond later
      await expect(sut.acquireLease(connectionId, 'b', T0 + 5 * MINUTE + 1, 5 * MINUTE)).resolves.toBe(true);
    });
  } else {
    it('holds an advisory lock with the lease: refused while the holder lives, taken over at once when its session ends', async () => {
      // another replica: a process of its own with its own connections to the same database
      const other = await Database.open(database.url);
      const otherRepo = new SyncRepository(other);
      try {
        await expect(otherRepo.acquireLease(connectionId, 'replica-b', T0, 5 * MINUTE)).resolves.toBe(true);
        // the lease row has not expired and replica-b holds the lock: refused
        await expect(sut.acquireLease(connectionId, 'replica-a', T0 + MINUTE, 5 * MINUTE)).resolves.toBe(false);
      } finally {
        // replica-b dies: its sessions end without releasing anything
        await other.close();
      }
      // the server ends replica-b's sessions (and frees their locks) a moment after the client hangs up
      await advisoryLocksReleased(database.db);
      // the lease row of replica-b is still there and unexpired, but nobody holds the lock
      expect((await database.db.query<{ holder: string }>('SELECT holder FROM sync_leases'))[0].holder).toBe('replica-b');
      await expect(sut.acquireLease(connectionId, 'replica-a', T0 + MINUTE, 5 * MINUTE)).resolves.toBe(true);
      await expect(otherRepoAfterRestart(database.url, connectionId)).resolves.toBe(false);
      await sut.releaseLease(connectionId, 'replica-a');
      await expect(otherRepoAfterRestart(database.url, connectionId)).resolves.toBe(true);
    });
  }
});

/** Waits (up to 10 s) until no other session of this database holds an advisory lock. */
async function advisoryLocksReleased(db: Database): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [{ n }] = await db.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM pg_locks
       WHERE locktype = 'advisory' AND pid <> pg_backend_pid()
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    if (Number(n) === 0 || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A new process trying to take the lease; it lets go of everything when it is done. */
async function otherRepoAfterRestart(url: string, connectionId: number): Promise<boolean> {
  const db = await Database.open(url);
  try {
    const repo = new SyncRepository(db);
    const got = await repo.acquireLease(connectionId, 'replica-c', T0 + 2 * MINUTE, 5 * MINUTE);
    if (got) await repo.releaseLease(connectionId, 'replica-c');
    return got;
  } finally {
    await db.close();
  }
}
