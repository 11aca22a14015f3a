import { METRIC_KEYS } from '@uptake/shared';
import request from 'supertest';
import type { SignedInAgent } from '../support/auth';
import { loginAs } from '../support/auth';
import { FixedClock, Database, SnapshotService, PlanService, at, MetricsFixture } from '../../server/test/testing';
import { startApp, testEngines, type TestApp } from '../support/test-app';

/*
 * Big has 6 seat holders (b1..b6), Small 2 (s1, s2); min_group_size is 5 (the default).
 * As of 2026-03-10 (end 2026-03-10T23:59:59.999Z; 7 days: after 2026-03-03T23:59:59.999Z):
 * - Big: b1, b2, b3 logged in on 03-09 -> active_users 3/6 = 0.5.
 * - Small: s1 and s2 logged in on 03-09 -> active_users 2/2 = 1.
 * - Organisation: 8 seat holders, 5 active -> 0.625.
 * Required course Basics: done by b1 and s1 only, so b2..b6 and s2 are to be trained.
 */
const PLAN = `
launch_date: 2026-01-01
departments:
  - { name: Big, seats: 6, licence_cost_per_seat_month: 10 }
  - { name: Small, seats: 2, licence_cost_per_seat_month: 10 }
goals:
  - { department: "*", metric: active_users, target: 0.8, by: 2026-03-31, baseline: 0 }
`;
const AS_OF = '2026-03-10';
const HIDDEN = 'hidden (fewer than 5 people)';

type Department = {
  department: string;
  seatHolders: number;
  metrics: Record<string, number | null>;
  expected: Record<string, number>;
  health: number | null;
  suppressed?: boolean;
};
const byName = (list: Department[], name: string) => list.find((entry) => entry.department === name) as Department;

describe.each(testEngines())('privacy: roles, small groups and the audit log on %s', (engine) => {
  let harness: TestApp;
  let admin: SignedInAgent;
  let viewer: SignedInAgent;
  let executive: SignedInAgent;
  let smallTrainer: SignedInAgent;
  let bigTrainer: SignedInAgent;
  const clock = new FixedClock(at('2026-03-10T15:00:00Z'));

  beforeAll(async () => {
    harness = await startApp(engine, { clock });
    const { app } = harness;
    await app.get(PlanService).apply(PLAN, 'plan.yaml', 'test', at('2026-01-01T08:00:00Z'));
    const fx = new MetricsFixture(app.get(Database));
    const crm = await fx.connection('crm');
    const big = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'];
    await fx.users(crm, [
      ...big.map((id) => ({ externalId: id, name: id.toUpperCase(), department: 'Big' })),
      { externalId: 's1', name: 'S1', department: 'Small' },
      { externalId: 's2', name: 'S2', department: 'Small' },
    ]);
    await fx.logins(
      crm,
      ['b1', 'b2', 'b3', 's1', 's2'].map((id) => ({ userExternalId: id, loginAt: at('2026-03-09T10:00:00Z') })),
    );
    await fx.training(crm, [
      { userExternalId: 'b1', course: 'Basics', required: true, completedAt: at('2026-02-01T10:00:00Z') },
      { userExternalId: 's1', course: 'Basics', required: true, completedAt: at('2026-02-01T10:00:00Z') },
    ]);
    await app.get(SnapshotService).computeDay(AS_OF);
    admin = await loginAs(app, 'admin', { email: 'ada@example.test' });
    viewer = await loginAs(app, 'viewer', { email: 'vic@example.test' });
    executive = await loginAs(app, 'executive');
    smallTrainer = await loginAs(app, 'trainer', { email: 'tess@example.test', departments: ['Small'] });
    bigTrainer = await loginAs(app, 'trainer', { email: 'bert@example.test', departments: ['Big'] });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('hides the metrics of a department of fewer than 5 seat holders from a viewer, keeping its size', async () => {
    const { body } = await viewer.get(`/api/departments?asOf=${AS_OF}`).expect(200);
    const small = byName(body.departments, 'Small');
    expect(small).toMatchObject({ department: 'Small', seatHolders: 2, health: null, status: null, suppressed: true, expected: {} });
    for (const key of METRIC_KEYS) expect(small.metrics[key]).toBeNull();
    // The organisation (5 of 8 active) minus Big (3 of 6) would give Small (2 of 2): Big, the only
    // other department, is hidden too (complementary suppression), its size kept.
    const big = byName(body.departments, 'Big');
    expect(big).toMatchObject({ seatHolders: 6, suppressed: true, health: null });
    expect(big.metrics.active_users).toBeNull();
    expect(body.organisation.suppressed).toBeUndefined();
    expect(body.organisation.metrics.active_users).toBeCloseTo(5 / 8, 9);
    // An executive is treated alike.
    const asExecutive = await executive.get(`/api/departments?asOf=${AS_OF}`).expect(200);
    expect(byName(asExecutive.body.departments, 'Small').suppressed).toBe(true);
  });

  it('shows the small department to its trainer and to admins, not to the trainer of another department', async () => {
    const own = await smallTrainer.get(`/api/departments?asOf=${AS_OF}`).expect(200);
    expect(byName(own.body.departments, 'Small').metrics.active_users).toBeCloseTo(2 / 2, 9);
    expect(byName(own.body.departments, 'Small').suppressed).toBeUndefined();
    const other = await bigTrainer.get(`/api/departments?asOf=${AS_OF}`).expect(200);
    expect(byName(other.body.departments, 'Small').suppressed).toBe(true);
    // Big's trainer sees Big: the organisation minus Big would give Small, so the organisation is hidden from them.
    expect(byName(other.body.departments, 'Big').metrics.active_users).toBeCloseTo(3 / 6, 9);
    expect(other.body.organisation).toMatchObject({ seatHolders: 8, suppressed: true });
    expect(other.body.organisation.metrics.active_users).toBeNull();
    const all = await admin.get(`/api/departments?asOf=${AS_OF}`).expect(200);
    expect(byName(all.body.departments, 'Small').metrics.active_users).toBeCloseTo(1, 9);
  });

  it('hides the small group in the overview, the series, ROI and the training view', async () => {
    const overview = await viewer.get(`/api/overview?asOf=${AS_OF}`).expect(200);
    expect(byName(overview.body.departments, 'Small')).toMatchObject({ suppressed: true, health: null });

    const series = await viewer.get(`/api/departments/Small/series?from=${AS_OF}&to=${AS_OF}`).expect(200);
    expect(series.body.points[0]).toMatchObject({ day: AS_OF, seatHolders: 2, suppressed: true, expected: {} });
    expect(series.body.points[0].metrics.active_users).toBeNull();
    const seriesAsTrainer = await smallTrainer.get(`/api/departments/Small/series?from=${AS_OF}&to=${AS_OF}`).expect(200);
    expect(seriesAsTrainer.body.points[0].metrics.active_users).toBeCloseTo(1, 9);

    const roi = await viewer.get(`/api/roi?asOf=${AS_OF}`).expect(200);
    const small = roi.body.departments.find((d: { department: string }) => d.department === 'Small');
    expect(small).toMatchObject({
      suppressed: true,
      monthlyActiveUsers: { value: null, how: HIDDEN },
      shelfwareSeats: { value: null },
      costPerMonthlyActiveUser: { value: null },
    });
    expect(small.pipeline).toMatchObject({ openCount: 0, staleCount: 0, how: HIDDEN });
    // Seats and spend come from the plan, not from people: 2 seats x 10.
    expect(small.monthlySpend.value).toBe(20);
    // Big is Small's complement: its monthly active users (3) and the organisation's (5) would give Small's 2.
    const bigRoi = roi.body.departments.find((d: { department: string }) => d.department === 'Big');
    expect(bigRoi).toMatchObject({
      suppressed: true,
      monthlyActiveUsers: { value: null, how: 'hidden (would reveal a group of fewer than 5 people)' },
    });
    expect(roi.body.organisation.monthlyActiveUsers.value).toBe(5);
    const bigSeries = await viewer.get(`/api/departments/Big/series?from=${AS_OF}&to=${AS_OF}`).expect(200);
    expect(bigSeries.body.points[0]).toMatchObject({ seatHolders: 6, suppressed: true });
    const organisationSeries = await bigTrainer.get(`/api/departments/*/series?from=${AS_OF}&to=${AS_OF}`).expect(200);
    expect(organisationSeries.body.points[0]).toMatchObject({ seatHolders: 8, suppressed: true });
    expect(organisationSeries.body.points[0].metrics.active_users).toBeNull();

    const training = await viewer.get(`/api/training?asOf=${AS_OF}`).expect(200);
    expect(training.body.peopleToTrain).toEqual([]);
    expect(training.body.teams.find((t: { department: string }) => t.department === 'Small')).toMatchObject({
      suppressed: true,
      health: null,
      gaps: [],
    });
    // Both teams are hidden (Big as Small's complement): no health to rank them by, so by name.
    expect(training.body.teams.map((t: { department: string; suppressed?: boolean }) => [t.department, t.suppressed])).toEqual([
      ['Big', true],
      ['Small', true],
    ]);
    // Small's lift compares 1 trained (s1) with 1 untrained (s2): a hidden department's row keeps no count
    // (1 trained of 2 is its training completion); Big's row goes with it.
    const liftOf = (name: string) => training.body.lift.find((l: { department: string }) => l.department === name);
    expect(liftOf('Small')).toMatchObject({
      suppressed: true,
      activeRateLift: null,
      trained: { seatHolders: 0, active7: 0, activeRate: null },
      untrained: { seatHolders: 0, active7: 0, activeRate: null },
    });
    expect(liftOf('Big')).toMatchObject({
      suppressed: true,
      trained: { seatHolders: 0, activeRate: null },
      untrained: { seatHolders: 0, activeRate: null },
    });
    // The organisation's trained group (b1, s1) is small: its row is hidden, its sizes (the organisation's training completion, shown) kept.
    expect(liftOf('*')).toMatchObject({
      suppressed: true,
      trained: { seatHolders: 2, active7: 0, activeRate: null },
      untrained: { seatHolders: 6, active7: 0, activeRate: null },
    });
  });

  it('lists people to train only of the departments a trainer is assigned, and logs that view', async () => {
    const { body } = await smallTrainer.get(`/api/training?asOf=${AS_OF}`).expect(200);
    expect(body.peopleToTrain.map((p: { externalId: string }) => p.externalId)).toEqual(['s2']);
    const everyone = await admin.get(`/api/training?asOf=${AS_OF}`).expect(200);
    expect(everyone.body.peopleToTrain.map((p: { externalId: string }) => p.externalId).sort()).toEqual([
      'b2',
      'b3',
      'b4',
      'b5',
      'b6',
      's2',
    ]);

    const csv = await smallTrainer.get(`/api/training/people.csv?asOf=${AS_OF}`).expect(200);
    const lines = csv.text.trim().split('\r\n');
    expect(lines).toHaveLength(2); // header + s2
    expect(lines[1]).toContain('"s2"');
    await viewer.get(`/api/training/people.csv?asOf=${AS_OF}`).expect(403);

    const log = await admin.get('/api/audit?actor=tess@example.test').expect(200);
    const actions = log.body.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['training.people.view', 'training.people.export']));
    const view = log.body.entries.find((e: { action: string }) => e.action === 'training.people.view');
    expect(view).toMatchObject({
      actor: 'tess@example.test',
      actorRole: 'trainer',
      detail: { asOf: AS_OF, rows: 1, departments: ['Small'] },
    });
  });

  it('refuses the people table to viewers and other trainers (401 without login), and logs each view and refusal', async () => {
    await request(harness.app.getHttpServer()).get('/api/departments/Small/people').expect(401);
    const refused = await viewer.get('/api/departments/Small/people').expect(403);
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('aggregates only') });
    await bigTrainer.get('/api/departments/Small/people').expect(403);
    const { body } = await smallTrainer.get(`/api/departments/Small/people?asOf=${AS_OF}`).expect(200);
    expect(body.people.map((p: { externalId: string }) => p.externalId)).toEqual(['s1', 's2']);

    const log = await admin.get('/api/audit?limit=500').expect(200);
    const seen = log.body.entries.find(
      (e: { action: string; actor: string }) => e.action === 'people.view' && e.actor === 'tess@example.test',
    );
    expect(seen).toMatchObject({
      actorRole: 'trainer',
      department: 'Small',
      target: `GET /api/departments/Small/people?asOf=${AS_OF}`,
      detail: { asOf: AS_OF, rows: 2 },
    });
    // The clock of the app is fixed at 2026-03-10T15:00:00Z: that is when the view happened.
    expect(seen.at).toBe('2026-03-10T15:00:00.000Z');
    const denied = log.body.entries
      .filter((e: { action: string }) => e.action === 'access.denied')
      .map((e: { actor: string; department: string }) => [e.actor, e.department]);
    expect(denied).toEqual(
      expect.arrayContaining([
        ['vic@example.test', 'Small'],
        ['bert@example.test', 'Small'],
      ]),
    );
    await viewer.get('/api/audit').expect(403);
  });

  it('takes min_group_size from the plan, and records the signed-in admin as who changed it', async () => {
    const { body: current } = await admin.get('/api/plan').expect(200);
    const plan = { ...current.current.plan, privacy: { min_group_size: 2 } };
    const { body: version } = await admin.put('/api/plan').send({ plan, changedBy: 'someone else', comment: 'smaller groups' }).expect(200);
    expect(version.createdBy).toBe('ada@example.test');
    const { body } = await viewer.get(`/api/departments?asOf=${AS_OF}`).expect(200);
    expect(byName(body.departments, 'Small').suppressed).toBeUndefined();
    expect(byName(body.departments, 'Small').metrics.active_users).toBeCloseTo(1, 9);
    const log = await admin.get('/api/audit?action=api.change').expect(200);
    expect(log.body.entries[0]).toMatchObject({ actor: 'ada@example.test', target: 'PUT /api/plan', detail: { route: 'PUT /api/plan' } });
    // The request body (which may hold credentials elsewhere) is not in the log.
    expect(JSON.stringify(log.body)).not.toContain('smaller groups');
    await viewer.put('/api/plan').send({ plan, changedBy: 'vic' }).expect(403);
  });
});
