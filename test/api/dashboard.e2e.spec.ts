import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  FixedClock,
  loadConfig,
  ConnectionRepository,
  Database,
  createHttpApp,
  SnapshotService,
  PlanService,
  at,
  MetricsFixture,
} from '../../server/test/testing';
import { loginAs, type SignedInAgent } from '../support/auth';
import { importRootAtTmpdir } from '../support/import-root';

/*
 * One small organisation, as of T = 2026-03-31 (UTC); the clock says 2026-03-31T12:00Z.
 * Windows: 7 days from 2026-03-25, 14 days from 2026-03-18, 30 days from 2026-03-02.
 * Plan v1 (by alice): Sales 4 seats × 100 EUR, Support 2 × 50; required field opportunity.amount;
 * goals: "*" active_users 0.8 by 2026-03-31 (baseline 0), Sales stale_opportunities 0.3 by 2026-03-31 (baseline 0.5).
 * Sales: Sam (s1), Sue (s2, manager Sam), Abe (s3, manager Sam), an integration account.
 * Support: Pia (p1), Pat (p2, manager Pia). Required courses: Basics, Advanced.
 */
const PLAN = `
launch_date: 2026-01-01
timezone: UTC
currency: EUR
departments:
  - { name: Sales, seats: 4, licence_cost_per_seat_month: 100 }
  - { name: Support, seats: 2, licence_cost_per_seat_month: 50 }
required_fields:
  opportunity: [amount]
goals:
  - { department: "*", metric: active_users, target: 0.8, by: 2026-03-31, baseline: 0 }
  - { department: Sales, metric: stale_opportunities, target: 0.3, by: 2026-03-31, baseline: 0.5 }
`;

async function seed(db: Database): Promise<void> {
  const fx = new MetricsFixture(db);
  const crm = await fx.connection('crm', 'csv');
  await fx.users(crm, [
    { externalId: 's1', name: 'Sam', email: 'sam@example.com', department: 'Sales' },
    { externalId: 's2', name: 'Sue', email: 'sue@example.com', department: 'Sales', managerExternalId: 's1' },
    { externalId: 's3', name: 'Abe', department: 'Sales', managerExternalId: 's1' },
    { externalId: 'sx', name: 'Integration', department: 'Sales', integration: true },
    { externalId: 'p1', name: 'Pia', department: 'Support' },
    { externalId: 'p2', name: 'Pat, "the new one"', department: 'Support', managerExternalId: 'p1' },
  ]);
  await fx.logins(crm, [
    // Sam completed training on 02-10: before [01-13, 02-10) 2 logins, after [02-10, 03-10) 3 logins.
    { userExternalId: 's1', loginAt: at('2026-01-20T09:00:00Z') },
    { userExternalId: 's1', loginAt: at('2026-02-01T09:00:00Z') },
    { userExternalId: 's1', loginAt: at('2026-02-10T00:00:00Z') },
    { userExternalId: 's1', loginAt: at('2026-02-20T09:00:00Z') },
    { userExternalId: 's1', loginAt: at('2026-03-05T09:00:00Z') }, // 30 days
    { userExternalId: 's1', loginAt: at('2026-03-30T09:00:00Z') }, // 7 days
    { userExternalId: 's1', loginAt: at('2026-03-30T15:00:00Z') }, // 7 days, the last
    { userExternalId: 's2', loginAt: at('2026-03-18T00:00:00Z') }, // first instant of the 14 days
    { userExternalId: 's3', loginAt: at('2026-03-17T23:59:59.999Z') }, // just before the 14 days
    { userExternalId: 'sx', loginAt: at('2026-03-30T09:00:00Z') }, // integration account
    { userExternalId: 'p1', loginAt: at('2026-03-28T09:00:00Z') },
    { userExternalId: 'p2', loginAt: at('2026-03-29T09:00:00Z'), channel: 'api' }, // not counted
  ]);
  await fx.opportunities(crm, [
    { externalId: 'A', ownerExternalId: 's1', amount: 1000, createdAt: at('2026-03-20T00:00:00Z'), fields: { amount: '1000' } }, // fresh
    { externalId: 'B', ownerExternalId: 's1', amount: 400, createdAt: at('2026-01-10T00:00:00Z'), fields: { amount: '' } }, // stale: no touch
    { externalId: 'D', ownerExternalId: 's1', amount: 9, isClosed: true, isWon: true, closeDate: '2026-03-01', fields: { amount: '9' } }, // closed
    {
      externalId: 'C',
      ownerExternalId: 's2',
      amount: 250,
      lastActivityAt: at('2026-03-15T00:00:00Z'),
      closeDate: '2026-03-30',
      fields: { amount: '250' },
    }, // stale: past close
    { externalId: 'E', ownerExternalId: 'p1', amount: 600, lastModifiedAt: at('2026-03-25T00:00:00Z'), fields: { amount: 'n/a' } }, // fresh
  ]);
  await fx.activities(crm, [
    { ownerExternalId: 's2', occurredAt: at('2026-03-27T10:00:00Z'), relatedExternalId: 'C', type: 'call' }, // Sue works without logging in
    { ownerExternalId: 's3', occurredAt: at('2026-03-24T23:59:59.999Z'), type: 'email' }, // a moment before the 7 days ending 03-31
  ]);
  await fx.training(crm, [
    { userExternalId: 's1', course: 'Basics', required: true, completedAt: at('2026-02-01T10:00:00Z') },
    { userExternalId: 's1', course: 'Advanced', required: true, completedAt: at('2026-02-10T15:00:00Z') },
    { userExternalId: 's2', course: 'Basics', required: true, completedAt: at('2026-02-01T10:00:00Z') },
    { userExternalId: 'p1', course: 'Basics', required: true, completedAt: at('2026-03-01T10:00:00Z') },
    { userExternalId: 'p1', course: 'Advanced', required: true, completedAt: at('2026-03-20T10:00:00Z') },
    { userExternalId: 'p2', course: 'Basics', required: true, completedAt: at('2026-03-01T10:00:00Z') },
  ]);
}

importRootAtTmpdir();

describe('Dashboard API end to end (fresh migrated SQLite database)', () => {
  let dir: string;
  let app: NestExpressApplication;
  const clock = new FixedClock(at('2026-03-31T12:00:00Z'));
  // Signed in as an admin named bob: the server records the signed-in account as who changed the plan.
  let bob: SignedInAgent;
  const http = () => bob;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'uptake-dashboard-'));
    const config = loadConfig({}, { databaseUrl: `sqlite:${join(dir, 'api.sqlite')}`, demo: false, scheduler: false, webDist: null });
    app = await createHttpApp(config, { clock, logger: false });
    await app.init();
    bob = await loginAs(app, 'admin', { email: 'bob@example.test' });
    await app.get(PlanService).apply(PLAN, 'plan.yaml', 'alice', at('2026-01-02T08:00:00Z'));
    await seed(app.get(Database));
    await app.get(SnapshotService).computeDay('2026-03-31');
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('documents every dashboard route in the OpenAPI document', async () => {
    const { body } = await http().get('/api/docs/openapi.json').expect(200);
    const routes = Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/departments/{name}/people',
        'GET /api/roi',
        'GET /api/training',
        'GET /api/training/people.csv',
        'GET /api/plan',
        'PUT /api/plan',
        'GET /api/connections',
        'POST /api/connections',
        'PATCH /api/connections/{id}',
        'POST /api/connections/{id}/test',
      ]),
    );
    expect(body.paths['/api/roi'].get.responses['200'].content['application/json'].schema.properties).toHaveProperty('spendByMonth');
  });

  describe('GET /api/departments/:name/people', () => {
    it('lists each seat holder with their own figures', async () => {
      const { body } = await http().get('/api/departments/Sales/people?asOf=2026-03-31').expect(200);
      expect(body).toMatchObject({ asOf: '2026-03-31', department: 'Sales', seatHolders: 3 });
      expect(body.people).toEqual([
        {
          connectionId: expect.any(Number),
          externalId: 's3',
          name: 'Abe',
          email: null,
          managerExternalId: 's1',
          managerName: 'Sam',
          lastLoginAt: '2026-03-17T23:59:59.999Z',
          logins7: 0,
          logins30: 1,
          recordCompleteness: null,
          trackedRecords: 0,
          openOpportunities: 0,
          staleOpportunities: 0,
          requiredCoursesDone: 0,
          requiredCourses: 2,
          trainingComplete: false,
          activities7: 0,
          lastActivityAt: '2026-03-24T23:59:59.999Z',
          presence: 'neither',
        },
        {
          // A (1 of 1 required field), B (0), D (1): 2/3; open A and B, B stale
          connectionId: expect.any(Number),
          externalId: 's1',
          name: 'Sam',
          email: 'sam@example.com',
          managerExternalId: null,
          managerName: null,
          lastLoginAt: '2026-03-30T15:00:00.000Z',
          logins7: 2,
          logins30: 3,
          recordCompleteness: 2 / 3,
          trackedRecords: 3,
          openOpportunities: 2,
          staleOpportunities: 1,
          requiredCoursesDone: 2,
          requiredCourses: 2,
          trainingComplete: true,
          activities7: 0, // A was created 03-20, before the 7 days
          lastActivityAt: null,
          presence: 'logs_in_only',
        },
        {
          connectionId: expect.any(Number),
          externalId: 's2',
          name: 'Sue',
          email: 'sue@example.com',
          managerExternalId: 's1',
          managerName: 'Sam',
          lastLoginAt: '2026-03-18T00:00:00.000Z',
          logins7: 0,
          logins30: 1,
          recordCompleteness: 1,
          trackedRecords: 1,
          openOpportunities: 1,
          staleOpportunities: 1,
          requiredCoursesDone: 1,
          requiredCourses: 2,
          trainingComplete: false,
          activities7: 1,
          lastActivityAt: '2026-03-27T10:00:00.000Z',
          presence: 'works_only',
        },
      ]);
    });

    it('gives the metrics per manager', async () => {
      const { body } = await http().get('/api/departments/Sales/people?asOf=2026-03-31').expect(200);
      expect(body.byManager).toEqual([
        {
          // Abe and Sue: nobody in 7 days, both in 30; completeness (0 + 1) / (0 + 1); stale 1/1; trained 0/2
          managerExternalId: 's1',
          managerName: 'Sam',
          seatHolders: 2,
          people: ['s3', 's2'],
          metrics: {
            active_users: 0,
            monthly_active_users: 1,
            logins_per_user: 0,
            record_completeness: 1,
            stale_opportunities: 1,
            training_completion: 0,
            active_contributors: 0.5, // Sue
            activities_per_user: 0.5, // her one activity / 2
          },
        },
        {
          // Sam: 2 logins in 7 days; completeness 2/3; stale 1 of 2
          managerExternalId: null,
          managerName: 'No manager',
          seatHolders: 1,
          people: ['s1'],
          metrics: {
            active_users: 1,
            monthly_active_users: 1,
            logins_per_user: 2,
            record_completeness: 2 / 3,
            stale_opportunities: 0.5,
            training_completion: 1,
            active_contributors: 0,
            activities_per_user: 0,
          },
        },
      ]);
    });

    it('answers 404 for an unknown department and 400 for a bad query', async () => {
      const unknown = await http().get('/api/departments/Nowhere/people?asOf=2026-03-31').expect(404);
      expect(unknown.body.error).toMatchObject({ code: 'DEPARTMENT_UNKNOWN', message: expect.stringContaining('"Nowhere"') });
      const badDay = await http().get('/api/departments/Sales/people?asOf=2026-02-30').expect(400);
      expect(badDay.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('asOf') });
      const extra = await http().get('/api/departments/Sales/people?asOf=2026-03-31&role=admin').expect(400);
      expect(extra.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('takes today in the plan time zone without asOf', async () => {
      const { body } = await http().get('/api/departments/Support/people').expect(200);
      expect(body).toMatchObject({ asOf: '2026-03-31', seatHolders: 2 });
    });
  });

  describe('GET /api/roi', () => {
    it('computes spend, shelfware and cost per monthly active user', async () => {
      const { body } = await http().get('/api/roi?asOf=2026-03-31').expect(200);
      expect(body).toMatchObject({ asOf: '2026-03-31', currency: 'EUR', launchDate: '2026-01-01' });
      const value = (scope: Record<string, { value: number | null }>) =>
        Object.fromEntries(
          [
            'seats',
            'licenceCostPerSeatMonth',
            'monthlySpend',
            'seatHolders',
            'monthlyActiveUsers',
            'shelfwareSeats',
            'shelfwareCostPerMonth',
            'costPerMonthlyActiveUser',
          ].map((k) => [k, scope[k].value]),
        );
      const [sales, support] = body.departments;
      // Sales: 4 × 100 = 400; MAU Sam, Sue, Abe = 3; shelfware 4 − 3 = 1 → 100; 400 / 3
      expect(value(sales)).toEqual({
        seats: 4,
        licenceCostPerSeatMonth: 100,
        monthlySpend: 400,
        seatHolders: 3,
        monthlyActiveUsers: 3,
        shelfwareSeats: 1,
        shelfwareCostPerMonth: 100,
        costPerMonthlyActiveUser: 400 / 3,
      });
      // Support: 2 × 50 = 100; MAU Pia (Pat's login is API) = 1; shelfware 1 → 50; 100 / 1
      expect(value(support)).toEqual({
        seats: 2,
        licenceCostPerSeatMonth: 50,
        monthlySpend: 100,
        seatHolders: 2,
        monthlyActiveUsers: 1,
        shelfwareSeats: 1,
        shelfwareCostPerMonth: 50,
        costPerMonthlyActiveUser: 100,
      });
      // Organisation: 6 seats, 500 spend (500 / 6 per seat), 5 seat holders, 4 MAU, 2 idle seats costing 150, 500 / 4 = 125
      expect(value(body.organisation)).toEqual({
        seats: 6,
        licenceCostPerSeatMonth: 500 / 6,
        monthlySpend: 500,
        seatHolders: 5,
        monthlyActiveUsers: 4,
        shelfwareSeats: 2,
        shelfwareCostPerMonth: 150,
        costPerMonthlyActiveUser: 125,
      });
      expect(sales.monthlySpend.how).toBe('4 seats × 100 EUR = 400 EUR per month');
      expect(sales.costPerMonthlyActiveUser.how).toBe('400 EUR ÷ 3 monthly active users = 133.33 EUR per month');
    });

    it('splits the pipeline into fresh and stale', async () => {
      const { body } = await http().get('/api/roi?asOf=2026-03-31').expect(200);
      // Sales: A 1000 fresh; B 400 and C 250 stale; D closed. Support: E 600 fresh.
      expect(body.departments[0].pipeline).toMatchObject({
        openCount: 3,
        openAmount: 1650,
        freshCount: 1,
        freshAmount: 1000,
        staleCount: 2,
        staleAmount: 650,
      });
      expect(body.departments[1].pipeline).toMatchObject({
        openCount: 1,
        openAmount: 600,
        freshCount: 1,
        freshAmount: 600,
        staleCount: 0,
        staleAmount: 0,
      });
      expect(body.organisation.pipeline).toMatchObject({
        openCount: 4,
        openAmount: 2250,
        freshCount: 2,
        freshAmount: 1600,
        staleCount: 2,
        staleAmount: 650,
      });
    });

    it('gives spend per month and adoption since launch against the ramp', async () => {
      const { body } = await http().get('/api/roi?asOf=2026-03-31').expect(200);
      expect(body.spendByMonth.months).toEqual([
        { month: '2026-01', spend: 500 },
        { month: '2026-02', spend: 500 },
        { month: '2026-03', spend: 500 },
      ]);
      // 2026-01-01 .. 2026-03-31: 31 + 28 + 31 = 90 days; only 03-31 has a snapshot: Sam and Pia of 5 = 0.4, expected 0.8.
      expect(body.adoption.points).toHaveLength(90);
      // the seed wrote the data without a sync run: no connection was ever observed, so every day is reconstructed
      expect(body.adoption.points[0]).toEqual({ day: '2026-01-01', actual: null, expected: 0, provenance: 'reconstructed' });
      expect(body.adoption.points[89]).toEqual({ day: '2026-03-31', actual: 0.4, expected: 0.8, provenance: 'reconstructed' });
    });
  });

  describe('GET /api/training', () => {
    it('ranks teams by gap to plan', async () => {
      const { body } = await http().get('/api/training?asOf=2026-03-31').expect(200);
      expect(body.teams.map((team: { department: string }) => team.department)).toEqual(['Sales', 'Support']);
      const [sales, support] = body.teams;
      // Sales: active 1/3 vs 0.8 → attainment 5/12; stale 2/3 vs 0.3 → (1 − 2/3)/(1 − 0.3) = 10/21.
      // Health (5/12 + 10/21) / 2 × 100 = 44.64…; largest shortfall active_users, gap 0.8 − 1/3.
      expect(sales.health).toBeCloseTo(((5 / 12 + 10 / 21) / 2) * 100, 10);
      expect(sales.largestShortfall.metric).toBe('active_users');
      expect(sales.largestShortfall.gap).toBeCloseTo(0.8 - 1 / 3, 10);
      expect(sales.gaps[1].metric).toBe('stale_opportunities');
      expect(sales.gaps[1].gap).toBeCloseTo(2 / 3 - 0.3, 10);
      // Support: active 1/2 vs 0.8 → 62.5, gap 0.3
      expect(support.health).toBeCloseTo(62.5, 10);
      expect(support.largestShortfall.gap).toBeCloseTo(0.3, 10);
    });

    it('lists the people to train with their reasons', async () => {
      const { body } = await http().get('/api/training?asOf=2026-03-31').expect(200);
      expect(body.peopleToTrain.map((p: { externalId: string; reasons: string[] }) => [p.externalId, p.reasons])).toEqual([
        ['s3', ['no_login_14_days', 'training_incomplete']],
        ['s2', ['training_incomplete']],
        ['p2', ['no_login_14_days', 'training_incomplete']],
      ]);
      expect(body.peopleToTrain[2]).toMatchObject({
        name: 'Pat, "the new one"',
        department: 'Support',
        managerName: 'Pia',
        lastLoginAt: null,
        requiredCoursesDone: 1,
        requiredCourses: 2,
      });
    });

    it('measures the training lift', async () => {
      const { body } = await http().get('/api/training?asOf=2026-03-31').expect(200);
      // Sales: trained Sam, active; untrained Sue and Abe, neither active in 7 days. Sam: 2 logins in the
      // 4 weeks before 02-10, 3 in the 4 weeks after: 0.5 and 0.75 a week.
      expect(body.lift).toEqual([
        {
          department: 'Sales',
          trained: { seatHolders: 1, active7: 1, activeRate: 1 },
          untrained: { seatHolders: 2, active7: 0, activeRate: 0 },
          activeRateLift: 1,
          beforeAfter: { people: 1, weeklyLoginsBefore: 0.5, weeklyLoginsAfter: 0.75 },
        },
        {
          // Pia completed on 03-20, fewer than 28 days before T
          department: 'Support',
          trained: { seatHolders: 1, active7: 1, activeRate: 1 },
          untrained: { seatHolders: 1, active7: 0, activeRate: 0 },
          activeRateLift: 1,
          beforeAfter: { people: 0, weeklyLoginsBefore: null, weeklyLoginsAfter: null },
        },
        {
          department: '*',
          trained: { seatHolders: 2, active7: 2, activeRate: 1 },
          untrained: { seatHolders: 3, active7: 0, activeRate: 0 },
          activeRateLift: 1,
          beforeAfter: { people: 1, weeklyLoginsBefore: 0.5, weeklyLoginsAfter: 0.75 },
        },
      ]);
    });

    it('exports the people to train as a CSV attachment', async () => {
      const response = await http().get('/api/training/people.csv?asOf=2026-03-31').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toBe('attachment; filename="people-to-train-2026-03-31.csv"');
      expect(response.text).toBe(
        [
          // the plan sets no due time: due_date is empty
          '"external_id","name","email","department","manager","last_login","reasons","required_courses_done","required_courses","due_date"',
          '"s3","Abe","","Sales","Sam","2026-03-17T23:59:59.999Z","no_login_14_days; training_incomplete","0","2",""',
          '"s2","Sue","sue@example.com","Sales","Sam","2026-03-18T00:00:00.000Z","training_incomplete","1","2",""',
          '"p2","Pat, ""the new one""","","Support","Pia","","no_login_14_days; training_incomplete","1","2",""',
          '',
        ].join('\r\n'),
      );
    });
  });

  describe('goals editing', () => {
    const edited = {
      launch_date: '2026-01-01',
      currency: 'EUR',
      departments: [
        { name: 'Sales', seats: 4, licence_cost_per_seat_month: 100 },
        { name: 'Support', seats: 2, licence_cost_per_seat_month: 50 },
        { name: 'Marketing', seats: 1, licence_cost_per_seat_month: 10 },
      ],
      required_fields: { opportunity: ['amount'] },
      goals: [
        { department: '*', metric: 'active_users', target: 0.8, by: '2026-03-31', baseline: 0 },
        { department: 'Sales', metric: 'stale_opportunities', target: 0.25, by: '2026-03-31', baseline: 0.5 },
      ],
    };

    it('rejects a bad plan naming the field, and stores nothing', async () => {
      const bad = { ...edited, goals: [{ ...edited.goals[0], target: 2 }] };
      const response = await http().put('/api/plan').send({ plan: bad, changedBy: 'bob' }).expect(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('plan.goals[0].target') });
      // Two mistakes of different kinds in one save: both are reported, each on its field.
      const twoMistakes = {
        ...edited,
        goals: [
          { ...edited.goals[0], target: -1 },
          { ...edited.goals[1], by: '2025-12-01' },
        ],
      };
      const both = await http().put('/api/plan').send({ plan: twoMistakes, changedBy: 'bob' }).expect(400);
      expect(both.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(['plan.goals[0].target', 'plan.goals[1].by']);
      // the same rule as `plan apply --effective-from`: not before the launch date, a calendar day
      const early = await http().put('/api/plan').send({ plan: edited, changedBy: 'bob', effectiveFrom: '2025-12-31' }).expect(400);
      expect(early.body.error.details).toEqual([
        { path: 'effectiveFrom', message: 'effective-from 2025-12-31 is before the launch date 2026-01-01' },
      ]);
      const notADay = await http().put('/api/plan').send({ plan: edited, changedBy: 'bob', effectiveFrom: 'soon' }).expect(400);
      expect(notADay.body.error.details[0].path).toBe('effectiveFrom');
      const unknownField = await http().put('/api/plan').send({ plan: edited, changedBy: 'bob', by: 'eve' }).expect(400);
      expect(unknownField.body.error.message).toContain('by');
      const { body } = await http().get('/api/plan').expect(200);
      expect(body.history).toHaveLength(1);
    });

    it('stores an edit as version 2 with who, when and what changed, and recomputes today', async () => {
      const before = await http().get('/api/departments/Marketing/series?from=2026-03-31&to=2026-03-31').expect(404);
      expect(before.body.error.code).toBe('DEPARTMENT_UNKNOWN');

      const { body: created } = await http()
        .put('/api/plan')
        .send({ plan: edited, changedBy: 'bob', comment: 'tighter stale goal' })
        .expect(200);
      expect(created).toMatchObject({
        version: 2,
        createdBy: 'bob@example.test',
        createdAt: '2026-03-31T12:00:00.000Z',
        source: 'dashboard: tighter stale goal',
        effectiveFrom: '2026-03-31', // default: the day it is stored
        changes: [
          'department Marketing added (seats 1, licence_cost_per_seat_month 10)',
          'goal Sales / stale_opportunities: target 0.3 → 0.25',
        ],
      });
      expect(created.plan.departments).toHaveLength(3);

      const { body } = await http().get('/api/plan').expect(200);
      expect(body.current.version).toBe(2);
      expect(
        body.history.map((v: { version: number; createdBy: string; createdAt: string; changes: string[] }) => [
          v.version,
          v.createdBy,
          v.createdAt,
          v.changes.length,
        ]),
      ).toEqual([
        [2, 'bob@example.test', '2026-03-31T12:00:00.000Z', 2],
        [1, 'alice', '2026-01-02T08:00:00.000Z', 0],
      ]);
      expect(body.history[1].plan.goals[1].target).toBe(0.3); // version 1 is unchanged

      // Today's snapshot now knows Marketing (no seat holders).
      const after = await http().get('/api/departments/Marketing/series?from=2026-03-31&to=2026-03-31').expect(200);
      expect(after.body.points[0].seatHolders).toBe(0);
    });

    it('stores a back-dated version with its effective day; the history keeps who, when and from when', async () => {
      const { body: created } = await http()
        .put('/api/plan')
        .send({ plan: edited, changedBy: 'carol', comment: 'agreed on the 15th', effectiveFrom: '2026-03-15' })
        .expect(200);
      expect(created).toMatchObject({ version: 3, createdAt: '2026-03-31T12:00:00.000Z', effectiveFrom: '2026-03-15' });
      const { body } = await http().get('/api/plan').expect(200);
      // v1 by alice took effect the day it was stored (2026-01-02)
      expect(body.history.map((v: { version: number; effectiveFrom: string }) => [v.version, v.effectiveFrom])).toEqual([
        [3, '2026-03-15'],
        [2, '2026-03-31'],
        [1, '2026-01-02'],
      ]);
    });
  });

  describe('connections', () => {
    let folder: string;

    beforeAll(() => {
      folder = join(dir, 'drop');
      mkdirSync(folder);
      writeFileSync(join(folder, 'users.csv'), 'id,department\nu1,Sales\nu2,Support\n');
    });

    it('adds a connection and schedules it', async () => {
      const { body } = await http()
        .post('/api/connections')
        .send({ name: 'files', kind: 'csv', options: { path: folder }, schedule: '*/15 * * * *' })
        .expect(201);
      expect(body).toEqual({
        id: expect.any(Number),
        name: 'files',
        kind: 'csv',
        schedule: '*/15 * * * *',
        enabled: true,
        priority: 0,
        createdAt: '2026-03-31T12:00:00.000Z',
        removedAt: null,
        lastRun: null,
        nextRunAt: null, // the scheduler is off in this test
        options: { path: folder },
      });
    });

    it('lists connections with their options, never a secret', async () => {
      await app.get(ConnectionRepository).create({
        name: 'sf',
        kind: 'salesforce',
        options: { instance_url: 'https://example.my.salesforce.com', client_secret: 's3cr3t', refresh_token: '' },
        schedule: '0 * * * *',
        enabled: true,
        createdAt: clock.now(),
      });
      const { body } = await http().get('/api/connections').expect(200);
      expect(body.map((c: { name: string }) => c.name)).toEqual(['crm', 'files', 'sf']);
      expect(body[2].options).toEqual({
        instance_url: 'https://example.my.salesforce.com',
        client_secret: 'set',
        refresh_token: 'not set',
      });
      expect(JSON.stringify(body)).not.toContain('s3cr3t');
    });

    it.each([
      ['an unknown kind', { name: 'z', kind: 'zoho', options: {} }, 400, 'VALIDATION_FAILED', 'kind'],
      [
        'a bad cron schedule',
        { name: 'z', kind: 'csv', options: { path: '/tmp' }, schedule: 'every hour' },
        400,
        'CONNECTION_INVALID',
        'every hour',
      ],
      ['missing connector options', { name: 'z', kind: 'csv', options: {} }, 400, 'CONNECTOR_OPTIONS_INVALID', 'path'],
      ['a bad connector option', { name: 'z', kind: 'demo', options: { people: '3' } }, 400, 'CONNECTOR_OPTIONS_INVALID', 'people'],
      ['a bad name', { name: 'no spaces', kind: 'csv', options: { path: '/tmp' } }, 400, 'CONNECTION_INVALID', 'no spaces'],
      ['a taken name', { name: 'crm', kind: 'csv', options: { path: '/tmp' } }, 409, 'CONNECTION_EXISTS', 'crm'],
      ['an unknown field', { name: 'z', kind: 'csv', options: {}, colour: 'red' }, 400, 'VALIDATION_FAILED', 'colour'],
    ])('refuses %s', async (_name, payload, status, code, mentioned) => {
      const { body } = await http().post('/api/connections').send(payload).expect(status);
      expect(body.error).toMatchObject({ code, message: expect.stringContaining(mentioned) });
    });

    it('tests a connection: what it would sync, or why it cannot', async () => {
      const list = await http().get('/api/connections').expect(200);
      const files = list.body.find((c: { name: string }) => c.name === 'files');
      const ok = await http().post(`/api/connections/${files.id}/test`).expect(200);
      expect(ok.body).toEqual({ ok: true, summary: expect.stringContaining('users.csv 2 rows') });

      const { body: missing } = await http()
        .post('/api/connections')
        .send({ name: 'gone', kind: 'csv', options: { path: join(dir, 'missing') } })
        .expect(201);
      const failed = await http().post(`/api/connections/${missing.id}/test`).expect(200);
      expect(failed.body).toEqual({ ok: false, error: expect.stringContaining('missing') });

      const unknown = await http().post('/api/connections/999/test').expect(404);
      expect(unknown.body.error.code).toBe('CONNECTION_NOT_FOUND');
    });

    it('changes the schedule or pauses a connection', async () => {
      const list = await http().get('/api/connections').expect(200);
      const files = list.body.find((c: { name: string }) => c.name === 'files');
      const scheduled = await http().patch(`/api/connections/${files.id}`).send({ schedule: '0 6 * * *' }).expect(200);
      expect(scheduled.body).toMatchObject({ id: files.id, schedule: '0 6 * * *', enabled: true, options: { path: folder } });
      const paused = await http().patch(`/api/connections/${files.id}`).send({ enabled: false }).expect(200);
      expect(paused.body).toMatchObject({ schedule: '0 6 * * *', enabled: false });

      const badCron = await http().patch(`/api/connections/${files.id}`).send({ schedule: '61 * * * *' }).expect(400);
      expect(badCron.body.error.code).toBe('CONNECTION_INVALID');
      const empty = await http().patch(`/api/connections/${files.id}`).send({}).expect(400);
      expect(empty.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('options, schedule or enabled'),
      });
      const wrongType = await http().patch(`/api/connections/${files.id}`).send({ enabled: 'yes' }).expect(400);
      expect(wrongType.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('enabled') });
      const unknown = await http().patch('/api/connections/999').send({ enabled: true }).expect(404);
      expect(unknown.body.error.code).toBe('CONNECTION_NOT_FOUND');
    });
  });
});

describe('Dashboard API with the scheduler on', () => {
  let dir: string;
  let app: NestExpressApplication;
  let admin: SignedInAgent;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'uptake-dashboard-'));
    mkdirSync(join(dir, 'drop'));
    const config = loadConfig({}, { databaseUrl: `sqlite:${join(dir, 'api.sqlite')}`, demo: false, scheduler: true, webDist: null });
    app = await createHttpApp(config, { clock: new FixedClock(at('2026-03-31T12:00:00Z')), logger: false });
    await app.init();
    admin = await loginAs(app, 'admin');
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('schedules a new connection at once and unschedules it when paused', async () => {
    const { body } = await admin
      .post('/api/connections')
      .send({ name: 'files', kind: 'csv', options: { path: join(dir, 'drop') }, schedule: '0 6 * * *' })
      .expect(201);
    // The next 06:00 UTC after now (the cron job runs on the real clock).
    const next = new Date(body.nextRunAt);
    expect(next.getUTCHours()).toBe(6);
    expect(next.getUTCMinutes()).toBe(0);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);

    const paused = await admin.patch(`/api/connections/${body.id}`).send({ enabled: false }).expect(200);
    expect(paused.body).toMatchObject({ enabled: false, nextRunAt: null });
  });
});
