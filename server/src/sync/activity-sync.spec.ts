import { FixedClock } from '../common/clock';
import { ConnectionRepository, type StoredConnection } from '../connections/connection.repository';
import type { Activity, CrmConnector, CrmUser, Page } from '../connectors/connector.port';
import { syncServiceWithoutSnapshots } from '../../test/sync-harness';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { SyncRepository } from './sync.repository';
import { SyncService } from './sync.service';

const T0 = Date.UTC(2026, 0, 10, 12);
const MINUTE = 60_000;

/** Seven calls of u1 one minute apart; the CRM reports A3 deleted from the second listing on. */
function activities(deletedA3: boolean): Activity[] {
  return Array.from({ length: 7 }, (_, i) => ({
    externalId: `A${i}`,
    ownerExternalId: 'u1',
    type: 'call',
    occurredAt: T0 + i * MINUTE,
    relatedExternalId: i === 0 ? 'o1' : null,
    createdAt: T0 + i * MINUTE,
    deleted: deletedA3 && i === 3,
  }));
}

/** A CRM whose activities come in pages of three with the last activity time as watermark. */
class ActivityConnector implements CrmConnector {
  readonly kind = 'demo' as const;
  sinceSeen: Array<number | null> = [];
  listing = activities(false);

  async *users(): AsyncIterable<Page<CrmUser>> {
    yield {
      items: [
        {
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
        },
      ],
    };
  }
  async *logins(): AsyncIterable<Page<never>> {}
  async *opportunities(): AsyncIterable<Page<never>> {}
  async recordObjectTypes(): Promise<string[]> {
    return [];
  }
  async *records(): AsyncIterable<Page<never>> {}
  async *training(): AsyncIterable<Page<never>> {}

  async *activities(since: number | null): AsyncIterable<Page<Activity>> {
    this.sinceSeen.push(since);
    // a changed activity is listed again (the CRM's modification time moves); here: A3 once deleted
    const items = this.listing.filter((a) => since === null || a.occurredAt > since || a.deleted);
    for (let start = 0; start < items.length; start += 3) {
      const slice = items.slice(start, start + 3);
      yield { items: slice, watermark: Math.max(...slice.map((a) => a.occurredAt)) };
    }
  }
}

describe.each(testEngines())(`${SyncService.name} of activities on %s`, (engine) => {
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
    sut.overlapMs = 2 * MINUTE;
    connection = await connections.create({ name: 'crm', kind: 'demo', options: {}, schedule: '0 * * * *', enabled: true, createdAt: T0 });
  });
  afterEach(async () => {
    await database.dispose();
  });

  const stored = async () =>
    (
      await database.db.query<{ external_id: string; deleted: unknown; related_external_id: string | null }>(
        'SELECT external_id, deleted, related_external_id FROM activities ORDER BY occurred_at',
      )
    ).map((row) => [row.external_id, row.deleted === true || row.deleted === 1, row.related_external_id]);

  it('pages incrementally from the watermark, upserts by id and keeps a deletion as a deleted row', async () => {
    const connector = new ActivityConnector();
    const first = await sut.run(connection, { trigger: 'cli', connector });
    expect(first.counts.activities).toBe(7);
    expect(await runs.watermark(connection.id, 'activities')).toBe(T0 + 6 * MINUTE);

    connector.listing = activities(true);
    const second = await sut.run(connection, { trigger: 'cli', connector });
    // since = T0+6min - 2min overlap = T0+4min: A5 and A6 again, and the deleted A3
    expect(connector.sinceSeen).toEqual([null, T0 + 4 * MINUTE]);
    expect(second.counts.activities).toBe(3);
    expect(await stored()).toEqual([
      ['A0', false, 'o1'],
      ['A1', false, null],
      ['A2', false, null],
      ['A3', true, null],
      ['A4', false, null],
      ['A5', false, null],
      ['A6', false, null],
    ]);
  });
});
