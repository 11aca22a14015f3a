import { ConnectionRepository } from '../connections/connection.repository';
import type { Activity } from '../connectors/connector.port';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { upsertActivities } from './activity-ingest';

const T0 = Date.UTC(2026, 0, 10, 12);

const call: Activity = {
  externalId: 'A1',
  ownerExternalId: 'u1',
  type: 'call',
  occurredAt: T0,
  relatedExternalId: 'o1',
  createdAt: T0,
  deleted: false,
};
/** What a Dataverse delete audit record tells: the id and the time of the deletion, nothing else. */
const tombstone = (externalId: string): Activity => ({
  externalId,
  ownerExternalId: '',
  type: 'call',
  occurredAt: T0 + 86_400_000,
  relatedExternalId: null,
  createdAt: null,
  deleted: true,
  deletionOnly: true,
});

describe.each(testEngines())('upsertActivities of deletions without values, on %s', (engine) => {
  let database: TestDatabase;
  let connectionId: number;

  beforeEach(async () => {
    database = await openTestDatabase(engine);
    const connection = await new ConnectionRepository(database.db).create({
      name: 'crm',
      kind: 'dataverse',
      options: {},
      schedule: '0 * * * *',
      enabled: true,
      createdAt: T0,
    });
    connectionId = connection.id;
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('marks the stored activity deleted and keeps its owner, type, time and deal; an unknown id creates nothing', async () => {
    await database.db.transaction((tx) => upsertActivities(tx, connectionId, [call]));
    await database.db.transaction((tx) => upsertActivities(tx, connectionId, [tombstone('A1'), tombstone('A9')]));

    const rows = await database.db.query<Record<string, unknown>>(
      'SELECT external_id, owner_external_id, type, occurred_at, related_external_id, deleted FROM activities ORDER BY external_id',
    );
    expect(
      rows.map((row) => [
        row.external_id,
        row.owner_external_id,
        row.type,
        Number(row.occurred_at),
        row.related_external_id,
        row.deleted === true || row.deleted === 1,
      ]),
    ).toEqual([['A1', 'u1', 'call', T0, 'o1', true]]);
  });
});
