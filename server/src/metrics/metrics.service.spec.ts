import { MetricsReportSchema, type MetricsReport } from '@uptake/shared';
import { Clock } from '../common/clock';
import { CacheService } from '../cache/cache.service';
import { PlanInForce } from '../plan/plan-in-force.service';
import { FixedClock } from '../common/clock';
import { PlanRepository } from '../plan/plan.repository';
import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase, type TestEngine } from '../../test/test-database';
import { InvalidDayError, UnknownDepartmentError } from './metrics.errors';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';

/**
 * Launch 2026-03-01, report as of T = 2026-03-11 (UTC):
 *   7-day window 2026-03-05..2026-03-11, 30-day window 2026-02-10..2026-03-11;
 *   at launch the 7-day window is 2026-02-23..2026-03-01.
 *   Ramp progress on T: goals due 2026-03-21: 10/20 = 0.5; due 2026-03-31: 10/30 = 1/3.
 */
const T = '2026-03-11';
const plan = {
  launch_date: '2026-03-01',
  departments: [
    { name: 'Sales', seats: 4 },
    { name: 'Marketing', seats: 2 },
  ],
  weights: { active_users: 2 },
  goals: [
    { department: '*', metric: 'active_users' as const, target: 0.8, by: '2026-03-21' },
    { department: 'Sales', metric: 'logins_per_user' as const, target: 5, by: '2026-03-31', baseline: 1 },
    { department: 'Sales', metric: 'stale_opportunities' as const, target: 0.1, by: '2026-03-21', baseline: 0.5 },
  ],
};

/** Seeds the CRM data of the report; resolves to the connection id. */
async function seed(fixture: MetricsFixture): Promise<number> {
  const crm = await fixture.connection('crm');
  await fixture.users(crm, [
    { externalId: 's1' },
    { externalId: 's2' },
    { externalId: 's3' },
    { externalId: 's4' },
    { externalId: 'p1', department: 'Support' }, // a department the plan does not list
  ]);
  await fixture.logins(crm, [
    { userExternalId: 's1', loginAt: at('2026-02-25T10:00:00Z') }, // active at launch
    { userExternalId: 's1', loginAt: at('2026-03-10T10:00:00Z') },
    { userExternalId: 's2', loginAt: at('2026-03-09T10:00:00Z') },
    { userExternalId: 's2', loginAt: at('2026-03-11T10:00:00Z') },
    { userExternalId: 'p1', loginAt: at('2026-03-11T08:00:00Z') },
  ]);
  await fixture.opportunities(crm, [
    { externalId: 'oA', ownerExternalId: 's1', createdAt: at('2026-03-02T00:00:00Z'), lastActivityAt: at('2026-03-05T00:00:00Z') }, // fresh
    { externalId: 'oB', ownerExternalId: 's1', createdAt: at('2026-01-01T00:00:00Z') }, // untouched for 30 days: stale
  ]);
  await fixture.activities(crm, [
    { ownerExternalId: 's3', occurredAt: at('2026-03-05T00:00:00Z') }, // first instant of the 7 days: s3 works without logging in
    { ownerExternalId: 's3', occurredAt: at('2026-03-11T23:59:59.999Z'), type: 'email' }, // end(T)
    { ownerExternalId: 's1', occurredAt: at('2026-03-04T23:59:59.999Z') }, // just before the 7 days
    { ownerExternalId: 'p1', occurredAt: at('2026-03-12T00:00:00Z') }, // after T
  ]);
  return crm;
}

function expectClose(actual: unknown, expected: unknown, path = 'report'): void {
  if (typeof expected === 'number') {
    expect([path, actual]).toEqual([path, expect.closeTo(expected, 9)]);
  } else if (expected !== null && typeof expected === 'object') {
    expect([path, Object.keys(actual as object).sort()]).toEqual([path, Object.keys(expected).sort()]);
    for (const [key, value] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  } else {
    expect([path, actual]).toEqual([path, expected]);
  }
}

async function openService(engine: TestEngine): Promise<{ database: TestDatabase; fixture: MetricsFixture; sut: MetricsService }> {
  const database = await openTestDatabase(engine);
  const fixture = new MetricsFixture(database.db);
  const sut = new MetricsService(
    new MetricsRepository(database.db),
    new PlanInForce(new PlanRepository(database.db), new Clock()),
    new CacheService(database.db),
  );
  return { database, fixture, sut };
}

describe(MetricsService.name, () => {
  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    let fixture: MetricsFixture;
    let sut: MetricsService;

    beforeEach(async () => {
      ({ database, fixture, sut } = await openService(engine));
    });
    afterEach(async () => {
      await database.dispose();
    });

    it('reports every department and the organisation with expected values, attainment and health', async () => {
      await seed(fixture);
      await fixture.plan(plan);
      const report = await sut.report(T);
      expect(() => MetricsReportSchema.parse(report)).not.toThrow();
      expectClose(report, {
        asOf: T,
        // no connection was ever observed through this service (no provenance repository): observed
        provenance: 'observed',
        departments: [
          {
            // listed in the plan, nobody holds a seat: every value null; the "*" goal starts from 0
            department: 'Marketing',
            seatHolders: 0,
            metrics: {
              active_users: null,
              monthly_active_users: null,
              logins_per_user: null,
              record_completeness: null,
              stale_opportunities: null,
              training_completion: null,
              active_contributors: null,
              activities_per_user: null,
            },
            expected: { active_users: 0.4 }, // 0 + (0.8 - 0) * 0.5
            attainment: {},
            health: null,
            status: null,
            provenance: 'observed',
          },
          {
            department: 'Sales',
            seatHolders: 4,
            metrics: {
              active_users: 0.5, // s1 (03-10), s2 (03-09, 03-11) of 4
              monthly_active_users: 0.5, // the same two
              logins_per_user: 0.75, // 1 + 2 logins / 4
              record_completeness: null, // the plan requires no field
              stale_opportunities: 0.5, // oB of oA, oB
              training_completion: null, // no required course
              active_contributors: 0.25, // s3 (activities); s1's oA was created 03-02, before the 7 days
              activities_per_user: 0.5, // s3's two / 4
            },
            expected: {
              active_users: 0.525, // launch value 1/4 = 0.25 (s1 on 02-25); 0.25 + (0.8 - 0.25) * 0.5
              logins_per_user: 7 / 3, // 1 + (5 - 1) / 3
              stale_opportunities: 0.3, // 0.5 + (0.1 - 0.5) * 0.5
            },
            attainment: {
              active_users: 20 / 21, // 0.5 / 0.525
              logins_per_user: 9 / 28, // 0.75 / (7/3)
              stale_opportunities: 5 / 7, // (1 - 0.5) / (1 - 0.3)
            },
            health: 24700 / 336, // (2 * 20/21 + 9/28 + 5/7) / 4 * 100 = 247/336 * 100 = 73.51...
            status: 'amber',
            provenance: 'observed',
          },
          {
            department: 'Support',
            seatHolders: 1,
            metrics: {
              active_users: 1,
              monthly_active_users: 1,
              logins_per_user: 1,
              record_completeness: null,
              stale_opportunities: null, // no open opportunity
              training_completion: null,
              active_contributors: 0, // p1's activity is after T
              activities_per_user: 0,
            },
            expected: { active_users: 0.4 }, // launch value 0/1 = 0; 0 + 0.8 * 0.5
            attainment: { active_users: 1 }, // 1 / 0.4, capped at 1
            health: 100,
            status: 'green',
            provenance: 'observed',
          },
        ],
        organisation: {
          seatHolders: 5,
          metrics: {
            active_users: 0.6, // s1, s2, p1 of 5
            monthly_active_users: 0.6,
            logins_per_user: 0.8, // 4 logins / 5
            record_completeness: null,
            stale_opportunities: 0.5, // 1 of 2
            training_completion: null,
            active_contributors: 0.2, // s3 of 5
            activities_per_user: 0.4, // 2 / 5
          },
          expected: { active_users: 0.5 }, // launch value 1/5 = 0.2; 0.2 + (0.8 - 0.2) * 0.5
          attainment: { active_users: 1 }, // 0.6 / 0.5, capped
          health: 100,
          status: 'green',
          provenance: 'observed',
        },
      });
    });

    it('filters one department and keeps the organisation whole', async () => {
      await seed(fixture);
      await fixture.plan(plan);
      const report = await sut.report(T, { department: 'Support' });
      expect(report.departments.map((entry) => entry.department)).toEqual(['Support']);
      expect(report.organisation.seatHolders).toBe(5);
    });

    it('names an unknown department and the known ones', async () => {
      await seed(fixture);
      await fixture.plan(plan);
      const failure = sut.report(T, { department: 'Legal' });
      await expect(failure).rejects.toThrow(new UnknownDepartmentError('Legal', ['Marketing', 'Sales', 'Support']));
      await expect(failure).rejects.toMatchObject({
        code: 'DEPARTMENT_UNKNOWN',
        message: 'unknown department "Legal" (known: Marketing, Sales, Support)',
      });
    });

    it('rejects a day that is not YYYY-MM-DD', async () => {
      await expect(sut.report('2026-02-30')).rejects.toThrow(new InvalidDayError('asOf: expected a date as YYYY-MM-DD, got "2026-02-30"'));
    });

    it('reports values without goals when there is no plan', async () => {
      await seed(fixture);
      const report = await sut.report(T);
      expect(report.departments.map((entry) => [entry.department, entry.expected, entry.attainment, entry.health, entry.status])).toEqual([
        ['Sales', {}, {}, null, null],
        ['Support', {}, {}, null, null],
      ]);
      expect(report.organisation.metrics.active_users).toBeCloseTo(0.6, 9);
    });

    it('counts days in the time zone of the plan', async () => {
      const crm = await fixture.connection('crm');
      await fixture.users(crm, [{ externalId: 'n1' }]);
      // 2026-03-11T03:00Z is 2026-03-10 23:00 in New York (EDT, UTC-4)
      await fixture.logins(crm, [{ userExternalId: 'n1', loginAt: at('2026-03-11T03:00:00Z') }]);
      // without a plan the day is read in UTC: the login is on 2026-03-11, after T
      expect((await sut.report('2026-03-10')).organisation.metrics.active_users).toBe(0);
      await fixture.plan({ launch_date: '2026-03-01', timezone: 'America/New_York' });
      expect((await sut.report('2026-03-10')).organisation.metrics.active_users).toBe(1);
    });

    it('refuses a report (GET /api/departments, `metrics --as-of`) of a day after today or more than 3 years before launch', async () => {
      const clock = new FixedClock(at('2026-03-11T12:00:00Z'));
      const clocked = new MetricsService(
        new MetricsRepository(database.db),
        new PlanInForce(new PlanRepository(database.db), clock),
        new CacheService(database.db),
        clock,
      );
      await expect(clocked.report('2026-03-12')).rejects.toThrow(
        'asOf 2026-03-12 is after today (2026-03-11): there is no data yet; pick a day up to today',
      );
      await expect(clocked.report('2999-12-31')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await fixture.plan(plan);
      // 2026-03-01 - 1095 days: 2025-03-01 is -365, 2024-03-01 -730, 2023-03-01 -1096 (2024-02-29 between).
      await expect(clocked.report('2023-03-01')).rejects.toThrow(
        'asOf 2023-03-01 is before 2023-03-02, 3 years before the launch date 2026-03-01',
      );
      await expect(clocked.report('2023-03-02')).resolves.toMatchObject({ asOf: '2023-03-02' });
      await expect(clocked.report('2026-03-11')).resolves.toMatchObject({ asOf: '2026-03-11' });
    });

    it('gives the expected ramp of a scope on several days, from the launch value where a goal has no baseline', async () => {
      await seed(fixture);
      await fixture.plan(plan);
      const series = await sut.expectedSeries('Sales', ['2026-02-20', '2026-03-01', '2026-03-11', '2026-04-30']);
      expectClose(series, [
        { active_users: 0.25, logins_per_user: 1, stale_opportunities: 0.5 }, // before launch: the baselines
        { active_users: 0.25, logins_per_user: 1, stale_opportunities: 0.5 },
        { active_users: 0.525, logins_per_user: 7 / 3, stale_opportunities: 0.3 },
        { active_users: 0.8, logins_per_user: 5, stale_opportunities: 0.1 }, // after the target dates: the targets
      ]);
    });
  });

  const engines = testEngines();
  (engines.length > 1 ? it : it.skip)('gives identical values on every engine (to 1e-9)', async () => {
    const reports: MetricsReport[] = [];
    for (const engine of engines) {
      const { database, fixture, sut } = await openService(engine);
      try {
        const crm = await seed(fixture);
        // completeness in thirds, so that the engines' floating-point sums are compared too
        await fixture.records(crm, [
          { objectType: 'account', externalId: 'a1', ownerExternalId: 's1', fields: { industry: 'x' } },
          { objectType: 'account', externalId: 'a2', ownerExternalId: 's2', fields: { industry: 'x', phone: '1' } },
          { objectType: 'account', externalId: 'a3', ownerExternalId: 'p1', fields: { industry: 'x', phone: '1', website: '-' } },
        ]);
        await fixture.plan({ ...plan, required_fields: { account: ['industry', 'phone', 'website'] } });
        const report = await sut.report(T);
        // Sales (1/3 + 2/3) / 2 = 0.5; organisation (1/3 + 2/3 + 2/3) / 3 = 5/9
        expect(report.departments[1].metrics.record_completeness).toBeCloseTo(0.5, 9);
        expect(report.organisation.metrics.record_completeness).toBeCloseTo(5 / 9, 9);
        reports.push(report);
      } finally {
        await database.dispose();
      }
    }
    for (const other of reports.slice(1)) expectClose(other, reports[0]);
  });
});
