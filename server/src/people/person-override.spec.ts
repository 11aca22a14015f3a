import { CacheService } from '../cache/cache.service';
import { toNumber } from '../database/database.service';
import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { PersonDirectory } from './person-directory.repository';
import { PersonOverrideRepository } from './person-override.repository';
import { PERSON_TRAINING_CTE, PERSON_USERS_CTE } from './person-resolution.sql';

/*
 * sf (salesforce): a1 ann@x.com, b1 annie@x.com (the same human under another address), c1 cy@x.com.
 * lms (csv): A ann@x.com. Training by email: ann@x.com Basics.
 */
describe.each(testEngines())('merging and splitting people on %s', (engine) => {
  let database: TestDatabase;
  let sut: PersonOverrideRepository;
  const ids = new Map<string, number>();
  const personOf = async (key: string) => {
    const users = await new PersonDirectory().resolvedUsers(database.db);
    return users.find((user) => user.userId === ids.get(key))!.personId;
  };

  beforeEach(async () => {
    database = await openTestDatabase(engine);
    sut = new PersonOverrideRepository(database.db);
    const fx = new MetricsFixture(database.db);
    const sf = await fx.connection('sf', 'salesforce');
    const lms = await fx.connection('lms', 'csv');
    await fx.users(sf, [
      { externalId: 'a1', email: 'ann@x.com' },
      { externalId: 'b1', email: 'annie@x.com' },
      { externalId: 'c1', email: 'cy@x.com' },
    ]);
    await fx.users(lms, [{ externalId: 'A', email: 'ann@x.com' }]);
    await fx.training(lms, [
      { userExternalId: 'ann@x.com', userEmail: 'ann@x.com', course: 'Basics', completedAt: at('2026-01-02T00:00:00Z') },
    ]);
    const rows = await database.db.query<{ id: number | string; name: string; external_id: string }>(
      'SELECT u.id, c.name, u.external_id FROM crm_users u JOIN connections c ON c.id = u.connection_id',
    );
    for (const row of rows) ids.set(`${row.name}/${row.external_id}`, toNumber(row.id));
  });
  afterEach(() => database.dispose());

  it('merges the users of one email into the person of another, and undoes it, keeping the history', async () => {
    expect(await personOf('sf/b1')).toBe(ids.get('sf/b1'));
    await sut.merge(' Annie@x.com', 'ANN@x.com', 'admin@acme.example', 1000);
    expect(await personOf('sf/b1')).toBe(ids.get('sf/a1'));
    expect(await personOf('lms/A')).toBe(ids.get('sf/a1'));
    await sut.unmerge('annie@x.com', 'trainer@acme.example', 2000);
    expect(await personOf('sf/b1')).toBe(ids.get('sf/b1'));
    expect(await sut.history()).toEqual([
      expect.objectContaining({
        kind: 'unmerge',
        emailKey: 'annie@x.com',
        createdBy: 'trainer@acme.example',
        createdAt: 2000,
        supersededAt: null,
      }),
      expect.objectContaining({
        kind: 'merge',
        emailKey: 'annie@x.com',
        targetKey: 'ann@x.com',
        createdBy: 'admin@acme.example',
        createdAt: 1000,
        supersededAt: 2000,
      }),
    ]);
  });

  it('changes the metrics stamp, so cached metrics are recomputed', async () => {
    const cache = new CacheService(database.db);
    const before = await cache.stamp(['crm_data']);
    await sut.merge('annie@x.com', 'ann@x.com', 'admin', 1000);
    expect(await cache.stamp(['crm_data'])).not.toBe(before);
  });

  it('splits a user out of its email, training by email staying with the others, and undoes it', async () => {
    await sut.split('lms', 'A', 'admin@acme.example', 1000);
    expect(await personOf('lms/A')).toBe(ids.get('lms/A'));
    expect(await personOf('sf/a1')).toBe(ids.get('sf/a1'));
    const training = await database.db.query<{ person_id: number | string }>(
      `WITH ${PERSON_USERS_CTE}, ${PERSON_TRAINING_CTE} SELECT person_id FROM person_training`,
    );
    expect(training.map((row) => toNumber(row.person_id))).toEqual([ids.get('sf/a1')]);
    await sut.unsplit('lms', 'A', 'admin@acme.example', 2000);
    expect(await personOf('lms/A')).toBe(ids.get('sf/a1'));
    expect((await sut.history()).map((o) => [o.kind, o.user, o.supersededAt])).toEqual([
      ['unsplit', 'lms/A', null],
      ['split', 'lms/A', 2000],
    ]);
  });

  it('merges an email merged into another straight into the final person', async () => {
    await sut.merge('annie@x.com', 'ann@x.com', 'admin', 1000);
    await sut.merge('ann@x.com', 'cy@x.com', 'admin', 2000);
    // annie follows ann into cy's person; its primary user: sf (priority 10) before lms, then the lowest user id, a1
    const person = await personOf('sf/c1');
    expect([await personOf('sf/a1'), await personOf('sf/b1'), await personOf('lms/A')]).toEqual([person, person, person]);
    expect(person).toBe(ids.get('sf/a1'));
  });

  it.each([
    [
      'an unknown email',
      () => sut.merge('zed@x.com', 'ann@x.com', 'admin', 1),
      'PERSON_NOT_FOUND',
      'no user of any connection has the email zed@x.com',
    ],
    [
      'a merge into itself',
      () => sut.merge('ann@x.com', ' ANN@x.com', 'admin', 1),
      'PERSON_OVERRIDE_INVALID',
      'cannot merge ann@x.com into itself',
    ],
    ['an unknown user', () => sut.split('lms', 'nobody', 'admin', 1), 'PERSON_NOT_FOUND', 'connection "lms" has no user "nobody"'],
    [
      'an unmerge of an email merged nowhere',
      () => sut.unmerge('cy@x.com', 'admin', 1),
      'PERSON_OVERRIDE_INVALID',
      'cy@x.com is not merged into anyone',
    ],
  ])('refuses %s', async (_case, action, code, message) => {
    await expect(action()).rejects.toMatchObject({ code, message });
    expect(await sut.history()).toEqual([]);
  });
});
