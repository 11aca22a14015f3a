import { CacheService } from '../cache/cache.service';
import { Clock } from '../common/clock';
import { MetricsRepository } from '../metrics/metrics.repository';
import { MetricsService } from '../metrics/metrics.service';
import { PeopleRepository } from '../people/people.repository';
import { PlanInForce } from '../plan/plan-in-force.service';
import { PlanRepository } from '../plan/plan.repository';
import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { PresenceService } from './presence.service';

/*
 * As of T = 2026-03-10 (UTC), 7 days from 2026-03-04T00:00Z. Sales: Mia (no manager) logs in only;
 * her reports Ann logs in and works, Bob works only (an activity), Cid does neither (his login is
 * through the API, his activity a day too early); Dan (no manager) works only (an opportunity he
 * created). Support: Pat logs in and works.
 */
async function seed(db: TestDatabase['db']): Promise<void> {
  const fx = new MetricsFixture(db);
  await fx.plan({ launch_date: '2026-01-01' });
  const crm = await fx.connection();
  await fx.users(crm, [
    { externalId: 'm1', name: 'Mia' },
    { externalId: 'a', name: 'Ann', managerExternalId: 'm1' },
    { externalId: 'b', name: 'Bob', managerExternalId: 'm1' },
    { externalId: 'c', name: 'Cid', managerExternalId: 'm1' },
    { externalId: 'd', name: 'Dan' },
    { externalId: 'p', name: 'Pat', department: 'Support' },
  ]);
  await fx.logins(crm, [
    { userExternalId: 'm1', loginAt: at('2026-03-04T00:00:00Z') },
    { userExternalId: 'a', loginAt: at('2026-03-10T23:59:59.999Z') },
    { userExternalId: 'c', loginAt: at('2026-03-09T10:00:00Z'), channel: 'api' },
    { userExternalId: 'p', loginAt: at('2026-03-09T10:00:00Z') },
  ]);
  await fx.activities(crm, [
    { ownerExternalId: 'a', occurredAt: at('2026-03-05T10:00:00Z') },
    { ownerExternalId: 'b', occurredAt: at('2026-03-10T23:59:59.999Z'), type: 'email' },
    { ownerExternalId: 'c', occurredAt: at('2026-03-03T23:59:59.999Z') },
    { ownerExternalId: 'p', occurredAt: at('2026-03-09T11:00:00Z') },
  ]);
  await fx.opportunities(crm, [{ externalId: 'o1', ownerExternalId: 'd', createdAt: at('2026-03-04T00:00:00Z') }]);
}

describe.each(testEngines())(`${PresenceService.name} on %s`, (engine) => {
  let database: TestDatabase;
  let sut: PresenceService;
  let metrics: MetricsService;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const plans = new PlanRepository(database.db);
    const inForce = new PlanInForce(plans, new Clock());
    const cache = new CacheService(database.db);
    metrics = new MetricsService(new MetricsRepository(database.db), inForce, cache);
    sut = new PresenceService(database.db, new PeopleRepository(database.db), metrics, inForce, cache);
    await seed(database.db);
  });
  afterAll(() => database.dispose());

  it('gives each department and the organisation their active users against active contributors, and the quadrants', async () => {
    const result = await sut.overview('2026-03-10');
    expect(result).toEqual({
      asOf: '2026-03-10',
      departments: [
        {
          department: 'Sales',
          seatHolders: 5,
          activeUsers: 0.4, // Mia, Ann
          activeContributors: 0.6, // Ann, Bob, Dan
          quadrants: { logs_in_and_works: 1, logs_in_only: 1, works_only: 2, neither: 1 },
        },
        {
          department: 'Support',
          seatHolders: 1,
          activeUsers: 1,
          activeContributors: 1,
          quadrants: { logs_in_and_works: 1, logs_in_only: 0, works_only: 0, neither: 0 },
        },
      ],
      organisation: {
        seatHolders: 6,
        activeUsers: 0.5,
        activeContributors: 4 / 6,
        quadrants: { logs_in_and_works: 2, logs_in_only: 1, works_only: 2, neither: 1 },
      },
    });
    // the same shares as the metrics of the report
    const report = await metrics.report('2026-03-10');
    const sales = report.departments.find((entry) => entry.department === 'Sales');
    expect([sales?.metrics.active_users, sales?.metrics.active_contributors]).toEqual([0.4, 0.6]);
  });

  it('counts the quadrants of one department per manager', async () => {
    const result = await sut.department('Sales', '2026-03-10');
    expect(result.total).toMatchObject({ seatHolders: 5, quadrants: { logs_in_and_works: 1, logs_in_only: 1, works_only: 2, neither: 1 } });
    expect(result.byManager).toEqual([
      {
        managerExternalId: 'm1',
        managerName: 'Mia',
        seatHolders: 3,
        activeUsers: 1 / 3, // Ann
        activeContributors: 2 / 3, // Ann, Bob
        quadrants: { logs_in_and_works: 1, logs_in_only: 0, works_only: 1, neither: 1 },
      },
      {
        managerExternalId: null,
        managerName: 'No manager',
        seatHolders: 2,
        activeUsers: 0.5, // Mia
        activeContributors: 0.5, // Dan
        quadrants: { logs_in_and_works: 0, logs_in_only: 1, works_only: 1, neither: 0 },
      },
    ]);
  });

  it('rejects an unknown department', async () => {
    await expect(sut.department('Nowhere', '2026-03-10')).rejects.toMatchObject({ code: 'DEPARTMENT_UNKNOWN' });
  });
});
