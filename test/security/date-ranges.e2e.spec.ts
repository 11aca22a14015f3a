import { FixedClock, Database, PlanService, at, MetricsFixture } from '../../server/test/testing';
import type { SignedInAgent } from '../support/auth';
import { loginAs } from '../support/auth';
import { startApp, testEngines, type TestApp } from '../support/test-app';

/*
 * Today is 2026-03-10 (the app's clock); the plan launched on 2026-01-01, so a request may read
 * days from 2023-01-02 (1095 days before launch: 2025-01-01 is -365, 2024-01-01 -731, 2023-01-01
 * -1096) to 2026-03-10, and at most 1096 days (3 years) per series.
 */
const PLAN = `
launch_date: 2026-01-01
departments:
  - { name: East, seats: 6, licence_cost_per_seat_month: 10 }
goals:
  - { department: "*", metric: active_users, target: 0.8, by: 2026-03-31, baseline: 0 }
`;

describe.each(testEngines())('date ranges a viewer may ask for on %s', (engine) => {
  let harness: TestApp;
  let viewer: SignedInAgent;
  let admin: SignedInAgent;
  const clock = new FixedClock(at('2026-03-10T15:00:00Z'));

  beforeAll(async () => {
    harness = await startApp(engine, { clock });
    const { app } = harness;
    await app.get(PlanService).apply(PLAN, 'plan.yaml', 'test', at('2026-01-01T08:00:00Z'));
    const fx = new MetricsFixture(app.get(Database));
    const crm = await fx.connection('crm');
    await fx.users(
      crm,
      ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'].map((id) => ({ externalId: id, department: 'East' })),
    );
    viewer = await loginAs(harness.app, 'viewer');
    admin = await loginAs(harness.app, 'admin', { email: 'ada@example.test' });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('refuses a series of centuries at once, naming the limit, without computing it', async () => {
    const started = Date.now();
    const { body } = await viewer.get('/api/departments/East/series?from=1000-01-01&to=2999-12-31').expect(400);
    expect(body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'invalid query: to: from 1000-01-01 to 2999-12-31 spans 730485 days: at most 1096 days (3 years) per request',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses series days after today or long before launch, and takes 3 years up to today', async () => {
    const future = await viewer.get('/api/departments/East/series?from=2026-03-01&to=2026-03-11').expect(400);
    expect(future.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'to 2026-03-11 is after today (2026-03-10): there is no data yet; pick a day up to today',
    });
    const early = await viewer.get('/api/departments/East/series?from=2023-01-01&to=2023-02-01').expect(400);
    expect(early.body.error.message).toBe(
      'from 2023-01-01 is before 2023-01-02, 3 years before the launch date 2026-01-01: pick a day from 2023-01-02 on',
    );
    // 2023-03-11 .. 2026-03-10: 1096 days (2024 has a 29 February).
    const longest = await viewer.get('/api/departments/East/series?from=2023-03-11&to=2026-03-10').expect(200);
    expect(longest.body.points).toHaveLength(1096);
  });

  it.each(['/api/roi', '/api/overview', '/api/departments', '/api/training'])('refuses %s as of a day after today', async (path) => {
    const started = Date.now();
    const { body } = await viewer.get(`${path}?asOf=2999-12-31`).expect(400);
    expect(body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'asOf 2999-12-31 is after today (2026-03-10): there is no data yet; pick a day up to today',
    });
    expect(Date.now() - started).toBeLessThan(2000);
    await viewer.get(`${path}?asOf=2026-03-10`).expect(200);
  });

  it('refuses the people of a department and the people-to-train CSV as of a day after today, or long before launch', async () => {
    const people = await admin.get('/api/departments/East/people?asOf=2026-03-11').expect(400);
    expect(people.body.error.message).toBe('asOf 2026-03-11 is after today (2026-03-10): there is no data yet; pick a day up to today');
    const csv = await admin.get('/api/training/people.csv?asOf=1999-01-01').expect(400);
    expect(csv.body.error.message).toBe(
      'asOf 1999-01-01 is before 2023-01-02, 3 years before the launch date 2026-01-01: pick a day from 2023-01-02 on',
    );
  });

  it('starts the default series at launch, or 3 years before today for an older launch', async () => {
    const sinceLaunch = await viewer.get('/api/departments/East/series').expect(200);
    expect(sinceLaunch.body).toMatchObject({ from: '2026-01-01', to: '2026-03-10' });
    const { body: current } = await admin.get('/api/plan').expect(200);
    await admin
      .put('/api/plan')
      .send({ plan: { ...current.current.plan, launch_date: '2020-01-01' } })
      .expect(200);
    // 2026-03-10 - 1095 days = 2023-03-11.
    const older = await viewer.get('/api/departments/East/series').expect(200);
    expect(older.body).toMatchObject({ from: '2023-03-11', to: '2026-03-10' });
    expect(older.body.points).toHaveLength(1096);
  });
});
