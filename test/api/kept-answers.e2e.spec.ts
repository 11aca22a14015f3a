import request from 'supertest';
import {
  FixedClock,
  type CrmUser,
  ConnectionRepository,
  SHARED_COUNTERS_FRESH_MS,
  Database,
  PlanService,
  IngestRepository,
} from '../../server/test/testing';
import { bearerFor } from '../support/auth';
import { startApp, testEngines, type TestApp } from '../support/test-app';

const at = (iso: string) => Date.parse(iso);
const user = (externalId: string): CrmUser => ({
  externalId,
  name: externalId.toUpperCase(),
  email: `${externalId}@example.com`,
  department: 'Alpha',
  role: 'Rep',
  managerExternalId: null,
  active: true,
  licensed: true,
  integration: false,
  createdAt: null,
});
const PLAN = `
launch_date: 2026-01-01
timezone: UTC
currency: EUR
departments:
  - { name: Alpha, seats: 2, licence_cost_per_seat_month: 50 }
goals:
  - { department: "*", metric: active_users, target: 0.8, by: 2026-03-31, baseline: 0 }
`;
/** Long enough for the shared counters read by an earlier request to stand no more. */
const afterCountersAge = () => new Promise((resolve) => setTimeout(resolve, SHARED_COUNTERS_FRESH_MS + 50));

/**
 * Answers are kept until what they come from changes (CacheService tags): these tests change the data
 * from another process, as another replica or the CLI would, and expect the next answers to show it.
 */
describe.each(testEngines())('kept answers follow the data on %s', (engine) => {
  let harness: TestApp;
  let other: Database;
  let connectionId: number;
  let headers: Record<string, string>;
  const clock = new FixedClock(at('2026-03-10T15:00:00Z'));
  const http = () => request(harness.app.getHttpServer());

  beforeAll(async () => {
    harness = await startApp(engine, { clock });
    headers = await bearerFor(harness.app, 'admin');
    await harness.app.get(PlanService).apply(PLAN, 'plan.yaml', 'test', clock.now());
    connectionId = (
      await harness.app
        .get(ConnectionRepository)
        .create({ name: 'crm', kind: 'csv', options: {}, schedule: '0 * * * *', enabled: true, createdAt: clock.now() })
    ).id;
    await harness.app
      .get(Database)
      .transaction((tx) => new IngestRepository().upsertUsers(tx, connectionId, [user('a1'), user('a2')], clock.now()));
    other = await Database.open(harness.database.url, { migrate: false });
  });

  afterAll(async () => {
    await other.close();
    await harness.close();
  });

  it('sends a kept answer with the same ETag, and 304 without a body to a client that has it', async () => {
    const first = await http().get('/api/departments?asOf=2026-03-10').set(headers).expect(200);
    const second = await http().get('/api/departments?asOf=2026-03-10').set(headers).expect(200);
    expect(first.headers.etag).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9+/]{27}"$/);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.text).toBe(first.text);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    const again = await http()
      .get('/api/departments?asOf=2026-03-10')
      .set({ ...headers, 'If-None-Match': first.headers.etag })
      .expect(304);
    expect(again.text).toBe('');
  });

  it('shows a login another process synced in the next answers of the day', async () => {
    const before = await http().get('/api/departments?asOf=2026-03-10').set(headers).expect(200);
    expect(before.body.departments[0].metrics.active_users).toBe(0); // nobody logged in yet

    // As a sync of another replica: the page and the change counter in one transaction.
    await other.transaction(async (tx) => {
      await new IngestRepository().upsertLogins(tx, connectionId, [
        { externalId: 'l1', userExternalId: 'a1', loginAt: at('2026-03-09T10:00:00Z'), success: true, channel: 'web' },
      ]);
      await tx.query("UPDATE change_counters SET value = value + 1 WHERE name = 'crm_data'");
    });
    await afterCountersAge();

    const after = await http().get('/api/departments?asOf=2026-03-10').set(headers).expect(200);
    expect(after.body.departments[0].metrics.active_users).toBe(0.5); // a1 of a1, a2
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const overview = await http().get('/api/overview?asOf=2026-03-10').set(headers).expect(200);
    expect(overview.body.organisation.metrics.active_users).toBe(0.5);
  });

  it('shows a sync run another process started in the overview’s connections', async () => {
    const before = await http().get('/api/overview?asOf=2026-03-10').set(headers).expect(200);
    expect(before.body.connections[0].lastRun).toBeNull();
    await other.query(
      "INSERT INTO sync_runs (connection_id, trigger, status, started_at, counts) VALUES (:connectionId, 'schedule', 'running', :now, '{}')",
      { connectionId, now: clock.now() },
    );
    await afterCountersAge();
    const after = await http().get('/api/overview?asOf=2026-03-10').set(headers).expect(200);
    expect(after.body.connections[0].lastRun).toMatchObject({ status: 'running', trigger: 'schedule' });
  });

  it('refuses a token another process revoked, and a token of an account another process disabled', async () => {
    const executive = await bearerFor(harness.app, 'executive', { email: 'exec@example.test' });
    await http().get('/api/overview?asOf=2026-03-10').set(executive).expect(200);
    await http().get('/api/overview?asOf=2026-03-10').set(headers).expect(200);

    await other.query("UPDATE accounts SET disabled = TRUE WHERE email = 'exec@example.test'");
    await other.query('UPDATE api_tokens SET revoked_at = :now WHERE id = (SELECT MIN(id) FROM api_tokens)', { now: clock.now() }); // the admin's, made first
    await afterCountersAge();
    await http().get('/api/overview?asOf=2026-03-10').set(executive).expect(401);
    await http().get('/api/overview?asOf=2026-03-10').set(headers).expect(401);
  });
});
