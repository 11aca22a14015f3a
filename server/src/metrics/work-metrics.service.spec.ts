import { Clock } from '../common/clock';
import { PlanInForce } from '../plan/plan-in-force.service';
import { CacheService } from '../cache/cache.service';
import { PlanRepository } from '../plan/plan.repository';
import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';

/**
 * Goals and health on the work metrics. Launch 2026-03-01, T = 2026-03-11: a goal due 2026-03-21
 * is half-way (10 of 20 days). Sales: 4 seat holders, s1 and s2 own activities in the 7 days
 * (2026-03-05..2026-03-11), s1 three of them and s2 one.
 */
describe(`${MetricsService.name}: goals on the work metrics`, () => {
  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    let sut: MetricsService;

    beforeEach(async () => {
      database = await openTestDatabase(engine);
      const fixture = new MetricsFixture(database.db);
      sut = new MetricsService(
        new MetricsRepository(database.db),
        new PlanInForce(new PlanRepository(database.db), new Clock()),
        new CacheService(database.db),
      );
      const crm = await fixture.connection('crm');
      await fixture.users(crm, [{ externalId: 's1' }, { externalId: 's2' }, { externalId: 's3' }, { externalId: 's4' }]);
      await fixture.activities(crm, [
        { ownerExternalId: 's1', occurredAt: at('2026-03-05T09:00:00Z') },
        { ownerExternalId: 's1', occurredAt: at('2026-03-06T09:00:00Z') },
        { ownerExternalId: 's1', occurredAt: at('2026-03-11T09:00:00Z') },
        { ownerExternalId: 's2', occurredAt: at('2026-03-07T09:00:00Z') },
      ]);
      await fixture.plan({
        launch_date: '2026-03-01',
        departments: [{ name: 'Sales', seats: 4 }],
        weights: { active_contributors: 3 },
        goals: [
          { department: 'Sales', metric: 'active_contributors', target: 0.8, by: '2026-03-21', baseline: 0.2 },
          { department: 'Sales', metric: 'activities_per_user', target: 3, by: '2026-03-21', baseline: 1 },
        ],
      });
    });
    afterEach(async () => {
      await database.dispose();
    });

    it('ramps, attains and weighs them like every metric', async () => {
      const report = await sut.report('2026-03-11');
      const sales = report.departments.find((entry) => entry.department === 'Sales')!;
      // 2 of 4 contribute; 4 activities / 4
      expect(sales.metrics).toMatchObject({ active_contributors: 0.5, activities_per_user: 1 });
      // expected: 0.2 + (0.8 - 0.2) * 0.5 = 0.5; 1 + (3 - 1) * 0.5 = 2
      expect(sales.expected.active_contributors).toBeCloseTo(0.5, 9);
      expect(sales.expected.activities_per_user).toBeCloseTo(2, 9);
      // attainment 0.5 / 0.5 = 1 and 1 / 2 = 0.5; health (3 * 1 + 1 * 0.5) / 4 * 100 = 87.5: amber
      expect(sales.attainment?.active_contributors).toBeCloseTo(1, 9);
      expect(sales.attainment?.activities_per_user).toBeCloseTo(0.5, 9);
      expect(sales.health).toBeCloseTo(87.5, 9);
      expect(sales.status).toBe('amber');
    });
  });
});
