import { FixedClock, Database, PlanService, at, MetricsFixture } from '../../server/test/testing';
import { loginAs, type SignedInAgent } from '../support/auth';
import { startApp, testEngines, type TestApp } from '../support/test-app';

const PLAN = 'launch_date: 2026-01-01\ndepartments:\n  - { name: Sales APAC, seats: 3 }\n  - { name: Sales EMEA, seats: 3 }\n';

/** A trainer assigned a department nobody knows sees no one: the accounts API refuses such names. */
describe.each(testEngines())('accounts API: assignable departments on %s', (engine) => {
  let harness: TestApp;
  let admin: SignedInAgent;
  const clock = new FixedClock(at('2026-03-10T12:00:00Z'));

  beforeAll(async () => {
    harness = await startApp(engine, { clock });
    await harness.app.get(PlanService).apply(PLAN, 'plan.yaml', 'test', clock.now());
    const fx = new MetricsFixture(harness.app.get(Database));
    // Central is known from the CRM data only.
    await fx.users(await fx.connection('crm'), [{ externalId: 'u1', department: 'Central' }]);
    admin = await loginAs(harness.app, 'admin');
  });
  afterAll(() => harness.close());

  it("lists the departments of the plan and the CRM data for the admin's picker, to admins only", async () => {
    const { body } = await admin.get('/api/users/departments').expect(200);
    expect(body).toEqual({ departments: ['Central', 'Sales APAC', 'Sales EMEA'] });
    const viewer = await loginAs(harness.app, 'viewer');
    await viewer.get('/api/users/departments').expect(403);
  });

  it('refuses to create a trainer of "Sales Apac", suggesting "Sales APAC"', async () => {
    const { body } = await admin
      .post('/api/users')
      .send({ email: 'tess@example.test', role: 'trainer', departments: ['Sales EMEA', 'Sales Apac'] })
      .expect(400);
    expect(body.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'unknown department "Sales Apac": did you mean "Sales APAC"?',
      details: [{ path: 'departments.1', message: 'unknown department "Sales Apac": did you mean "Sales APAC"?' }],
    });
    const { body: accounts } = await admin.get('/api/users').expect(200);
    expect(accounts.map((account: { email: string }) => account.email)).not.toContain('tess@example.test');
  });

  it('refuses an unknown department in a change, and accepts known ones', async () => {
    const { body: created } = await admin
      .post('/api/users')
      .send({ email: 'tom@example.test', role: 'trainer', departments: ['Central'] })
      .expect(201);
    const id = created.account.id;
    const refused = await admin
      .patch(`/api/users/${id}`)
      .send({ departments: ['Central', 'Marketing'] })
      .expect(400);
    expect(refused.body.error.message).toBe(
      'unknown department "Marketing" (departments of the launch plan and the CRM data: Central, Sales APAC, Sales EMEA)',
    );
    const { body: changed } = await admin
      .patch(`/api/users/${id}`)
      .send({ departments: ['Central', 'Sales APAC'] })
      .expect(200);
    expect(changed.departments).toEqual(['Central', 'Sales APAC']);
  });
});
