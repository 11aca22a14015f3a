import type { OverviewResponse, PlanHistoryResponse, Role } from '@uptake/shared';
import request from 'supertest';
import { FixedClock, Database, PlanService, SyncRepository, at, MetricsFixture } from '../../server/test/testing';
import { bearerFor } from '../support/auth';
import { startApp, testEngines, type TestApp } from '../support/test-app';

/** What a failed sync writes: the CRM's URL and a snippet of its answer, or a CSV cell. */
const SYNC_ERROR =
  'Salesforce answered 500 on GET https://acme-internal.my.salesforce.com/services/data/v60.0/query: {"secret":"Q3 layoffs list"}';
const PLAN_FILE = '/srv/uptake/private/plans/launch-plan.yaml';
const PLAN_AUTHOR = 'ops-admin@acme.example';

describe.each(testEngines())('status only for non-admins on %s', (engine) => {
  let harness: TestApp;
  const callers = new Map<Role, Record<string, string>>();
  const get = (role: Role, path: string) =>
    request(harness.app.getHttpServer())
      .get(path)
      .set(callers.get(role) ?? {});

  beforeAll(async () => {
    const clock = new FixedClock(at('2026-03-10T12:00:00Z'));
    harness = await startApp(engine, { clock });
    const { app } = harness;
    await app
      .get(PlanService)
      .apply('launch_date: 2026-01-01\ndepartments:\n  - { name: Sales, seats: 2 }\n', PLAN_FILE, PLAN_AUTHOR, clock.now());
    const fx = new MetricsFixture(app.get(Database));
    const crm = await fx.connection('crm');
    await fx.users(crm, [{ externalId: 's1', department: 'Sales' }]);
    const syncs = app.get(SyncRepository);
    const run = await syncs.startRun(crm, 'manual', clock.now() - 60_000);
    await syncs.finishRun(run.id, 'failed', { users: 0 }, SYNC_ERROR, clock.now() - 30_000);
    for (const role of ['viewer', 'executive', 'admin'] as const) callers.set(role, await bearerFor(app, role));
    callers.set('trainer', await bearerFor(app, 'trainer', { departments: ['Sales'] }));
  });

  afterAll(async () => {
    await harness.close();
  });

  it.each<Role>(['viewer', 'executive', 'trainer'])('the overview tells a %s that the sync failed, not why', async (role) => {
    const response = await get(role, '/api/overview?asOf=2026-03-10').expect(200);
    const overview = response.body as OverviewResponse;
    expect(overview.connections).toHaveLength(1);
    expect(overview.connections[0].lastRun).toMatchObject({ status: 'failed', error: null });
    expect(response.text).not.toContain('acme-internal');
    expect(response.text).not.toContain('layoffs');
  });

  it('the overview keeps the reason for an admin', async () => {
    const overview = (await get('admin', '/api/overview?asOf=2026-03-10').expect(200)).body as OverviewResponse;
    expect(overview.connections[0].lastRun).toMatchObject({ status: 'failed', error: SYNC_ERROR });
  });

  it.each<Role>(['viewer', 'executive', 'trainer'])(
    'the plan shows a %s the plan and its changes, not who applied it nor from which file',
    async (role) => {
      const response = await get(role, '/api/plan').expect(200);
      const plan = response.body as PlanHistoryResponse;
      expect(plan.current).toMatchObject({ version: 1, createdBy: null, source: null, changes: [] });
      expect(plan.current?.plan.departments).toEqual([expect.objectContaining({ name: 'Sales', seats: 2 })]);
      expect(plan.history).toEqual([plan.current]);
      expect(response.text).not.toContain('ops-admin');
      expect(response.text).not.toContain('/srv/uptake');
    },
  );

  it('the plan keeps who and where for an admin', async () => {
    const plan = (await get('admin', '/api/plan').expect(200)).body as PlanHistoryResponse;
    expect(plan.current).toMatchObject({ version: 1, createdBy: PLAN_AUTHOR, source: PLAN_FILE });
  });
});
