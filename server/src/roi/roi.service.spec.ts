import { DataCoverageRepository } from '../metrics/data-coverage.repository';
import { CacheService } from '../cache/cache.service';
import { MetricsRepository } from '../metrics/metrics.repository';
import { MetricsService } from '../metrics/metrics.service';
import { SnapshotRepository } from '../metrics/snapshot.repository';
import { SnapshotService } from '../metrics/snapshot.service';
import { Clock } from '../common/clock';
import { PlanInForce } from '../plan/plan-in-force.service';
import { PlanRepository } from '../plan/plan.repository';
import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { RoiRepository } from './roi.repository';
import { RoiService } from './roi.service';

/*
 * As of T = 2026-03-10 (UTC): 30-day window from 2026-02-09, 7-day window from 2026-03-04.
 * Plan (USD): Sales 4 seats × 75, Support 2 × 50, Marketing 3 × 20 (nobody holds a seat there);
 * Ops has seat holders but no line in the plan.
 */
async function seed(db: TestDatabase['db']): Promise<void> {
  const fx = new MetricsFixture(db);
  await fx.plan({
    launch_date: '2026-01-15',
    currency: 'USD',
    departments: [
      { name: 'Sales', seats: 4, licence_cost_per_seat_month: 75 },
      { name: 'Support', seats: 2, licence_cost_per_seat_month: 50 },
      { name: 'Marketing', seats: 3, licence_cost_per_seat_month: 20 },
    ],
    goals: [{ department: '*', metric: 'active_users', target: 0.8, by: '2026-03-15', baseline: 0 }],
  });
  const crm = await fx.connection();
  await fx.users(crm, [
    { externalId: 's1', department: 'Sales' },
    { externalId: 's2', department: 'Sales' },
    { externalId: 's3', department: 'Sales' },
    { externalId: 's4', department: 'Sales', licensed: false }, // no seat
    { externalId: 'p1', department: 'Support' },
    { externalId: 'p2', department: 'Support' },
    { externalId: 'p3', department: 'Support' },
    { externalId: 'o1', department: 'Ops' },
    { externalId: 'o2', department: 'Ops' },
  ]);
  await fx.logins(crm, [
    { userExternalId: 's1', loginAt: at('2026-03-01T09:00:00Z') }, // 30 days, not 7
    { userExternalId: 's2', loginAt: at('2026-02-08T09:00:00Z') }, // before the 30 days
    { userExternalId: 's3', loginAt: at('2026-03-09T09:00:00Z'), channel: 'api' }, // not counted
    { userExternalId: 'p1', loginAt: at('2026-03-05T09:00:00Z') },
    { userExternalId: 'p2', loginAt: at('2026-03-08T09:00:00Z') },
    { userExternalId: 'p3', loginAt: at('2026-02-20T09:00:00Z') },
    { userExternalId: 'o1', loginAt: at('2026-03-09T09:00:00Z') },
  ]);
  await fx.opportunities(crm, [
    { externalId: 'A', ownerExternalId: 's1', amount: 1000, createdAt: at('2026-03-01T00:00:00Z') }, // fresh
    { externalId: 'B', ownerExternalId: 's1', amount: 500, createdAt: at('2026-01-01T00:00:00Z') }, // stale: no touch in 30 days
    { externalId: 'C', ownerExternalId: 's2', amount: null, createdAt: at('2026-03-01T00:00:00Z'), closeDate: '2026-03-09' }, // stale: past close date
    { externalId: 'D', ownerExternalId: 's2', amount: 700, isClosed: true, isWon: true, closeDate: '2026-03-02' }, // closed: not open
    { externalId: 'E', ownerExternalId: 's2', amount: 900, deleted: true }, // deleted
    { externalId: 'F', ownerExternalId: 'p1', amount: 200, lastActivityAt: at('2026-03-05T00:00:00Z') }, // fresh
    { externalId: 'G', ownerExternalId: 'o2', amount: 300 }, // stale: never touched
    { externalId: 'H', ownerExternalId: 's4', amount: 5000, createdAt: at('2026-03-01T00:00:00Z') }, // not a seat holder's
  ]);
}

describe.each(testEngines())(`${RoiService.name} on %s`, (engine) => {
  let database: TestDatabase;
  let sut: RoiService;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const plans = new PlanRepository(database.db);
    const metricsRepository = new MetricsRepository(database.db);
    const inForce = new PlanInForce(plans, new Clock());
    const cache = new CacheService(database.db);
    const snapshots = new SnapshotService(
      new MetricsService(metricsRepository, inForce, cache),
      new SnapshotRepository(database.db),
      inForce,
      cache,
    );
    sut = new RoiService(
      metricsRepository,
      new RoiRepository(database.db),
      snapshots,
      new PlanInForce(plans, new Clock()),
      new DataCoverageRepository(database.db),
    );
    await seed(database.db);
    await snapshots.computeDay('2026-03-09');
    await snapshots.computeDay('2026-03-10');
  });
  afterAll(() => database.dispose());

  const values = (scope: Record<string, unknown>) =>
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
      ].map((key) => [key, (scope[key] as { value: number | null }).value]),
    );

  it('computes spend, shelfware and cost per monthly active user per department', async () => {
    const result = await sut.roiAsOf('2026-03-10');
    expect(result.currency).toBe('USD');
    expect(result.departments.map((department) => [department.department, department.inPlan])).toEqual([
      ['Marketing', true],
      ['Ops', false],
      ['Sales', true],
      ['Support', true],
    ]);
    const [marketing, ops, sales, support] = result.departments.map(values);
    // Sales: 4 × 75 = 300; MAU s1 only (s2 too early, s3 API) = 1; shelfware 4 − 1 = 3, 3 × 75 = 225; 300 / 1
    expect(sales).toEqual({
      seats: 4,
      licenceCostPerSeatMonth: 75,
      monthlySpend: 300,
      seatHolders: 3,
      monthlyActiveUsers: 1,
      shelfwareSeats: 3,
      shelfwareCostPerMonth: 225,
      costPerMonthlyActiveUser: 300,
    });
    // Support: 2 × 50 = 100; MAU 3 > 2 seats: shelfware 0; 100 / 3
    expect(support).toEqual({
      seats: 2,
      licenceCostPerSeatMonth: 50,
      monthlySpend: 100,
      seatHolders: 3,
      monthlyActiveUsers: 3,
      shelfwareSeats: 0,
      shelfwareCostPerMonth: 0,
      costPerMonthlyActiveUser: 100 / 3,
    });
    // Marketing: 3 × 20 = 60, nobody: 3 idle seats cost 60; no active user
    expect(marketing).toEqual({
      seats: 3,
      licenceCostPerSeatMonth: 20,
      monthlySpend: 60,
      seatHolders: 0,
      monthlyActiveUsers: 0,
      shelfwareSeats: 3,
      shelfwareCostPerMonth: 60,
      costPerMonthlyActiveUser: null,
    });
    // Ops: not in the plan: 2 seat holders − 1 active = 1 idle, cost unknown
    expect(ops).toEqual({
      seats: null,
      licenceCostPerSeatMonth: null,
      monthlySpend: null,
      seatHolders: 2,
      monthlyActiveUsers: 1,
      shelfwareSeats: 1,
      shelfwareCostPerMonth: null,
      costPerMonthlyActiveUser: null,
    });
  });

  it('adds up the organisation', async () => {
    const result = await sut.roiAsOf('2026-03-10');
    // seats 4 + 2 + 3 = 9; spend 300 + 100 + 60 = 460 (460 / 9 per seat); 8 seat holders, 5 MAU;
    // shelfware 3 + 0 + 3 + 1 = 7, costing 225 + 0 + 60 = 285; 460 / 5 = 92 per MAU
    expect(values(result.organisation)).toEqual({
      seats: 9,
      licenceCostPerSeatMonth: 460 / 9,
      monthlySpend: 460,
      seatHolders: 8,
      monthlyActiveUsers: 5,
      shelfwareSeats: 7,
      shelfwareCostPerMonth: 285,
      costPerMonthlyActiveUser: 92,
    });
    expect(result.organisation.monthlySpend.how).toContain('460 USD');
  });

  it('splits the open pipeline into fresh and stale', async () => {
    const result = await sut.roiAsOf('2026-03-10');
    const pipeline = Object.fromEntries(result.departments.map((department) => [department.department, department.pipeline]));
    // Sales: A 1000 fresh, B 500 stale, C (no amount) stale; D closed, E deleted, H not a seat holder's
    expect(pipeline.Sales).toMatchObject({
      openCount: 3,
      openAmount: 1500,
      freshCount: 1,
      freshAmount: 1000,
      staleCount: 2,
      staleAmount: 500,
    });
    expect(pipeline.Support).toMatchObject({
      openCount: 1,
      openAmount: 200,
      freshCount: 1,
      freshAmount: 200,
      staleCount: 0,
      staleAmount: 0,
    });
    expect(pipeline.Ops).toMatchObject({ openCount: 1, openAmount: 300, freshCount: 0, freshAmount: 0, staleCount: 1, staleAmount: 300 });
    expect(pipeline.Marketing).toMatchObject({ openCount: 0, openAmount: 0, staleCount: 0 });
    // 1500 + 200 + 300 = 2000 open, 500 + 300 = 800 stale
    expect(result.organisation.pipeline).toMatchObject({
      openCount: 5,
      openAmount: 2000,
      freshCount: 2,
      freshAmount: 1200,
      staleCount: 3,
      staleAmount: 800,
    });
  });

  it('says what the data covers: counted logins from s2 on 2026-02-08 to o1 on 2026-03-09 (the API login of s3 not counted)', async () => {
    const { dataCoverage } = await sut.roiAsOf('2026-03-10');
    // The newest activity: the logins of 2026-03-09 (opportunities were created by 2026-03-01, F worked on 2026-03-05).
    expect(dataCoverage).toEqual({ loginsFrom: '2026-02-08', loginsTo: '2026-03-09', dataEndsOn: '2026-03-09' });
  });

  it('lists the licence spend of every month since the launch month', async () => {
    const result = await sut.roiAsOf('2026-03-10');
    expect(result.spendByMonth.months).toEqual([
      { month: '2026-01', spend: 460 },
      { month: '2026-02', spend: 460 },
      { month: '2026-03', spend: 460 },
    ]);
  });

  it('draws adoption since launch from the snapshots against the ramp', async () => {
    const { adoption } = await sut.roiAsOf('2026-03-10');
    // 2026-01-15 .. 2026-03-10: 17 + 28 + 10 = 55 days
    expect(adoption.points).toHaveLength(55);
    expect(adoption.points[0]).toEqual({ day: '2026-01-15', actual: null, expected: 0, provenance: 'observed' }); // no provenance repository here
    // On 03-10, 7 days from 03-04: p1, p2, o1 of 8 seat holders. Ramp 0.8 × 54 / 59 days (01-15 → 03-10 → 03-15).
    const last = adoption.points[54];
    expect(last.day).toBe('2026-03-10');
    expect(last.actual).toBeCloseTo(3 / 8, 10);
    expect(last.expected).toBeCloseTo((0.8 * 54) / 59, 10);
    // On 03-09, 7 days from 03-03: the same three.
    expect(adoption.points[53]).toMatchObject({ day: '2026-03-09', actual: 3 / 8 });
  });

  it('has no months before launch', async () => {
    const result = await sut.roiAsOf('2026-01-10');
    expect(result.spendByMonth.months).toEqual([]);
    expect(result.adoption.points).toEqual([]);
  });
});
