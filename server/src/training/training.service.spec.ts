import { MetricsRepository } from '../metrics/metrics.repository';
import { CacheService } from '../cache/cache.service';
import { MetricsService } from '../metrics/metrics.service';
import { PeopleRepository } from '../people/people.repository';
import { Clock } from '../common/clock';
import { PlanInForce } from '../plan/plan-in-force.service';
import { PlanRepository } from '../plan/plan.repository';
import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { TrainingRepository } from './training.repository';
import { TrainingService } from './training.service';

/*
 * As of T = 2026-03-31 (UTC): 7 days from 2026-03-25, 14 days from 2026-03-18, end(T) 2026-03-31T23:59:59.999Z.
 * Required courses: Basics and Advanced. Sales: Sam (s1), Sue (s2), Abe (s3, manager Sam); Support: Pia (p1), Pat (p2).
 * Completion day of a seat holder = the day of their last required completion; before/after windows
 * are counted only when that day is on or before T - 28 = 2026-03-03.
 * Training is due 60 days after a person's start: nobody has a created_at, so the launch date
 * 2026-01-01 + 60 days = 2026-03-02; on T whoever has not completed every required course is overdue.
 */
async function seedTraining(db: TestDatabase['db']): Promise<void> {
  const fx = new MetricsFixture(db);
  await fx.plan({
    launch_date: '2026-01-01',
    departments: [
      { name: 'Sales', seats: 3, licence_cost_per_seat_month: 10 },
      { name: 'Support', seats: 2, licence_cost_per_seat_month: 10 },
    ],
    goals: [
      { department: '*', metric: 'active_users', target: 0.8, by: '2026-03-31', baseline: 0 },
      { department: 'Sales', metric: 'logins_per_user', target: 5, by: '2026-03-31', baseline: 0 },
    ],
    training: { required_courses: {}, due_within_days: 60 },
  });
  const crm = await fx.connection();
  await fx.users(crm, [
    { externalId: 's1', name: 'Sam', department: 'Sales' },
    { externalId: 's2', name: 'Sue "Q" Smith', email: 'sue@example.com', department: 'Sales' },
    { externalId: 's3', name: 'Abe', department: 'Sales', managerExternalId: 's1' },
    { externalId: 'p1', name: 'Pia', department: 'Support' },
    { externalId: 'p2', name: 'Pat', department: 'Support' },
  ]);
  await fx.logins(crm, [
    // s1: completion day 2026-02-10; before [01-13, 02-10): 2 logins; after [02-10, 03-10): 5 logins
    { userExternalId: 's1', loginAt: at('2026-01-12T23:59:59.999Z') }, // before the before-window
    { userExternalId: 's1', loginAt: at('2026-01-20T09:00:00Z') },
    { userExternalId: 's1', loginAt: at('2026-02-01T09:00:00Z') },
    { userExternalId: 's1', loginAt: at('2026-02-10T00:00:00Z') }, // completion day: after
    { userExternalId: 's1', loginAt: at('2026-02-15T09:00:00Z') },
    { userExternalId: 's1', loginAt: at('2026-02-20T09:00:00Z') },
    { userExternalId: 's1', loginAt: at('2026-03-01T09:00:00Z') },
    { userExternalId: 's1', loginAt: at('2026-03-09T23:59:59.999Z') },
    { userExternalId: 's1', loginAt: at('2026-03-10T00:00:00Z') }, // after the after-window
    { userExternalId: 's1', loginAt: at('2026-03-30T09:00:00Z') },
    { userExternalId: 's1', loginAt: at('2026-03-30T15:00:00Z') },
    // s2: first instant of the 14-day window
    { userExternalId: 's2', loginAt: at('2026-03-18T00:00:00Z') },
    // s3: completion day 2026-01-20; before [2025-12-23, 01-20): 1; after [01-20, 02-17): 1
    { userExternalId: 's3', loginAt: at('2026-01-10T09:00:00Z'), channel: 'api' }, // not counted
    { userExternalId: 's3', loginAt: at('2026-01-19T09:00:00Z') },
    { userExternalId: 's3', loginAt: at('2026-02-01T09:00:00Z') },
    { userExternalId: 's3', loginAt: at('2026-03-17T23:59:59.999Z') }, // just before the 14-day window
    { userExternalId: 'p1', loginAt: at('2026-03-28T09:00:00Z') },
    { userExternalId: 'p2', loginAt: at('2026-03-29T09:00:00Z') },
  ]);
  await fx.training(crm, [
    { userExternalId: 's1', course: 'Basics', required: true, completedAt: at('2026-02-01T10:00:00Z') },
    { userExternalId: 's1', course: 'Advanced', required: true, completedAt: at('2026-02-10T15:00:00Z') },
    { userExternalId: 's2', course: 'Basics', required: true, completedAt: at('2026-02-01T10:00:00Z') },
    { userExternalId: 's2', course: 'Advanced', required: true },
    { userExternalId: 's3', course: 'Basics', required: true, completedAt: at('2026-01-05T10:00:00Z') },
    { userExternalId: 's3', course: 'Advanced', required: true, completedAt: at('2026-01-20T10:00:00Z') },
    { userExternalId: 'p1', course: 'Basics', required: true, completedAt: at('2026-03-01T10:00:00Z') },
    { userExternalId: 'p1', course: 'Advanced', required: true, completedAt: at('2026-03-20T10:00:00Z') }, // too recent for before/after
  ]);
}

describe.each(testEngines())(`${TrainingService.name} on %s`, (engine) => {
  let database: TestDatabase;
  let sut: TrainingService;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const plans = new PlanRepository(database.db);
    sut = new TrainingService(
      new PeopleRepository(database.db),
      new TrainingRepository(database.db),
      new MetricsService(new MetricsRepository(database.db), new PlanInForce(plans, new Clock()), new CacheService(database.db)),
      new PlanInForce(plans, new Clock()),
    );
    await seedTraining(database.db);
  });
  afterAll(() => database.dispose());

  it('ranks teams by health with their largest shortfall', async () => {
    const { teams } = await sut.trainingAsOf('2026-03-31');
    expect(teams.map((team) => team.department)).toEqual(['Sales', 'Support']);
    const [sales, support] = teams;
    // Sales: active 1/3 (Sam) against 0.8: attainment (1/3)/0.8 = 5/12; logins 2/3 per user against 5: attainment 2/15.
    // Health (5/12 + 2/15) / 2 × 100 = 27.5; the largest shortfall is logins_per_user (lowest attainment), gap 5 − 2/3.
    expect(sales.health).toBeCloseTo(27.5, 10);
    expect(sales.status).toBe('red');
    expect(sales.largestShortfall?.metric).toBe('logins_per_user');
    expect(sales.largestShortfall?.gap).toBeCloseTo(5 - 2 / 3, 10);
    expect(sales.gaps.map((gap) => gap.metric)).toEqual(['logins_per_user', 'active_users']);
    expect(sales.gaps[1].gap).toBeCloseTo(0.8 - 1 / 3, 10);
    // Support: both active (2/2 = 1) against 0.8: ahead, gap 0.8 − 1 = −0.2, health 100.
    expect(support).toMatchObject({ health: 100, status: 'green', largestShortfall: { metric: 'active_users', actual: 1, attainment: 1 } });
    expect(support.largestShortfall?.gap).toBeCloseTo(-0.2, 10);
  });

  it('lists the people to train with their reasons', async () => {
    const { peopleToTrain, requiredCourses } = await sut.trainingAsOf('2026-03-31');
    expect(requiredCourses).toBe(2);
    expect(peopleToTrain).toEqual([
      {
        connectionId: expect.any(Number),
        externalId: 's3',
        name: 'Abe',
        email: null,
        department: 'Sales',
        managerName: 'Sam',
        lastLoginAt: '2026-03-17T23:59:59.999Z',
        reasons: ['no_login_14_days'],
        requiredCoursesDone: 2,
        requiredCourses: 2,
        dueDate: '2026-03-02',
      },
      {
        connectionId: expect.any(Number),
        externalId: 's2',
        name: 'Sue "Q" Smith',
        email: 'sue@example.com',
        department: 'Sales',
        managerName: null,
        lastLoginAt: '2026-03-18T00:00:00.000Z',
        reasons: ['training_incomplete', 'training_overdue'],
        requiredCoursesDone: 1,
        requiredCourses: 2,
        dueDate: '2026-03-02',
      },
      {
        connectionId: expect.any(Number),
        externalId: 'p2',
        name: 'Pat',
        email: null,
        department: 'Support',
        managerName: null,
        lastLoginAt: '2026-03-29T09:00:00.000Z',
        reasons: ['training_incomplete', 'training_overdue'],
        requiredCoursesDone: 0,
        requiredCourses: 2,
        dueDate: '2026-03-02',
      },
    ]);
  });

  it('measures the training lift per department and for the organisation', async () => {
    const { lift } = await sut.trainingAsOf('2026-03-31');
    expect(lift.map((entry) => entry.department)).toEqual(['Sales', 'Support', '*']);
    const [sales, support, organisation] = lift;
    // Sales: trained Sam (active) and Abe (not) = 1/2; untrained Sue (03-18, not in 7 days) = 0/1.
    // Before/after: Sam 2 and 5, Abe 1 and 1: (2 + 1) / 2 people / 4 weeks = 0.375; (5 + 1) / 2 / 4 = 0.75.
    expect(sales).toEqual({
      department: 'Sales',
      trained: { seatHolders: 2, active7: 1, activeRate: 0.5 },
      untrained: { seatHolders: 1, active7: 0, activeRate: 0 },
      activeRateLift: 0.5,
      beforeAfter: { people: 2, weeklyLoginsBefore: 0.375, weeklyLoginsAfter: 0.75 },
    });
    // Support: Pia trained and active, Pat untrained and active; Pia completed on 03-20, too recent.
    expect(support).toEqual({
      department: 'Support',
      trained: { seatHolders: 1, active7: 1, activeRate: 1 },
      untrained: { seatHolders: 1, active7: 1, activeRate: 1 },
      activeRateLift: 0,
      beforeAfter: { people: 0, weeklyLoginsBefore: null, weeklyLoginsAfter: null },
    });
    // Organisation: trained Sam, Abe, Pia: 2/3 active; untrained Sue, Pat: 1/2; lift 2/3 − 1/2.
    expect(organisation.trained).toEqual({ seatHolders: 3, active7: 2, activeRate: 2 / 3 });
    expect(organisation.untrained).toEqual({ seatHolders: 2, active7: 1, activeRate: 0.5 });
    expect(organisation.activeRateLift).toBeCloseTo(1 / 6, 10);
    expect(organisation.beforeAfter).toEqual({ people: 2, weeklyLoginsBefore: 0.375, weeklyLoginsAfter: 0.75 });
  });

  it('counts before/after only for completions at least 28 days before the day', async () => {
    // As of 2026-03-09, T − 28 = 2026-02-09: Sam's completion day 02-10 is too recent; Abe's 01-20 counts.
    const { lift } = await sut.trainingAsOf('2026-03-09');
    expect(lift[0]).toMatchObject({ department: 'Sales', beforeAfter: { people: 1, weeklyLoginsBefore: 0.25, weeklyLoginsAfter: 0.25 } });
  });

  it('exports the people to train as CSV', async () => {
    const csv = await sut.peopleToTrainCsv('2026-03-31');
    expect(csv).toBe(
      [
        '"external_id","name","email","department","manager","last_login","reasons","required_courses_done","required_courses","due_date"',
        '"s3","Abe","","Sales","Sam","2026-03-17T23:59:59.999Z","no_login_14_days","2","2","2026-03-02"',
        '"s2","Sue ""Q"" Smith","sue@example.com","Sales","","2026-03-18T00:00:00.000Z","training_incomplete; training_overdue","1","2","2026-03-02"',
        '"p2","Pat","","Support","","2026-03-29T09:00:00.000Z","training_incomplete; training_overdue","0","2","2026-03-02"',
        '',
      ].join('\r\n'),
    );
  });
});
