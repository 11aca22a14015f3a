import request from 'supertest';
import { PlanService } from '../../server/test/testing';
import { bearerFor, loginAs } from '../support/auth';
import { startApp, testEngines, type TestApp } from '../support/test-app';

describe.each(testEngines())("GET /api/auth/session, the dashboard's probe, on %s", (engine) => {
  let harness: TestApp;
  const http = () => request(harness.app.getHttpServer());

  beforeAll(async () => {
    harness = await startApp(engine);
    // A trainer's department must be known: the plan names Sales.
    await harness.app
      .get(PlanService)
      .apply('launch_date: 2026-01-01\ndepartments:\n  - { name: Sales, seats: 1 }\n', 'plan.yaml', 'test', Date.now());
  });

  afterAll(async () => {
    await harness.close();
  });

  it('answers nobody signed in with 200, not an error status', async () => {
    const response = await http().get('/api/auth/session').expect(200);
    expect(response.body).toEqual({ authenticated: false });
    // A stale or forged cookie is nobody too.
    const stale = await http().get('/api/auth/session').set('Cookie', 'uptake_session=not-a-session').expect(200);
    expect(stale.body).toEqual({ authenticated: false });
  });

  it('answers a signed-in account as GET /api/auth/me does, plus authenticated: true', async () => {
    const agent = await loginAs(harness.app, 'trainer', { email: 'rio@example.test', departments: ['Sales'] });
    const me = (await agent.get('/api/auth/me').expect(200)).body;
    const probe = (await agent.get('/api/auth/session').expect(200)).body;
    expect(probe).toEqual({ authenticated: true, ...me });
    expect(probe.account).toMatchObject({ email: 'rio@example.test', role: 'trainer', departments: ['Sales'] });
    const token = await bearerFor(harness.app, 'viewer');
    expect((await http().get('/api/auth/session').set(token).expect(200)).body).toMatchObject({
      authenticated: true,
      via: 'token',
      account: { role: 'viewer' },
    });
  });
});
