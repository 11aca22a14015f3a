import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FixedClock } from '../../server/test/testing';
import { loadConfig } from '../../server/test/testing';
import { Database } from '../../server/test/testing';
import { createHttpApp } from '../../server/test/testing';
import { markDirtyDays } from '../../server/test/testing';
import { RestatementService } from '../../server/test/testing';
import { SnapshotService } from '../../server/test/testing';
import { PlanService } from '../../server/test/testing';
import { at, MetricsFixture } from '../../server/test/testing';
import { loginAs, type SignedInAgent } from '../support/auth';

/*
 * Clock 2026-03-31T12:00Z, plan min_group_size 5. Sales: 6 seat holders, Marketing 5, Support 2.
 * Snapshots of 2026-03-20..2026-03-30 stored with no login at all (every active share 0).
 * Then a sync (run 42) brings logins of 2026-03-29 that arrived late: s1 (Sales), m1 (Marketing),
 * p1 (Support). They mark 2026-03-28..2026-03-30 (the day before, for any time zone, and every day
 * whose window holds them); recomputed, 03-28 is unchanged, 03-29 and 03-30 change:
 *   active_users, monthly_active_users, logins_per_user: Sales 0 -> 1/6, Marketing 0 -> 1/5,
 *   Support 0 -> 1/2, organisation 0 -> 3/13: 4 scopes x 3 metrics x 2 days = 24 restatements.
 * A viewer: Support (2) is a small group; hiding it alone would let Support be worked out from the
 * organisation, so the next smallest, Marketing, is hidden with it; Sales and the organisation stay.
 */
const PLAN = `
launch_date: 2026-03-01
timezone: UTC
departments:
  - { name: Sales, seats: 6 }
  - { name: Marketing, seats: 5 }
  - { name: Support, seats: 2 }
goals: []
`;

describe('GET /api/restatements', () => {
  let dir: string;
  let app: NestExpressApplication;
  let admin: SignedInAgent;
  let viewer: SignedInAgent;
  const clock = new FixedClock(at('2026-03-31T12:00:00Z'));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'uptake-restatements-'));
    const config = loadConfig({}, { databaseUrl: `sqlite:${join(dir, 'api.sqlite')}`, demo: false, scheduler: false, webDist: null });
    app = await createHttpApp(config, { clock, logger: false });
    await app.init();
    admin = await loginAs(app, 'admin');
    viewer = await loginAs(app, 'viewer');
    await app.get(PlanService).apply(PLAN, 'plan.yaml', 'alice', at('2026-02-01T08:00:00Z'));
    const db = app.get(Database);
    const fx = new MetricsFixture(db);
    const crm = await fx.connection('crm', 'csv');
    const people = (department: string, prefix: string, n: number) =>
      Array.from({ length: n }, (_, index) => ({ externalId: `${prefix}${index + 1}`, department }));
    await fx.users(crm, [...people('Sales', 's', 6), ...people('Marketing', 'm', 5), ...people('Support', 'p', 2)]);
    await app.get(SnapshotService).backfill('2026-03-20', '2026-03-30');

    const late = [at('2026-03-29T10:00:00Z'), at('2026-03-29T11:00:00Z'), at('2026-03-29T12:00:00Z')];
    await fx.logins(crm, [
      { userExternalId: 's1', loginAt: late[0] },
      { userExternalId: 'm1', loginAt: late[1] },
      { userExternalId: 'p1', loginAt: late[2] },
    ]);
    await db.transaction((tx) => markDirtyDays(tx, [{ logins: [late[0], late[2]] }], { kind: 'sync', ref: '42' }, clock.now()));
    const result = await app.get(RestatementService).restatePending();
    expect(result).toEqual({ days: 3, values: 24, pending: 0 });
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const entry = (day: string, department: string, metric: string, newValue: number) => ({
    id: expect.any(Number),
    day,
    department,
    metric,
    oldValue: 0,
    newValue,
    restatedAt: '2026-03-31T12:00:00.000Z',
    cause: { kind: 'sync', ref: '42' },
  });

  it('lists every changed stored value of a department with old and new value, when and why, newest day first', async () => {
    const { body } = await admin.get('/api/restatements?department=Sales').expect(200);
    expect(body).toEqual({
      total: 6,
      page: 1,
      pageSize: 50,
      items: ['2026-03-30', '2026-03-29'].flatMap((day) =>
        ['active_users', 'logins_per_user', 'monthly_active_users'].map((metric) => entry(day, 'Sales', metric, 1 / 6)),
      ),
    });
  });

  it('pages through the whole log and filters by day', async () => {
    const { body: all } = await admin.get('/api/restatements?pageSize=10&page=3').expect(200);
    expect(all).toMatchObject({ total: 24, page: 3, pageSize: 10 });
    expect(all.items).toHaveLength(4);
    const { body: oneDay } = await admin.get('/api/restatements?from=2026-03-29&to=2026-03-29&department=*').expect(200);
    expect(oneDay.items).toEqual(
      ['active_users', 'logins_per_user', 'monthly_active_users'].map((metric) => entry('2026-03-29', '*', metric, 3 / 13)),
    );
  });

  it('hides the values of small groups, and of the group hidden to protect them, from a viewer', async () => {
    const { body: support } = await viewer.get('/api/restatements?department=Support').expect(200);
    expect(support.total).toBe(6);
    expect(
      support.items.every(
        (item: { suppressed?: boolean; oldValue: unknown; newValue: unknown }) =>
          item.suppressed && item.oldValue === null && item.newValue === null,
      ),
    ).toBe(true);
    const { body: marketing } = await viewer.get('/api/restatements?department=Marketing').expect(200);
    expect(marketing.items.every((item: { suppressed?: boolean }) => item.suppressed)).toBe(true);
    const { body: sales } = await viewer.get('/api/restatements?department=Sales').expect(200);
    expect(sales.items.map((item: { newValue: number }) => item.newValue)).toEqual(Array(6).fill(1 / 6));
    const { body: organisation } = await viewer.get('/api/restatements?department=*').expect(200);
    expect(organisation.items.map((item: { newValue: number }) => item.newValue)).toEqual(Array(6).fill(3 / 13));
  });

  it('refuses a range that ends before it starts and unknown parameters', async () => {
    await admin.get('/api/restatements?from=2026-03-30&to=2026-03-01').expect(400);
    await admin.get('/api/restatements?metric=active_users').expect(400);
  });
});
