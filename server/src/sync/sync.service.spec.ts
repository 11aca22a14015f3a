import { FixedClock } from '../common/clock';
import { PlanInForce } from '../plan/plan-in-force.service';
import { ConnectionRepository, type StoredConnection } from '../connections/connection.repository';
import type { CrmConnector, CrmUser, LoginEvent, Page } from '../connectors/connector.port';
import type { SnapshotService } from '../metrics/snapshot.service';
import { PlanRepository } from '../plan/plan.repository';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { IngestRepository } from './ingest.repository';
import { SyncAlreadyRunningError } from './sync.errors';
import { SyncRepository } from './sync.repository';
import { SyncService } from './sync.service';

const T0 = Date.UTC(2026, 0, 10, 12);
const MINUTE = 60_000;

function user(externalId: string, department = 'Sales'): CrmUser {
  return {
    externalId,
    name: externalId,
    email: null,
    department,
    role: null,
    managerExternalId: null,
    active: true,
    licensed: true,
    integration: false,
    createdAt: null,
  };
}

/** Ten logins one minute apart, served in pages of three (the last page has one). */
const LOGINS: LoginEvent[] = Array.from({ length: 10 }, (_, i) => ({
  externalId: `L${i}`,
  userExternalId: i % 2 ? 'u1' : 'u2',
  loginAt: T0 + i * MINUTE,
  success: true,
  channel: 'web',
}));

/** A scripted CRM: pages of logins after `since`, optionally failing when asked for a given page. */
class ScriptedConnector implements CrmConnector {
  readonly kind = 'demo' as const;
  failOnPage: number | null = null;
  pageSize = 3;
  sinceSeen: Array<number | null> = [];
  release: (() => void) | null = null;
  gate: Promise<void> | null = null;

  async *users(): AsyncIterable<Page<CrmUser>> {
    yield { items: [user('u1'), user('u2')] };
  }

  async *logins(since: number | null): AsyncIterable<Page<LoginEvent>> {
    this.sinceSeen.push(since);
    const items = LOGINS.filter((login) => since === null || login.loginAt > since);
    for (let page = 0; page * this.pageSize < items.length; page += 1) {
      if (this.gate) await this.gate;
      if (this.failOnPage === page) throw new Error('CRM answered 500 Internal Server Error');
      const slice = items.slice(page * this.pageSize, (page + 1) * this.pageSize);
      yield { items: slice, watermark: slice[slice.length - 1].loginAt };
    }
  }

  async *opportunities(): AsyncIterable<Page<never>> {}
  async recordObjectTypes(): Promise<string[]> {
    return [];
  }
  async *records(): AsyncIterable<Page<never>> {}
  async *training(): AsyncIterable<Page<never>> {}
}

describe.each(testEngines())(`${SyncService.name} on %s`, (engine) => {
  let database: TestDatabase;
  let sut: SyncService;
  let runs: SyncRepository;
  let connection: StoredConnection;
  let connector: ScriptedConnector;
  const clock = new FixedClock(T0 + 60 * MINUTE);
  const snapshots = { backfillMissing: jest.fn(async () => undefined), recomputeToday: jest.fn(async () => undefined) };

  const count = async (table: string) => Number((await database.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  beforeEach(async () => {
    database = await openTestDatabase(engine);
    const connections = new ConnectionRepository(database.db);
    runs = new SyncRepository(database.db);
    sut = new SyncService(
      database.db,
      connections,
      runs,
      new IngestRepository(),
      new PlanInForce(new PlanRepository(database.db), clock),
      snapshots as unknown as SnapshotService,
      clock,
    );
    sut.overlapMs = 2 * MINUTE;
    connection = await connections.create({ name: 'crm', kind: 'demo', options: {}, schedule: '0 * * * *', enabled: true, createdAt: T0 });
    connector = new ScriptedConnector();
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('writes every page, records the run and recomputes snapshots', async () => {
    const run = await sut.run(connection, { trigger: 'cli', connector });

    expect(run.status).toBe('succeeded');
    expect(run.counts).toEqual({ users: 2, logins: 10, opportunities: 0, training: 0 });
    expect(await count('login_events')).toBe(10);
    expect(await runs.watermark(connection.id, 'logins')).toBe(T0 + 9 * MINUTE);
    expect(snapshots.recomputeToday).toHaveBeenCalled();
  });

  it('is idempotent: a second run re-reads the overlap and duplicates nothing', async () => {
    await sut.run(connection, { trigger: 'cli', connector });
    const second = await sut.run(connection, { trigger: 'cli', connector });

    // since = watermark (T0+9min) - overlap (2min) = T0+7min: logins 8 and 9 are read again.
    expect(connector.sinceSeen).toEqual([null, T0 + 7 * MINUTE]);
    expect(second.counts.logins).toBe(2);
    expect(await count('login_events')).toBe(10);
    expect(await count('crm_users')).toBe(2);
  });

  it('after a crash on the third page keeps the two committed pages, and a resume completes without loss or duplicates', async () => {
    connector.failOnPage = 2;
    await expect(sut.run(connection, { trigger: 'cli', connector })).rejects.toThrow('CRM answered 500');

    // Pages 0 and 1 (logins 0-5) were committed with their watermark, page 2 was never written.
    expect(await count('login_events')).toBe(6);
    expect(await runs.watermark(connection.id, 'logins')).toBe(T0 + 5 * MINUTE);
    const [failed] = await runs.runs({ connectionId: connection.id, limit: 1 });
    expect(failed).toMatchObject({ status: 'failed', error: 'CRM answered 500 Internal Server Error', counts: { users: 2, logins: 6 } });

    connector.failOnPage = null;
    const resumed = await sut.run(connection, { trigger: 'cli', connector });
    // Resume reads after T0+5min-2min = T0+3min: logins 4..9, of which 4 and 5 are upserted again.
    expect(connector.sinceSeen[1]).toBe(T0 + 3 * MINUTE);
    expect(resumed.counts.logins).toBe(6);
    const stored = await database.db.query<{ external_id: string }>('SELECT external_id FROM login_events ORDER BY login_at');
    expect(stored.map((row) => row.external_id)).toEqual(LOGINS.map((login) => login.externalId));
  });

  it('a CRM error on the first page leaves data and watermark as the last good run left them', async () => {
    await sut.run(connection, { trigger: 'cli', connector });
    connector.failOnPage = 0;
    await expect(sut.run(connection, { trigger: 'cli', connector })).rejects.toThrow();

    expect(await count('login_events')).toBe(10);
    expect(await runs.watermark(connection.id, 'logins')).toBe(T0 + 9 * MINUTE);
  });

  it('refuses a second concurrent run of the same connection and frees the lease afterwards', async () => {
    let open!: () => void;
    connector.gate = new Promise<void>((resolve) => (open = resolve));
    const first = await sut.start(connection, { trigger: 'manual', connector });

    await expect(sut.start(connection, { trigger: 'manual', connector: new ScriptedConnector() })).rejects.toBeInstanceOf(
      SyncAlreadyRunningError,
    );

    open();
    await expect(first.done).resolves.toMatchObject({ status: 'succeeded' });
    await expect(sut.run(connection, { trigger: 'manual', connector: new ScriptedConnector() })).resolves.toMatchObject({
      status: 'succeeded',
    });
  });

  it('an atomic run writes nothing when it fails', async () => {
    connector.failOnPage = 2;
    await expect(sut.run(connection, { trigger: 'import', connector, atomic: true })).rejects.toThrow();

    expect(await count('login_events')).toBe(0);
    expect(await count('crm_users')).toBe(0);
    expect(await runs.watermark(connection.id, 'logins')).toBeNull();
  });
});
