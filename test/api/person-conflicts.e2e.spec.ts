import request from 'supertest';
import { FixedClock } from '../../server/test/testing';
import { Database } from '../../server/test/testing';
import { at, MetricsFixture } from '../../server/test/testing';
import { bearerFor } from '../support/auth';
import { startApp, testEngines, type TestApp } from '../support/test-app';

/*
 * "sf" (salesforce, priority 10): ann@x.com in Sales, bo@x.com in Sales.
 * "hr" (csv, priority 0): " ANN@x.com " in Support (a conflict: sf's Sales counts), bo@x.com in Sales (no conflict).
 */
describe.each(testEngines())('GET /api/connections/person-conflicts on %s', (engine) => {
  let harness: TestApp;
  let admin: Record<string, string>;
  let trainer: Record<string, string>;
  const http = () => request(harness.app.getHttpServer());

  beforeAll(async () => {
    harness = await startApp(engine, { clock: new FixedClock(at('2026-03-10T15:00:00Z')) });
    admin = await bearerFor(harness.app, 'admin');
    trainer = await bearerFor(harness.app, 'trainer');
    const fx = new MetricsFixture(harness.app.get(Database));
    const sf = await fx.connection('sf', 'salesforce');
    await fx.users(sf, [
      { externalId: 'a1', name: 'Ann', email: 'ann@x.com' },
      { externalId: 'b1', name: 'Bo', email: 'bo@x.com' },
    ]);
    const hr = await fx.connection('hr', 'csv');
    await fx.users(hr, [
      { externalId: 'A', name: 'Ann L.', email: ' ANN@x.com ', department: 'Support' },
      { externalId: 'B', name: 'Bo', email: 'bo@x.com' },
    ]);
  });
  afterAll(() => harness.close());

  it('lists people whose users are in different departments, the primary user first', async () => {
    const { body } = await http().get('/api/connections/person-conflicts').set(admin).expect(200);
    expect(body).toEqual([
      {
        email: 'ann@x.com',
        users: [
          { connectionName: 'sf', externalId: 'a1', name: 'Ann', department: 'Sales', primary: true },
          { connectionName: 'hr', externalId: 'A', name: 'Ann L.', department: 'Support', primary: false },
        ],
      },
    ]);
  });

  it('is for admins only', async () => {
    await http().get('/api/connections/person-conflicts').set(trainer).expect(403);
    await http().get('/api/connections/person-overrides').set(trainer).expect(403);
    await http()
      .post('/api/connections/person-overrides')
      .set(trainer)
      .send({ kind: 'split', connection: 'hr', externalId: 'A' })
      .expect(403);
  });

  it('splits a user out of its person, which ends the conflict, and keeps the decision with who and when', async () => {
    const { body: split } = await http()
      .post('/api/connections/person-overrides')
      .set(admin)
      .send({ kind: 'split', connection: 'hr', externalId: 'A' })
      .expect(201);
    expect(split).toMatchObject({
      kind: 'split',
      user: 'hr/A',
      emailKey: 'ann@x.com',
      createdAt: at('2026-03-10T15:00:00Z'),
      supersededAt: null,
    });
    expect(split.createdBy).toMatch(/@/);
    expect((await http().get('/api/connections/person-conflicts').set(admin).expect(200)).body).toEqual([]);
    const { body: history } = await http().get('/api/connections/person-overrides').set(admin).expect(200);
    expect(history.map((entry: { kind: string; user: string | null }) => [entry.kind, entry.user])).toEqual([['split', 'hr/A']]);

    const refused = await http()
      .post('/api/connections/person-overrides')
      .set(admin)
      .send({ kind: 'merge', email: 'zed@x.com', into: 'ann@x.com' })
      .expect(404);
    expect(refused.body.error).toMatchObject({ code: 'PERSON_NOT_FOUND', message: 'no user of any connection has the email zed@x.com' });
    await http().post('/api/connections/person-overrides').set(admin).send({ kind: 'merge', email: 'ann@x.com' }).expect(400);
  });
});
