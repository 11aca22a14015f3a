import request from 'supertest';
import { FixedClock, ConnectionRepository, Database, PlanService, SyncScheduler, at, MetricsFixture } from '../../server/test/testing';
import { bearerFor } from '../support/auth';
import { startApp, testEngines, type TestApp } from '../support/test-app';

const PLAN = `
launch_date: 2026-01-01
timezone: UTC
departments:
  - { name: Sales, seats: 3, licence_cost_per_seat_month: 50 }
goals:
  - { department: "*", metric: active_users, target: 0.8, by: 2026-03-31, baseline: 0 }
`;
/** Never fires during a test (01:00 on 1 January). */
const YEARLY = '0 1 1 1 *';
const SALESFORCE = { instance_url: 'https://acme.my.salesforce.com', client_id: 'first-id', client_secret: 'kept-s3cret' };

/*
 * Connection "crm": Sales users a1 and a2, a1 with a login on 2026-03-09 and an open opportunity o1.
 * Connection "hr": Sales user b1 with a login on 2026-03-08. As of 2026-03-10: 3 seat holders, all active but a2.
 */
describe.each(testEngines())('PATCH and DELETE /api/connections/:id on %s', (engine) => {
  let harness: TestApp;
  let admin: Record<string, string>;
  let viewer: Record<string, string>;
  const clock = new FixedClock(at('2026-03-10T15:00:00Z'));
  const http = () => request(harness.app.getHttpServer());
  const byName = async (name: string) =>
    ((await http().get('/api/connections').set(admin).expect(200)).body as Array<{ id: number; name: string }>).find(
      (c) => c.name === name,
    )!;

  beforeAll(async () => {
    harness = await startApp(engine, { clock, config: { scheduler: true } });
    admin = await bearerFor(harness.app, 'admin');
    viewer = await bearerFor(harness.app, 'viewer');
    await harness.app.get(PlanService).apply(PLAN, 'plan.yaml', 'test', clock.now());
    const fx = new MetricsFixture(harness.app.get(Database));
    const crm = await fx.connection('crm', 'csv');
    await fx.users(crm, [{ externalId: 'a1' }, { externalId: 'a2' }]);
    await fx.logins(crm, [{ userExternalId: 'a1', loginAt: at('2026-03-09T10:00:00Z') }]);
    await fx.opportunities(crm, [{ externalId: 'o1', ownerExternalId: 'a1' }]);
    const hr = await fx.connection('hr', 'csv');
    await fx.users(hr, [{ externalId: 'b1' }]);
    await fx.logins(hr, [{ userExternalId: 'b1', loginAt: at('2026-03-08T10:00:00Z') }]);
  });

  afterAll(() => harness.close());

  it('changes options, keeping a credential left out, and the generic priority option', async () => {
    const { body: created } = await http()
      .post('/api/connections')
      .set(admin)
      .send({ name: 'sf', kind: 'salesforce', options: SALESFORCE, schedule: YEARLY })
      .expect(201);
    expect(created).toMatchObject({ priority: 10, removedAt: null, options: { ...SALESFORCE, client_secret: 'set' } });

    const { body: changed } = await http()
      .patch(`/api/connections/${created.id}`)
      .set(admin)
      .send({ options: { client_id: 'second-id', priority: '4' }, schedule: '*/15 * * * *' })
      .expect(200);
    expect(changed).toMatchObject({
      schedule: '*/15 * * * *',
      priority: 4,
      options: { instance_url: SALESFORCE.instance_url, client_id: 'second-id', client_secret: 'set' },
    });
    expect(JSON.stringify(changed)).not.toContain('kept-s3cret');
    const stored = await harness.app.get(ConnectionRepository).findByName('sf');
    expect(stored?.options).toEqual({ ...SALESFORCE, client_id: 'second-id' });
    expect(stored?.priority).toBe(4);
    // the scheduler followed: the next run is the next quarter hour
    expect(new Date(changed.nextRunAt).getUTCMinutes() % 15).toBe(0);

    // an empty priority goes back to the default of the kind
    expect(
      (
        await http()
          .patch(`/api/connections/${created.id}`)
          .set(admin)
          .send({ options: { priority: '' } })
          .expect(200)
      ).body.priority,
    ).toBe(10);
  });

  it.each([
    [
      'options the connector refuses',
      { options: { instance_url: 'acme.my.salesforce.com' } },
      400,
      'CONNECTOR_OPTIONS_INVALID',
      'instance_url',
    ],
    ['a priority that is not a whole number', { options: { priority: '2.5' } }, 400, 'CONNECTION_INVALID', 'priority'],
    ['a priority out of range', { options: { priority: '5000' } }, 400, 'CONNECTION_INVALID', 'at most 1000'],
    ['options that are not text', { options: { priority: 3 } }, 400, 'VALIDATION_FAILED', 'options.priority'],
  ])('refuses %s and changes nothing', async (_what, payload, status, code, mentioned) => {
    const sf = await byName('sf');
    const { body } = await http().patch(`/api/connections/${sf.id}`).set(admin).send(payload).expect(status);
    expect(body.error).toMatchObject({ code, message: expect.stringContaining(mentioned) });
    expect((await harness.app.get(ConnectionRepository).findByName('sf'))?.options).toEqual({ ...SALESFORCE, client_id: 'second-id' });
  });

  it('documents the routes in the OpenAPI document', async () => {
    const { body } = await http().get('/api/docs/openapi.json').set(admin).expect(200);
    expect(Object.keys(body.paths['/api/connections/{id}'])).toEqual(expect.arrayContaining(['patch', 'delete']));
  });

  it('lets only admins change or remove a connection', async () => {
    const sf = await byName('sf');
    await http().patch(`/api/connections/${sf.id}`).set(viewer).send({ enabled: false }).expect(403);
    await http().delete(`/api/connections/${sf.id}`).set(viewer).expect(403);
    expect(await byName('sf')).toMatchObject({ enabled: true, removedAt: null });
  });

  it('removes a connection keeping its data marked deleted: metrics stop counting it at once, the scheduler drops it', async () => {
    const before = await http().get('/api/departments?asOf=2026-03-10').set(admin).expect(200);
    expect(before.body.organisation.seatHolders).toBe(3);
    const crm = await byName('crm');
    await http().patch(`/api/connections/${crm.id}`).set(admin).send({ schedule: YEARLY }).expect(200);
    expect(harness.app.get(SyncScheduler).nextRunAt({ name: 'crm' })).not.toBeNull();

    const { body } = await http().delete(`/api/connections/${crm.id}`).set(admin).expect(200);
    // a1 and a2 deactivated; o1 and its field record marked deleted
    expect(body).toEqual({ name: 'crm', purged: false, rows: { crm_users: 2, opportunities: 1, records: 1 } });
    expect(harness.app.get(SyncScheduler).nextRunAt({ name: 'crm' })).toBeNull();

    const after = await http().get('/api/departments?asOf=2026-03-10').set(admin).expect(200);
    expect(after.body.organisation.seatHolders).toBe(1); // b1 of "hr"
    expect(after.body.organisation.metrics.active_users).toBe(1);
    expect(await byName('crm')).toMatchObject({ enabled: false, removedAt: '2026-03-10T15:00:00.000Z', nextRunAt: null });
    // today's snapshot was recomputed, as after a sync
    const series = await http().get('/api/departments/Sales/series?from=2026-03-10&to=2026-03-10').set(admin).expect(200);
    expect(series.body.points[0].seatHolders).toBe(1);

    const again = await http().patch(`/api/connections/${crm.id}`).set(admin).send({ enabled: true }).expect(409);
    expect(again.body.error.code).toBe('CONNECTION_REMOVED');
    const sync = await http().post(`/api/connections/${crm.id}/sync`).set(admin).expect(409);
    expect(sync.body.error.code).toBe('CONNECTION_REMOVED');
  });

  it('purges a connection with all its data only when confirmed with its name', async () => {
    const hr = await byName('hr');
    for (const query of ['purge=true', 'purge=true&confirm=HR']) {
      const refused = await http().delete(`/api/connections/${hr.id}?${query}`).set(admin).expect(400);
      expect(refused.body.error).toMatchObject({
        code: 'CONNECTION_CONFIRMATION_REQUIRED',
        message: expect.stringContaining('confirm=hr'),
      });
    }
    expect(await byName('hr')).toBeDefined();
    await http().delete(`/api/connections/${hr.id}?purge=yes`).set(admin).expect(400);

    const { body } = await http().delete(`/api/connections/${hr.id}?purge=true&confirm=hr`).set(admin).expect(200);
    expect(body).toEqual({
      name: 'hr',
      purged: true,
      rows: {
        login_events: 1,
        activities: 0,
        training_assignments: 0,
        record_fields: 0,
        records: 0,
        opportunities: 0,
        crm_users: 1,
        sync_watermarks: 0,
        sync_ticks: 0,
        sync_runs: 0,
      },
    });
    expect(await byName('hr')).toBeUndefined();
    const after = await http().get('/api/departments?asOf=2026-03-10').set(admin).expect(200);
    expect(after.body.organisation.seatHolders).toBe(0);
    const [{ n }] = await harness.app
      .get(Database)
      .query<{ n: number }>('SELECT COUNT(*) AS n FROM crm_users WHERE connection_id = :id', { id: hr.id });
    expect(Number(n)).toBe(0);
    await http().delete(`/api/connections/${hr.id}`).set(admin).expect(404);
  });
});
