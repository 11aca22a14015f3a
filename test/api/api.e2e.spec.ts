import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import {
  FixedClock,
  loadConfig,
  ConnectionRepository,
  Database,
  createHttpApp,
  SnapshotService,
  PlanService,
  IngestRepository,
  type CrmUser,
} from '../../server/test/testing';
import { loginAs, type SignedInAgent } from '../support/auth';

const at = (iso: string) => Date.parse(iso);
const user = (externalId: string, department: string, extra: Partial<CrmUser> = {}): CrmUser => ({
  externalId,
  name: externalId.toUpperCase(),
  email: `${externalId}@example.com`,
  department,
  role: 'Rep',
  managerExternalId: null,
  active: true,
  licensed: true,
  integration: false,
  createdAt: null,
  ...extra,
});

const PLAN = `
launch_date: 2026-01-01
timezone: UTC
currency: EUR
departments:
  - { name: Alpha, seats: 4, licence_cost_per_seat_month: 50 }
  - { name: Beta, seats: 2, licence_cost_per_seat_month: 50 }
goals:
  - { department: "*", metric: active_users, target: 0.8, by: 2026-03-31, baseline: 0 }
`;

describe('HTTP API end to end (fresh migrated SQLite database)', () => {
  let dir: string;
  let app: NestExpressApplication;
  let admin: SignedInAgent;
  const clock = new FixedClock(at('2026-03-10T15:00:00Z'));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'uptake-api-'));
    const config = loadConfig({}, { databaseUrl: `sqlite:${join(dir, 'api.sqlite')}`, demo: false, scheduler: false, webDist: null });
    app = await createHttpApp(config, { clock, logger: false });
    await app.init();
    admin = await loginAs(app, 'admin');

    const db = app.get(Database);
    await app.get(PlanService).apply(PLAN, 'plan.yaml', 'test', clock.now());
    const connection = await app
      .get(ConnectionRepository)
      .create({ name: 'crm', kind: 'csv', options: {}, schedule: '0 * * * *', enabled: true, createdAt: clock.now() });
    const ingest = new IngestRepository();
    await db.transaction(async (tx) => {
      await ingest.upsertUsers(
        tx,
        connection.id,
        [
          user('a1', 'Alpha'),
          user('a2', 'Alpha'),
          user('a3', 'Alpha'),
          user('a4', 'Alpha', { integration: true }),
          user('b1', 'Beta'),
          user('b2', 'Beta'),
        ],
        clock.now(),
      );
      const login = (id: string, userId: string, iso: string, channel: 'web' | 'api' = 'web') => ({
        externalId: id,
        userExternalId: userId,
        loginAt: at(iso),
        success: true,
        channel,
      });
      await ingest.upsertLogins(tx, connection.id, [
        login('1', 'a1', '2026-03-09T10:00:00Z'),
        login('2', 'a2', '2026-02-20T10:00:00Z'),
        login('3', 'a4', '2026-03-09T10:00:00Z', 'api'),
        login('4', 'b1', '2026-03-04T00:00:00Z'),
        login('5', 'b2', '2026-03-03T23:59:59Z'),
      ]);
    });
    await app.get(SnapshotService).computeDay('2026-03-10');
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GET /api/health answers with the database engine', async () => {
    const response = await request(app.getHttpServer()).get('/api/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', database: 'sqlite' });
  });

  it('GET /api/departments computes the metrics, the ramp and health by hand', async () => {
    const { body } = await admin.get('/api/departments?asOf=2026-03-10').expect(200);
    // Ramp: launch 2026-01-01, target date 2026-03-31 (89 days), as of 2026-03-10 (68 days): 0.8 * 68/89.
    const expected = (0.8 * 68) / 89;
    const alpha = body.departments.find((d: { department: string }) => d.department === 'Alpha');
    const beta = body.departments.find((d: { department: string }) => d.department === 'Beta');
    // Alpha: a1, a2, a3 are seat holders (a4 is an integration account). 7 days: a1. 30 days: a1, a2.
    expect(alpha.seatHolders).toBe(3);
    expect(alpha.metrics.active_users).toBeCloseTo(1 / 3, 9);
    expect(alpha.metrics.monthly_active_users).toBeCloseTo(2 / 3, 9);
    expect(alpha.metrics.logins_per_user).toBeCloseTo(1 / 3, 9);
    expect(alpha.expected.active_users).toBeCloseTo(expected, 9);
    expect(alpha.health).toBeCloseTo((1 / 3 / expected) * 100, 6);
    expect(alpha.status).toBe('red');
    // Beta: b1 at T-6 00:00:00 counts for 7 days, b2 at T-7 23:59:59 only for 30 days.
    expect(beta.metrics.active_users).toBeCloseTo(0.5, 9);
    expect(beta.metrics.monthly_active_users).toBeCloseTo(1, 9);
    expect(beta.health).toBeCloseTo((0.5 / expected) * 100, 6);
    expect(beta.status).toBe('amber');
    // Nothing measured for these: null, never 0.
    expect(alpha.metrics.record_completeness).toBeNull();
    expect(alpha.metrics.stale_opportunities).toBeNull();
    expect(alpha.metrics.training_completion).toBeNull();
    // Organisation: 5 seat holders, 2 active in 7 days, 4 in 30 days.
    expect(body.organisation.seatHolders).toBe(5);
    expect(body.organisation.metrics.active_users).toBeCloseTo(0.4, 9);
    expect(body.organisation.metrics.monthly_active_users).toBeCloseTo(0.8, 9);
  });

  it('GET /api/overview adds the week-earlier values and the connections', async () => {
    const { body } = await admin.get('/api/overview?asOf=2026-03-10').expect(200);
    expect(body.launchDate).toBe('2026-01-01');
    // A week earlier (2026-03-03): 7-day window 02-25..03-03 holds only b2's login at 03-03 23:59:59.
    expect(body.weekEarlier.active_users).toBeCloseTo(1 / 5, 9);
    expect(body.connections.map((c: { name: string }) => c.name)).toEqual(['crm']);
    // Counted logins from a2's on 02-20 to a1's on 03-09 (a4's API login on 03-09 is not counted); nothing is newer than 03-09.
    expect(body.dataCoverage).toEqual({ loginsFrom: '2026-02-20', loginsTo: '2026-03-09', dataEndsOn: '2026-03-09' });
  });

  it('GET /api/departments/:name/series reads the daily snapshots with the expected ramp', async () => {
    const { body } = await admin.get('/api/departments/Alpha/series?from=2026-03-10&to=2026-03-10').expect(200);
    expect(body.points).toHaveLength(1);
    expect(body.points[0].day).toBe('2026-03-10');
    expect(body.points[0].metrics.active_users).toBeCloseTo(1 / 3, 9);
    expect(body.points[0].expected.active_users).toBeCloseTo((0.8 * 68) / 89, 9);
  });

  it('rejects bad input with one error format', async () => {
    const bad = await admin.get('/api/departments?asOf=2026-02-30').expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.message).toContain('asOf');
    const unknownField = await admin.get('/api/departments?asof=2026-03-01').expect(400);
    expect(unknownField.body.error.code).toBe('VALIDATION_FAILED');
    const missing = await admin.post('/api/connections/999/sync').expect(404);
    expect(missing.body.error.code).toBe('CONNECTION_NOT_FOUND');
    expect(JSON.stringify(missing.body)).not.toContain('at ');
  });

  it('lists connections and their (empty) run history', async () => {
    const { body } = await admin.get('/api/connections').expect(200);
    expect(body[0]).toMatchObject({ name: 'crm', kind: 'csv', schedule: '0 * * * *', enabled: true, lastRun: null });
    const runs = await admin.get(`/api/connections/${body[0].id}/runs`).expect(200);
    expect(runs.body).toEqual([]);
  });

  it('serves the OpenAPI description at /api/docs', async () => {
    const page = await admin.get('/api/docs').expect(200);
    expect(page.text).toContain('swagger');
    const document = await admin.get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/departments', '/api/overview']));
  });
});
