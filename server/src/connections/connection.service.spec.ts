import { FixedClock } from '../common/clock';
import type { Sql } from '../database/sql';
import type { SnapshotService } from '../metrics/snapshot.service';
import { PlanInForce } from '../plan/plan-in-force.service';
import { PlanRepository } from '../plan/plan.repository';
import { IngestRepository } from '../sync/ingest.repository';
import { SyncAlreadyRunningError } from '../sync/sync.errors';
import { SyncRepository } from '../sync/sync.repository';
import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { ConnectionRepository } from './connection.repository';
import { ConnectionService, splitPriority } from './connection.service';

const NOW = at('2026-03-10T15:00:00Z');
const SALESFORCE = { instance_url: 'https://acme.my.salesforce.com', client_id: 'first-id', client_secret: 'kept-s3cret' };

describe(splitPriority.name, () => {
  it.each([
    [{ a: '1' }, { options: { a: '1' }, priority: undefined }],
    [
      { a: '1', priority: '7' },
      { options: { a: '1' }, priority: 7 },
    ],
    [{ priority: ' -20 ' }, { options: {}, priority: -20 }],
    [{ priority: '' }, { options: {}, priority: null }],
  ])('splits %j', (given, expected) => {
    expect(splitPriority(given)).toEqual(expected);
  });

  it.each([
    ['1.5', 'priority must be a whole number'],
    ['ten', 'priority must be a whole number'],
    ['1001', 'priority must be at most 1000'],
    ['-1001', 'priority must be at least -1000'],
  ])('refuses priority "%s", naming the option', (raw, message) => {
    expect(() => splitPriority({ priority: raw })).toThrow(
      expect.objectContaining({ code: 'CONNECTION_INVALID', message: expect.stringContaining(`option "priority": ${message}`) }),
    );
  });
});

describe.each(testEngines())(`${ConnectionService.name} on %s`, (engine) => {
  let database: TestDatabase;
  let sut: ConnectionService;
  let runs: SyncRepository;
  let crmId: number;
  const snapshots = { recomputeToday: jest.fn(async () => '2026-03-10') };
  const count = async (sql: string) => Number((await database.db.query<{ n: number }>(sql))[0].n);

  beforeEach(async () => {
    database = await openTestDatabase(engine);
    runs = new SyncRepository(database.db);
    sut = new ConnectionService(
      new ConnectionRepository(database.db),
      runs,
      new FixedClock(NOW),
      new IngestRepository(),
      database.db,
      snapshots as unknown as SnapshotService,
      new PlanInForce(new PlanRepository(database.db), new FixedClock(NOW)),
    );
    snapshots.recomputeToday.mockClear();
    const fx = new MetricsFixture(database.db);
    crmId = await fx.connection('crm', 'csv');
    await fx.users(crmId, [{ externalId: 'a1' }, { externalId: 'a2', active: false }]);
    await fx.opportunities(crmId, [{ externalId: 'o1', ownerExternalId: 'a1' }]);
  });
  afterEach(() => database.dispose());

  it('merges changed options into the stored ones: a left-out secret stays, an empty value removes an option', async () => {
    const sf = await sut.add({ name: 'sf', kind: 'salesforce', options: { ...SALESFORCE, api_version: '60.0' } });
    expect(sf.priority).toBeNull(); // the default of its kind, 10
    const changed = await sut.update(sf, { options: { client_id: 'second-id', api_version: '', priority: '12' }, enabled: false });
    expect(changed).toMatchObject({
      options: { ...SALESFORCE, client_id: 'second-id' },
      priority: 12,
      enabled: false,
      schedule: '0 * * * *',
    });
  });

  it('validates the merged options with the connector and changes nothing when it refuses them', async () => {
    const sf = await sut.add({ name: 'sf', kind: 'salesforce', options: SALESFORCE });
    await expect(sut.update(sf, { options: { instance_url: 'acme.my.salesforce.com' }, schedule: '*/5 * * * *' })).rejects.toMatchObject({
      code: 'CONNECTOR_OPTIONS_INVALID',
    });
    expect(await sut.get('sf')).toMatchObject({ options: SALESFORCE, schedule: '0 * * * *' });
  });

  it('removes all or nothing: when a statement fails, no row is marked deleted', async () => {
    const crm = await sut.get('crm');
    const transaction = database.db.transaction.bind(database.db);
    jest.spyOn(database.db, 'transaction').mockImplementation(<T>(work: (tx: Sql) => Promise<T>) =>
      transaction((tx) =>
        work({
          ...tx,
          engine: tx.engine,
          insertMany: tx.insertMany.bind(tx),
          query: async <R>(text: string, params?: Record<string, unknown>) => {
            if (/^UPDATE connections SET enabled = FALSE, removed_at/.test(text)) throw new Error('disk full');
            return tx.query<R>(text, params as never);
          },
        } as Sql),
      ),
    );
    await expect(sut.remove(crm, { purge: false })).rejects.toThrow('disk full');
    jest.restoreAllMocks();
    expect(snapshots.recomputeToday).not.toHaveBeenCalled();
    expect(await count('SELECT COUNT(*) AS n FROM crm_users WHERE active = TRUE')).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM opportunities WHERE deleted = FALSE')).toBe(1);
    expect(await sut.get('crm')).toMatchObject({ enabled: true, removedAt: null });
    // the lease was given back: the removal can be tried again
    expect(await sut.remove(crm, { purge: false })).toEqual({
      name: 'crm',
      purged: false,
      rows: { crm_users: 1, opportunities: 1, records: 1 },
    });
  });

  it('refuses to remove a connection while a sync of it runs, and changes nothing', async () => {
    const crm = await sut.get('crm');
    expect(await runs.acquireLease(crmId, 'a running sync', NOW, 60_000)).toBe(true);
    await expect(sut.remove(crm, { purge: true })).rejects.toBeInstanceOf(SyncAlreadyRunningError);
    expect(await count('SELECT COUNT(*) AS n FROM crm_users')).toBe(2);
    await runs.releaseLease(crmId, 'a running sync');
  });

  it('counts the removal as a change of the CRM data, so every replica recomputes its kept answers', async () => {
    const counter = () => count("SELECT value AS n FROM change_counters WHERE name = 'crm_data'");
    const before = await counter();
    await sut.remove(await sut.get('crm'), { purge: false });
    expect(await counter()).toBe(before + 1);
    // today's snapshot follows at once, as after a sync
    expect(snapshots.recomputeToday).toHaveBeenCalledWith(NOW);
    await sut.remove(await sut.get('crm'), { purge: true });
    expect(await counter()).toBe(before + 2);
  });
});
