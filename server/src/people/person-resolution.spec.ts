import { toNumber } from '../database/database.service';
import { IngestRepository } from '../sync/ingest.repository';
import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { PersonDirectory, type ResolvedUser } from './person-directory.repository';
import { emailKey, PERSON_TRAINING_CTE, PERSON_USERS_CTE } from './person-resolution.sql';

describe(emailKey.name, () => {
  it.each([
    ['  Ann@Example.COM ', 'ann@example.com'],
    ['', null],
    ['   ', null],
    [null, null],
  ])('%p -> %p', (given, expected) => expect(emailKey(given)).toBe(expected));
});

/*
 * Connections (created_at 0 for all, so ties go to the lower id = the older one):
 *   sf   salesforce, priority NULL -> 10     users: a (ann@x.com), b (no email), c (cy@x.com)
 *   lms  csv,        priority NULL -> 0      users: A (" ANN@x.com "), C (cy@x.com), d (dee@x.com)
 *   hub  hubspot,    priority 20             users: c2 (CY@X.COM)
 *   dyn  dataverse,  priority NULL -> 10     users: a2 (ann@x.com)   (same priority as sf, newer id)
 * People by hand:
 *   ann: sf/a, lms/A, dyn/a2 -> primary sf/a (10, older than dyn's 10; lms 0)
 *   b alone (no email)
 *   cy:  sf/c, lms/C, hub/c2 -> primary hub/c2 (20)
 *   dee: lms/d alone -> primary lms/d
 */
describe.each(testEngines())('person resolution on %s', (engine) => {
  let database: TestDatabase;
  let fx: MetricsFixture;
  const directory = new PersonDirectory();
  const ids = new Map<string, number>();
  let connections: Record<'sf' | 'lms' | 'hub' | 'dyn', number>;

  const userId = (connection: number, externalId: string) => ids.get(`${connection}/${externalId}`)!;
  const personOf = (users: ResolvedUser[], connection: number, externalId: string) =>
    users.find((user) => user.connectionId === connection && user.externalId === externalId)!.personId;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    fx = new MetricsFixture(database.db);
    connections = {
      sf: await fx.connection('sf', 'salesforce'),
      lms: await fx.connection('lms', 'csv'),
      hub: await fx.connection('hub', 'hubspot'),
      dyn: await fx.connection('dyn', 'dataverse'),
    };
    await database.db.query('UPDATE connections SET priority = 20 WHERE id = :id', { id: connections.hub });
    await fx.users(connections.sf, [
      { externalId: 'a', email: 'ann@x.com' },
      { externalId: 'b', email: null },
      { externalId: 'c', email: 'cy@x.com' },
    ]);
    await fx.users(connections.lms, [
      { externalId: 'A', email: ' ANN@x.com ' },
      { externalId: 'C', email: 'cy@x.com' },
      { externalId: 'd', email: 'dee@x.com' },
    ]);
    await fx.users(connections.hub, [{ externalId: 'c2', email: 'CY@X.COM' }]);
    await fx.users(connections.dyn, [{ externalId: 'a2', email: 'ann@x.com' }]);
    const rows = await database.db.query<{ id: number | string; connection_id: number | string; external_id: string }>(
      'SELECT id, connection_id, external_id FROM crm_users',
    );
    for (const row of rows) ids.set(`${toNumber(row.connection_id)}/${row.external_id}`, toNumber(row.id));
  });
  afterAll(() => database.dispose());

  it('makes users with the same email one person, whose primary user is of the highest-priority, then oldest, connection', async () => {
    const users = await directory.resolvedUsers(database.db);
    const { sf, lms, hub, dyn } = connections;
    const ann = userId(sf, 'a');
    expect([personOf(users, sf, 'a'), personOf(users, lms, 'A'), personOf(users, dyn, 'a2')]).toEqual([ann, ann, ann]);
    const cy = userId(hub, 'c2');
    expect([personOf(users, sf, 'c'), personOf(users, lms, 'C'), personOf(users, hub, 'c2')]).toEqual([cy, cy, cy]);
    expect(personOf(users, sf, 'b')).toBe(userId(sf, 'b'));
    expect(personOf(users, lms, 'd')).toBe(userId(lms, 'd'));
    expect(users.filter((user) => user.isPrimary).map((user) => user.userId)).toEqual(
      [ann, userId(sf, 'b'), cy, userId(lms, 'd')].sort((x, y) => x - y),
    );
  });

  it('follows a change of priority and the removal of a connection at once', async () => {
    const { sf, lms, hub } = connections;
    await database.db.query('UPDATE connections SET priority = 50 WHERE id = :id', { id: lms });
    let users = await directory.resolvedUsers(database.db);
    expect(personOf(users, sf, 'a')).toBe(userId(lms, 'A'));
    expect(personOf(users, hub, 'c2')).toBe(userId(lms, 'C'));
    // a removed connection's users come after every live one, whatever its priority
    await database.db.query('UPDATE connections SET removed_at = 1 WHERE id = :id', { id: lms });
    users = await directory.resolvedUsers(database.db);
    expect(personOf(users, sf, 'a')).toBe(userId(sf, 'a'));
    expect(personOf(users, lms, 'd')).toBe(userId(lms, 'd'));
    await database.db.query('UPDATE connections SET priority = NULL, removed_at = NULL WHERE id = :id', { id: lms });
  });

  it('gives training rows to people by user or by email, from any connection', async () => {
    const { sf, lms } = connections;
    const moodle = await fx.connection('moodle', 'moodle');
    await fx.training(lms, [{ userExternalId: 'C', course: 'Basics', required: true, completedAt: at('2026-01-05T00:00:00Z') }]);
    await fx.training(moodle, [
      { userExternalId: '', userEmail: 'ann@x.com', course: 'Basics', required: true, completedAt: at('2026-01-02T00:00:00Z') },
      { userExternalId: '', userEmail: 'ann@x.com', course: 'Pipeline', required: false, completedAt: null },
      { userExternalId: '', userEmail: 'nobody@x.com', course: 'Basics', required: true, completedAt: at('2026-01-03T00:00:00Z') },
    ]);
    const rows = await database.db.query<{ person_id: number | string; course: string; completed_at: number | string | null }>(
      `WITH ${PERSON_USERS_CTE}, ${PERSON_TRAINING_CTE}
       SELECT person_id, course, completed_at FROM person_training ORDER BY person_id, course`,
    );
    const got = rows.map((row) => ({
      person: toNumber(row.person_id),
      course: row.course,
      completedAt: row.completed_at === null ? null : toNumber(row.completed_at),
    }));
    // nobody@x.com is nobody's: left out; C's row is cy's (primary hub/c2), the email rows ann's (sf/a)
    expect(got).toEqual(
      [
        { person: userId(sf, 'a'), course: 'Basics', completedAt: at('2026-01-02T00:00:00Z') },
        { person: userId(sf, 'a'), course: 'Pipeline', completedAt: null },
        { person: userId(connections.hub, 'c2'), course: 'Basics', completedAt: at('2026-01-05T00:00:00Z') },
      ].sort((x, y) => x.person - y.person || x.course.localeCompare(y.course)),
    );
  });

  it('lists people whose users are in different departments, primary user first', async () => {
    // every user is in "Sales" (the fixture's default) but lms/C, moved to Support
    await database.db.transaction((tx) =>
      new IngestRepository().upsertUsers(
        tx,
        connections.lms,
        [
          {
            externalId: 'C',
            name: 'C',
            email: 'cy@x.com',
            department: 'Support',
            role: null,
            managerExternalId: null,
            active: true,
            licensed: true,
            integration: false,
            createdAt: null,
          },
        ],
        0,
      ),
    );
    expect(await directory.conflicts(database.db)).toEqual([
      {
        email: 'cy@x.com',
        users: [
          { connectionName: 'hub', externalId: 'c2', name: 'c2', department: 'Sales', primary: true },
          { connectionName: 'lms', externalId: 'C', name: 'C', department: 'Support', primary: false },
          { connectionName: 'sf', externalId: 'c', name: 'c', department: 'Sales', primary: false },
        ],
      },
    ]);
  });

  it('lists the emails of every connection, and per connection', async () => {
    expect([...(await directory.knownEmails(database.db))].sort()).toEqual(['ann@x.com', 'cy@x.com', 'dee@x.com']);
    expect(Object.fromEntries(await directory.emailsOf(database.db, connections.lms))).toEqual({
      'ann@x.com': ['A'],
      'cy@x.com': ['C'],
      'dee@x.com': ['d'],
    });
  });
});
