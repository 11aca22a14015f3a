import { CacheService } from '../cache/cache.service';
import { Clock, FixedClock } from '../common/clock';
import { PeopleRepository } from '../people/people.repository';
import { PeopleService } from '../people/people.service';
import { PlanInForce } from '../plan/plan-in-force.service';
import { PlanRepository } from '../plan/plan.repository';
import { MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';
import { SnapshotRepository } from './snapshot.repository';
import { SnapshotService } from './snapshot.service';

/**
 * Each day reads the plan in force on it (DESIGN.md "History"). Sales has one seat holder, s1,
 * who owns two accounts: a1 with industry filled and phone empty, a2 with both filled.
 *
 * - v1, effective 2026-03-01 (the launch): accounts require industry. Completeness: a1 1/1, a2 1/1 = 1.
 *   Goal record_completeness 0.5 -> 1 by 2026-03-11: expected on 03-04 = 0.5 + 0.5 * 3/10 = 0.65.
 * - v2, effective 2026-03-05: accounts require industry and phone. Completeness: a1 1/2, a2 2/2 =
 *   0.75. Goal 0.9 -> 1 by 2026-03-11: expected on 03-05 = 0.9 + 0.1 * 4/10 = 0.94; attainment
 *   0.75 / 0.94 = 75/94; health 7500/94 = 79.787...: amber.
 */
const V1 = {
  launch_date: '2026-03-01',
  departments: [{ name: 'Sales', seats: 1 }],
  required_fields: { account: ['industry'] },
  goals: [{ department: '*', metric: 'record_completeness' as const, target: 1, by: '2026-03-11', baseline: 0.5 }],
};
const V2 = {
  ...V1,
  required_fields: { account: ['industry', 'phone'] },
  goals: [{ department: '*', metric: 'record_completeness' as const, target: 1, by: '2026-03-11', baseline: 0.9 }],
};
/** A correction applied after v2 but effective before it: accounts require phone only (a1 0/1, a2 1/1 = 0.5). */
const V3 = { ...V1, required_fields: { account: ['phone'] } };

describe('metrics by the plan in force on each day', () => {
  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    let fixture: MetricsFixture;
    let metrics: MetricsService;
    let snapshots: SnapshotService;

    beforeEach(async () => {
      database = await openTestDatabase(engine);
      fixture = new MetricsFixture(database.db);
      const plans = new PlanRepository(database.db);
      const clock = new FixedClock(Date.parse('2026-03-20T12:00:00Z'));
      const inForce = new PlanInForce(plans, clock);
      const cache = new CacheService(database.db);
      metrics = new MetricsService(new MetricsRepository(database.db), inForce, cache, clock);
      snapshots = new SnapshotService(metrics, new SnapshotRepository(database.db), inForce, cache);
      const crm = await fixture.connection('crm');
      await fixture.users(crm, [{ externalId: 's1' }]);
      await fixture.records(crm, [
        { objectType: 'account', externalId: 'a1', ownerExternalId: 's1', fields: { industry: 'Retail', phone: '' } },
        { objectType: 'account', externalId: 'a2', ownerExternalId: 's1', fields: { industry: 'Retail', phone: '+33 1 23' } },
      ]);
      await fixture.plan(V1, 0, '2026-03-01');
      await fixture.plan(V2, 0, '2026-03-05');
    });
    afterEach(() => database.dispose());

    const completeness = (values: { departments: Array<{ department: string; metrics: { record_completeness: number | null } }> }) =>
      values.departments.find((entry) => entry.department === 'Sales')?.metrics.record_completeness;

    it('reads the required fields of the version in force, the first version before every effective day', async () => {
      // before launch and before every effective day: v1 stands in
      expect(completeness(await metrics.valuesAsOf('2026-02-20'))).toBe(1);
      expect(completeness(await metrics.valuesAsOf('2026-03-04'))).toBe(1);
      expect(completeness(await metrics.valuesAsOf('2026-03-05'))).toBe(0.75);
      // a range across the boundary, computed together
      expect((await metrics.valuesForDays('2026-03-03', '2026-03-06')).map(completeness)).toEqual([1, 1, 0.75, 0.75]);
    });

    it('gives goals, expected values and health of the version in force', async () => {
      const before = (await metrics.report('2026-03-04')).departments[0];
      expect(before.expected.record_completeness).toBeCloseTo(0.65, 12);
      expect(before).toMatchObject({ health: 100, status: 'green' });

      const after = (await metrics.report('2026-03-05')).departments[0];
      expect(after.metrics.record_completeness).toBe(0.75);
      expect(after.expected.record_completeness).toBeCloseTo(0.94, 12);
      expect(after.health).toBeCloseTo(7500 / 94, 8);
      expect(after.status).toBe('amber');

      expect((await metrics.expectedSeries('Sales', ['2026-03-04', '2026-03-05'])).map((day) => day.record_completeness)).toEqual([
        expect.closeTo(0.65, 12),
        expect.closeTo(0.94, 12),
      ]);
    });

    it('stores snapshots by the plan in force on each day', async () => {
      await snapshots.backfill('2026-03-03', '2026-03-06');
      const series = await snapshots.series('Sales', '2026-03-03', '2026-03-06');
      expect(series.points.map((point) => point.metrics.record_completeness)).toEqual([1, 1, 0.75, 0.75]);
    });

    it('gives the people table the required fields of the plan in force on the day', async () => {
      const plans = new PlanRepository(database.db);
      const people = new PeopleService(new PeopleRepository(database.db), metrics, new PlanInForce(plans, new Clock()));
      const completeness = async (day: string) => (await people.department('Sales', day)).people[0].recordCompleteness;
      expect(await completeness('2026-03-04')).toBe(1); // v1: industry only, filled on both
      expect(await completeness('2026-03-05')).toBe(0.75); // v2: (1/2 + 2/2) / 2
    });

    it('lets a version applied later with an earlier effective day replace the ones before it from that day', async () => {
      await fixture.plan(V3, 0, '2026-03-04');
      expect((await metrics.valuesForDays('2026-03-03', '2026-03-06')).map(completeness)).toEqual([1, 0.5, 0.5, 0.5]);
    });
  });
});
