import { PlanInForce } from '../plan/plan-in-force.service';
import { FixedClock } from '../common/clock';
import { ConnectionRepository, type StoredConnection } from '../connections/connection.repository';
import type { CrmConnector, CrmRecord, CrmUser, Opportunity, Page } from '../connectors/connector.port';
import type { SnapshotService } from '../metrics/snapshot.service';
import { PlanRepository } from '../plan/plan.repository';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { IngestRepository } from './ingest.repository';
import { SyncRepository } from './sync.repository';
import { SyncService } from './sync.service';

const HOUR = 3_600_000;
const S1 = Date.UTC(2026, 2, 1, 12);
const S2 = S1 + 24 * HOUR;

/** A CRM whose answer the test changes between syncs. */
class ChangingCrm implements CrmConnector {
  readonly kind = 'demo' as const;
  current: { users: CrmUser[]; opportunities: Opportunity[] } = { users: [], opportunities: [] };

  async *users(): AsyncIterable<Page<CrmUser>> {
    yield { items: this.current.users };
  }
  async *logins(): AsyncIterable<Page<never>> {}
  async *opportunities(): AsyncIterable<Page<Opportunity>> {
    yield { items: this.current.opportunities };
  }
  async recordObjectTypes(): Promise<string[]> {
    return [];
  }
  async *records(): AsyncIterable<Page<CrmRecord>> {}
  async *training(): AsyncIterable<Page<never>> {}
}

function user(department: string, modifiedAt?: number): CrmUser {
  const base: CrmUser = {
    externalId: 'u1',
    name: 'Ann',
    email: null,
    department,
    role: null,
    managerExternalId: null,
    active: true,
    licensed: true,
    integration: false,
    createdAt: null,
  };
  return modifiedAt === undefined ? base : { ...base, modifiedAt };
}

function opportunity(stage: string, lastModifiedAt: number, modifiedAt?: number): Opportunity {
  return {
    externalId: 'o1',
    ownerExternalId: 'u1',
    stage,
    amount: 100,
    isClosed: false,
    isWon: false,
    createdAt: null,
    closeDate: null,
    lastActivityAt: null,
    lastModifiedAt,
    deleted: false,
    fields: { stage },
    ...(modifiedAt === undefined ? {} : { modifiedAt }),
  };
}

describe.each(testEngines())('sync versions on %s', (engine) => {
  let database: TestDatabase;
  let sut: SyncService;
  let connection: StoredConnection;
  let clock: FixedClock;
  const crm = new ChangingCrm();
  const snapshots = { backfillMissing: jest.fn(async () => undefined), recomputeToday: jest.fn(async () => undefined) };

  beforeEach(async () => {
    database = await openTestDatabase(engine);
    clock = new FixedClock(S1);
    const connections = new ConnectionRepository(database.db);
    sut = new SyncService(
      database.db,
      connections,
      new SyncRepository(database.db),
      new IngestRepository(),
      new PlanInForce(new PlanRepository(database.db), clock),
      snapshots as unknown as SnapshotService,
      clock,
    );
    connection = await connections.create({ name: 'crm', kind: 'demo', options: {}, schedule: '0 * * * *', enabled: true, createdAt: 0 });
  });
  afterEach(async () => {
    await database.dispose();
  });

  const versions = async (sql: string) =>
    (await database.db.query<Record<string, unknown>>(sql)).map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [key, typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value]),
      ),
    );
  const syncAt = async (instant: number) => {
    clock.set(instant);
    await sut.run(connection, { trigger: 'cli', connector: crm });
  };

  it("stamps versions with the CRM's modification time, else the sync's start, and adds none for an unchanged row", async () => {
    crm.current = { users: [user('East')], opportunities: [opportunity('Prospect', S1 - 5 * HOUR)] };
    await syncAt(S1);
    // unchanged: no version
    await syncAt(S1 + HOUR);
    // the user moved (no modification time: the sync's start); the opportunity changed at S2 - 3h (SystemModstamp)
    crm.current = { users: [user('West')], opportunities: [opportunity('Won', S2 - 4 * HOUR, S2 - 3 * HOUR)] };
    await syncAt(S2);
    // the user changed again, with a modification time
    crm.current = { users: [user('North', S2 + 2 * HOUR)], opportunities: crm.current.opportunities };
    await syncAt(S2 + 5 * HOUR);

    const departments = await versions(
      'SELECT v.valid_from, d.name FROM crm_user_versions v JOIN departments d ON d.id = v.department_id ORDER BY v.valid_from',
    );
    expect(departments).toEqual([
      { valid_from: S1, name: 'East' },
      { valid_from: S2, name: 'West' },
      { valid_from: S2 + 2 * HOUR, name: 'North' },
    ]);
    expect(await versions('SELECT valid_from, stage FROM opportunity_versions ORDER BY valid_from')).toEqual([
      { valid_from: S1 - 5 * HOUR, stage: 'Prospect' },
      { valid_from: S2 - 3 * HOUR, stage: 'Won' },
    ]);
    // the opportunity's field values are versioned with it
    expect(await versions('SELECT valid_from, value FROM record_field_versions ORDER BY valid_from')).toEqual([
      { valid_from: S1 - 5 * HOUR, value: 'Prospect' },
      { valid_from: S2 - 3 * HOUR, value: 'Won' },
    ]);
  });

  it('takes a change stamped no later than the last version as of the sync, and a modification after the sync start as of the start', async () => {
    crm.current = { users: [user('East', S1 - HOUR)], opportunities: [] };
    await syncAt(S1);
    // a change whose modification time is not after the latest version (a clock skew, or a change that kept the stamp)
    crm.current = { users: [user('West', S1 - HOUR)], opportunities: [] };
    await syncAt(S2);
    // a modification time after the sync's start (skew): never valid from the future of the observation
    crm.current = { users: [user('South', S2 + 9 * HOUR)], opportunities: [] };
    await syncAt(S2 + HOUR);
    expect(
      await versions(
        'SELECT v.valid_from, d.name FROM crm_user_versions v JOIN departments d ON d.id = v.department_id ORDER BY v.valid_from',
      ),
    ).toEqual([
      { valid_from: S1 - HOUR, name: 'East' },
      { valid_from: S2, name: 'West' },
      { valid_from: S2 + HOUR, name: 'South' },
    ]);
  });

  it('keeps the days before a connection was removed: its data gets deletion versions as of the removal', async () => {
    crm.current = { users: [user('East')], opportunities: [opportunity('Prospect', S1 - 5 * HOUR)] };
    await syncAt(S1);
    await new ConnectionRepository(database.db).removeKeepingData(connection.id, S2);
    expect(await versions('SELECT valid_from, active FROM crm_user_versions ORDER BY valid_from')).toEqual([
      { valid_from: S1, active: expect.anything() },
      { valid_from: S2, active: expect.anything() },
    ]);
    expect(await versions('SELECT valid_from, deleted FROM opportunity_versions ORDER BY valid_from')).toEqual([
      { valid_from: S1 - 5 * HOUR, deleted: expect.anything() },
      { valid_from: S2, deleted: expect.anything() },
    ]);
    const flags = await database.db.query<{ active: unknown }>('SELECT active FROM crm_user_versions ORDER BY valid_from');
    expect(flags.map((row) => [true, 1, '1'].includes(row.active as never))).toEqual([true, false]);
  });
});
