import { MetricsRepository } from '../metrics/metrics.repository';
import { CacheService } from '../cache/cache.service';
import { MetricsService } from '../metrics/metrics.service';
import { Clock } from '../common/clock';
import { PlanInForce } from '../plan/plan-in-force.service';
import { PlanRepository } from '../plan/plan.repository';
import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { PeopleRepository } from './people.repository';
import { PeopleService } from './people.service';

/*
 * As of T = 2026-03-10 (UTC): the 7-day window starts 2026-03-04T00:00Z, the 30-day window
 * 2026-02-09T00:00Z, and end(T) is 2026-03-10T23:59:59.999Z.
 * Sales seat holders: Mia (no manager), Ann and Bob (manager Mia), Cid (manager "zz9", not a user).
 * Not seat holders: an integration account, a user created after T, an inactive user (all Sales),
 * and Otto of Support.
 */
async function seed(db: TestDatabase['db']): Promise<void> {
  const fx = new MetricsFixture(db);
  await fx.plan({
    launch_date: '2026-01-01',
    departments: [{ name: 'Sales', seats: 5, licence_cost_per_seat_month: 10 }],
    required_fields: { account: ['industry'], opportunity: ['amount', 'next_step'] },
  });
  const crm = await fx.connection();
  await fx.users(crm, [
    { externalId: 'm1', name: 'Mia Manager', email: 'mia@example.com' },
    { externalId: 'a', name: 'Ann', email: 'ann@example.com', managerExternalId: 'm1' },
    { externalId: 'b', name: 'Bob', managerExternalId: 'm1' },
    { externalId: 'c', name: 'Cid', managerExternalId: 'zz9' },
    { externalId: 'i', name: 'Integration', managerExternalId: 'm1', integration: true },
    { externalId: 'f', name: 'Future', managerExternalId: 'm1', createdAt: at('2026-03-11T00:00:00Z') },
    { externalId: 'x', name: 'Gone', managerExternalId: 'm1', active: false },
    { externalId: 'o', name: 'Otto', department: 'Support', managerExternalId: 'm1' },
  ]);
  await fx.logins(crm, [
    { userExternalId: 'a', loginAt: at('2026-03-10T23:59:59.999Z') }, // 7 and 30 days; the last one
    { userExternalId: 'a', loginAt: at('2026-03-04T00:00:00Z') }, // first instant of the 7-day window
    { userExternalId: 'a', loginAt: at('2026-03-03T23:59:59.999Z') }, // 30 days only
    { userExternalId: 'a', loginAt: at('2026-03-11T00:00:00Z') }, // after T: ignored, also for the last login
    { userExternalId: 'a', loginAt: at('2026-03-09T10:00:00Z'), channel: 'api' }, // API: not counted
    { userExternalId: 'a', loginAt: at('2026-03-09T11:00:00Z'), success: false }, // failed: not counted
    { userExternalId: 'b', loginAt: at('2026-02-09T00:00:00Z') }, // first instant of the 30-day window
    { userExternalId: 'b', loginAt: at('2026-02-08T23:59:59.999Z') }, // before it
    { userExternalId: 'm1', loginAt: at('2026-03-05T12:00:00Z') },
    { userExternalId: 'o', loginAt: at('2026-03-05T12:00:00Z') },
  ]);
  await fx.records(crm, [
    { objectType: 'account', externalId: 'acc1', ownerExternalId: 'a', fields: { industry: 'Retail' } }, // 1/1
    { objectType: 'account', externalId: 'acc2', ownerExternalId: 'a', fields: { industry: 'n/a' } }, // 0/1
    { objectType: 'account', externalId: 'acc3', ownerExternalId: 'a', fields: { industry: 'Retail' }, deleted: true }, // not tracked
    { objectType: 'account', externalId: 'acc4', ownerExternalId: 'b', fields: { industry: ' ' } }, // 0/1
    {
      objectType: 'account',
      externalId: 'acc5',
      ownerExternalId: 'b',
      fields: { industry: 'Retail' },
      createdAt: at('2026-03-11T00:00:00Z'),
    }, // after T
    { objectType: 'note', externalId: 'n1', ownerExternalId: 'c', fields: { body: 'x' } }, // no required fields: not tracked
  ]);
  await fx.opportunities(crm, [
    // Ann: o1 open and fresh (created in the window), o2 open and stale (last touch before the window), o3 closed before T.
    {
      externalId: 'o1',
      ownerExternalId: 'a',
      amount: 100,
      createdAt: at('2026-03-01T00:00:00Z'),
      fields: { amount: '100', next_step: '' },
    }, // 1/2
    {
      externalId: 'o2',
      ownerExternalId: 'a',
      amount: 50,
      createdAt: at('2026-01-01T00:00:00Z'),
      lastActivityAt: at('2026-02-08T23:59:59.999Z'),
    }, // 0/2
    { externalId: 'o3', ownerExternalId: 'a', isClosed: true, closeDate: '2026-03-05', createdAt: at('2026-03-01T00:00:00Z') }, // 0/2, not open
    // Bob: o4 open but past its close date (stale), o5 closed after T (open at T, fresh), o6 deleted.
    {
      externalId: 'o4',
      ownerExternalId: 'b',
      lastModifiedAt: at('2026-02-09T00:00:00Z'),
      closeDate: '2026-03-09',
      fields: { amount: '5', next_step: 'call' },
    }, // 2/2
    {
      externalId: 'o5',
      ownerExternalId: 'b',
      isClosed: true,
      closeDate: '2026-03-11',
      createdAt: at('2026-03-01T00:00:00Z'),
      fields: { amount: '7', next_step: 'tbd' },
    }, // 1/2
    { externalId: 'o6', ownerExternalId: 'b', deleted: true, createdAt: at('2026-03-01T00:00:00Z') },
  ]);
  await fx.activities(crm, [
    { ownerExternalId: 'a', occurredAt: at('2026-03-04T00:00:00Z') }, // first instant of the 7 days; Ann's last activity
    { ownerExternalId: 'a', occurredAt: at('2026-03-11T00:00:00Z') }, // after T: ignored, also for the last activity
    { ownerExternalId: 'b', occurredAt: at('2026-03-06T10:00:00Z'), type: 'email' },
    { ownerExternalId: 'b', occurredAt: at('2026-03-10T23:59:59.999Z'), type: 'meeting' }, // end(T): Bob's last activity
    { ownerExternalId: 'c', occurredAt: at('2026-03-08T09:00:00Z') }, // Cid works without logging in
    { ownerExternalId: 'c', occurredAt: at('2026-03-09T09:00:00Z'), deleted: true }, // deleted: not counted
    { ownerExternalId: 'c', occurredAt: at('2026-03-03T23:59:59.999Z') }, // before the 7 days, still not his last
  ]);
  await fx.training(crm, [
    { userExternalId: 'a', course: 'CRM basics', required: true, completedAt: at('2026-02-01T00:00:00Z') },
    { userExternalId: 'a', course: 'Pipeline', required: true, completedAt: at('2026-03-10T12:00:00Z') },
    { userExternalId: 'b', course: 'CRM basics', required: true, completedAt: at('2026-03-01T00:00:00Z') },
    { userExternalId: 'b', course: 'Pipeline', required: false, completedAt: at('2026-03-11T00:00:00Z') }, // after T
    { userExternalId: 'c', course: 'Optional tips', completedAt: at('2026-03-01T00:00:00Z') },
    { userExternalId: 'm1', course: 'CRM basics', required: true, completedAt: at('2026-01-10T00:00:00Z') },
    { userExternalId: 'm1', course: 'Pipeline', required: true, completedAt: at('2026-01-10T00:00:00Z') },
  ]);
}

describe.each(testEngines())(`${PeopleService.name} on %s`, (engine) => {
  let database: TestDatabase;
  let sut: PeopleService;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const plans = new PlanRepository(database.db);
    sut = new PeopleService(
      new PeopleRepository(database.db),
      new MetricsService(new MetricsRepository(database.db), new PlanInForce(plans, new Clock()), new CacheService(database.db)),
      new PlanInForce(plans, new Clock()),
    );
    await seed(database.db);
  });
  afterAll(() => database.dispose());

  it('lists each seat holder of the department with their own figures', async () => {
    const result = await sut.department('Sales', '2026-03-10');
    expect(result.seatHolders).toBe(4);
    expect(result.people.map((person) => person.name)).toEqual(['Ann', 'Bob', 'Cid', 'Mia Manager']);
    const [ann, bob, cid, mia] = result.people;
    expect(ann).toEqual({
      connectionId: expect.any(Number),
      externalId: 'a',
      name: 'Ann',
      email: 'ann@example.com',
      managerExternalId: 'm1',
      managerName: 'Mia Manager',
      lastLoginAt: '2026-03-10T23:59:59.999Z',
      logins7: 2, // 03-10 23:59:59.999 and 03-04 00:00
      logins30: 3, // and 03-03
      recordCompleteness: 0.3, // acc1 1 + acc2 0 + o1 0.5 + o2 0 + o3 0 = 1.5 over 5 records
      trackedRecords: 5,
      openOpportunities: 2, // o1, o2
      staleOpportunities: 1, // o2
      requiredCoursesDone: 2,
      requiredCourses: 2, // CRM basics and Pipeline (required in some row)
      trainingComplete: true,
      activities7: 1, // 03-04 00:00 (03-11 is after T)
      lastActivityAt: '2026-03-04T00:00:00.000Z',
      presence: 'logs_in_and_works',
    });
    expect(bob).toMatchObject({
      lastLoginAt: '2026-02-09T00:00:00.000Z',
      logins7: 0,
      logins30: 1,
      recordCompleteness: 0.5, // acc4 0 + o4 1 + o5 0.5 = 1.5 over 3 (acc5 after T, o6 deleted)
      trackedRecords: 3,
      openOpportunities: 2, // o4, o5
      staleOpportunities: 1, // o4: close date 03-09 is before T
      requiredCoursesDone: 1, // Pipeline completed after T
      trainingComplete: false,
      activities7: 2,
      lastActivityAt: '2026-03-10T23:59:59.999Z',
      presence: 'works_only', // no login in the 7 days
    });
    expect(cid).toMatchObject({
      managerExternalId: 'zz9',
      managerName: 'zz9',
      lastLoginAt: null,
      logins7: 0,
      logins30: 0,
      recordCompleteness: null,
      trackedRecords: 0,
      openOpportunities: 0,
      staleOpportunities: 0,
      requiredCoursesDone: 0,
      trainingComplete: false,
      activities7: 1, // 03-08; the one of 03-09 is deleted
      lastActivityAt: '2026-03-08T09:00:00.000Z',
      presence: 'works_only',
    });
    expect(mia).toMatchObject({
      managerExternalId: null,
      managerName: null,
      logins7: 1,
      logins30: 1,
      trainingComplete: true,
      activities7: 0,
      lastActivityAt: null,
      presence: 'logs_in_only',
    });
  });

  it('gives the metrics per manager over their direct reports', async () => {
    const { byManager } = await sut.department('Sales', '2026-03-10');
    expect(byManager).toEqual([
      {
        managerExternalId: 'm1',
        managerName: 'Mia Manager',
        seatHolders: 2,
        people: ['a', 'b'],
        metrics: {
          active_users: 0.5, // Ann of Ann, Bob
          monthly_active_users: 1, // both
          logins_per_user: 1, // (2 + 0) / 2
          record_completeness: 0.375, // (1.5 + 1.5) / (5 + 3)
          stale_opportunities: 0.5, // (1 + 1) / (2 + 2)
          training_completion: 0.5, // Ann
          active_contributors: 1, // Ann and Bob
          activities_per_user: 1.5, // (1 + 2) / 2
        },
      },
      {
        managerExternalId: 'zz9',
        managerName: 'zz9',
        seatHolders: 1,
        people: ['c'],
        metrics: {
          active_users: 0,
          monthly_active_users: 0,
          logins_per_user: 0,
          record_completeness: null,
          stale_opportunities: null,
          training_completion: 0,
          active_contributors: 1,
          activities_per_user: 1,
        },
      },
      {
        managerExternalId: null,
        managerName: 'No manager',
        seatHolders: 1,
        people: ['m1'],
        metrics: {
          active_users: 1,
          monthly_active_users: 1,
          logins_per_user: 1,
          record_completeness: null,
          stale_opportunities: null,
          training_completion: 1,
          active_contributors: 0,
          activities_per_user: 0,
        },
      },
    ]);
  });

  it('agrees with the department metrics of the report', async () => {
    const people = await sut.department('Sales', '2026-03-10');
    const report = await new MetricsService(
      new MetricsRepository(database.db),
      new PlanInForce(new PlanRepository(database.db), new Clock()),
      new CacheService(database.db),
    ).report('2026-03-10');
    const sales = report.departments.find((entry) => entry.department === 'Sales');
    // Over all four: active 2/4, MAU 3/4, logins (2+0+0+1)/4, completeness 3/8, stale 2/4, trained 2/4,
    // contributors 3/4 (Ann, Bob, Cid), activities (1+2+1+0)/4.
    expect(sales?.metrics).toEqual({
      active_users: 0.5,
      monthly_active_users: 0.75,
      logins_per_user: 0.75,
      record_completeness: 0.375,
      stale_opportunities: 0.5,
      training_completion: 0.5,
      active_contributors: 0.75,
      activities_per_user: 1,
    });
    expect(people.seatHolders).toBe(sales?.seatHolders);
  });

  it('lists another department by name, and rejects an unknown one', async () => {
    await expect(sut.department('Support', '2026-03-10')).resolves.toMatchObject({ seatHolders: 1, people: [{ externalId: 'o' }] });
    await expect(sut.department('Nowhere', '2026-03-10')).rejects.toMatchObject({
      code: 'DEPARTMENT_UNKNOWN',
      message: expect.stringContaining('"Nowhere"'),
    });
  });

  it('takes the day as of which people are counted', async () => {
    // On 2026-03-03 Ann has logged in on 03-03 only (23:59:59.999) in the 7 days; Pipeline was not done yet.
    const { people } = await sut.department('Sales', '2026-03-03');
    expect(people[0]).toMatchObject({
      externalId: 'a',
      lastLoginAt: '2026-03-03T23:59:59.999Z',
      logins7: 1,
      requiredCoursesDone: 1,
      trainingComplete: false,
    });
  });
});
