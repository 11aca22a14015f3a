import { FixedClock } from '../common/clock';
import { ConnectionRepository, type StoredConnection } from '../connections/connection.repository';
import { ConnectorError, type Activity, type CrmConnector, type CrmUser, type Opportunity, type Page } from '../connectors/connector.port';
import { FamilyPermissionError } from '../connectors/optional-family.error';
import { syncServiceWithoutSnapshots } from '../../test/sync-harness';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { SyncRepository } from './sync.repository';
import { SyncService } from './sync.service';

const T0 = Date.UTC(2026, 0, 10, 12);
const MINUTE = 60_000;
const REFUSAL = 'the HubSpot app lacks the scope crm.objects.calls.read';

const user: CrmUser = {
  externalId: 'u1',
  name: 'u1',
  email: null,
  department: 'Sales',
  role: null,
  managerExternalId: null,
  active: true,
  licensed: true,
  integration: false,
  createdAt: null,
};
const deal: Opportunity = {
  externalId: 'o1',
  ownerExternalId: 'u1',
  stage: 'open',
  amount: 10,
  isClosed: false,
  isWon: false,
  createdAt: T0,
  closeDate: null,
  lastActivityAt: null,
  lastModifiedAt: T0,
  deleted: false,
  fields: {},
};
const call: Activity = {
  externalId: 'A1',
  ownerExternalId: 'u1',
  type: 'call',
  occurredAt: T0,
  relatedExternalId: 'o1',
  createdAt: T0,
  deleted: false,
};

/** A CRM that gives users and a deal, then refuses activities in the way `refuse` says. */
class RefusingConnector implements CrmConnector {
  readonly kind = 'demo' as const;
  constructor(private readonly refuse: 'permission-before' | 'permission-after-a-page' | 'other') {}

  async *users(): AsyncIterable<Page<CrmUser>> {
    yield { items: [user] };
  }
  async *logins(): AsyncIterable<Page<never>> {}
  async *opportunities(): AsyncIterable<Page<Opportunity>> {
    yield { items: [deal], watermark: T0 };
  }
  async recordObjectTypes(): Promise<string[]> {
    return [];
  }
  async *records(): AsyncIterable<Page<never>> {}
  async *training(): AsyncIterable<Page<never>> {}
  async *activities(): AsyncIterable<Page<Activity>> {
    if (this.refuse === 'permission-after-a-page') yield { items: [call] };
    if (this.refuse === 'other') throw new ConnectorError('HUBSPOT_UNAVAILABLE', 'HubSpot server error, HTTP 502');
    throw new FamilyPermissionError('HUBSPOT_SCOPE_MISSING', 'activities', 'crm.objects.calls.read', REFUSAL);
  }
}

describe.each(testEngines())(`${SyncService.name} when the CRM refuses activities, on %s`, (engine) => {
  let database: TestDatabase;
  let sut: SyncService;
  let runs: SyncRepository;
  let connection: StoredConnection;
  const clock = new FixedClock(T0 + 60 * MINUTE);

  beforeEach(async () => {
    database = await openTestDatabase(engine);
    const connections = new ConnectionRepository(database.db);
    runs = new SyncRepository(database.db);
    sut = syncServiceWithoutSnapshots(database.db, clock, { connections, runs });
    connection = await connections.create({ name: 'crm', kind: 'demo', options: {}, schedule: '0 * * * *', enabled: true, createdAt: T0 });
  });
  afterEach(async () => {
    await database.dispose();
  });

  const count = async (table: string) =>
    (await database.db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}`)).map((row) => Number(row.n))[0];

  it('syncs the other families and records which permission is missing as a warning of a succeeded run', async () => {
    const progress: string[] = [];
    const run = await sut.run(connection, {
      trigger: 'cli',
      connector: new RefusingConnector('permission-before'),
      onProgress: (m) => progress.push(m),
    });

    expect(run.status).toBe('succeeded');
    expect(run.error).toBe(`Warning: activities not synced: ${REFUSAL}`);
    expect(run.counts).toEqual({ users: 1, logins: 0, opportunities: 1, training: 0, activities: 0 });
    expect(progress).toContain(`Warning: activities not synced: ${REFUSAL}`);
    expect(await count('opportunities')).toBe(1);
    expect(await count('activities')).toBe(0);
    expect(await runs.watermark(connection.id, 'activities')).toBeNull();
  });

  it('keeps the pages written before the refusal', async () => {
    const run = await sut.run(connection, { trigger: 'cli', connector: new RefusingConnector('permission-after-a-page') });
    expect(run.status).toBe('succeeded');
    expect(run.counts.activities).toBe(1);
    expect(await count('activities')).toBe(1);
  });

  it('still fails the run on any other error of the activities', async () => {
    await expect(sut.run(connection, { trigger: 'cli', connector: new RefusingConnector('other') })).rejects.toThrow(
      'HubSpot server error',
    );
    const last = await runs.lastRun(connection.id);
    expect(last?.status).toBe('failed');
    expect(last?.error).toBe('HubSpot server error, HTTP 502');
  });
});
