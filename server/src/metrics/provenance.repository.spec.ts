import { invalidate } from '../cache/cache-tags';
import { PlanInForce } from '../plan/plan-in-force.service';
import { CacheService } from '../cache/cache.service';
import { FixedClock } from '../common/clock';
import { PlanRepository } from '../plan/plan.repository';
import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';
import { ProvenanceRepository, provenanceOf, type FirstObservations } from './provenance.repository';
import { SnapshotRepository } from './snapshot.repository';
import { SnapshotService } from './snapshot.service';

describe('provenanceOf', () => {
  // crm (1) holds Sales, first observed 2026-03-03 12:00 UTC; hr (2) holds Support, first observed
  // 2026-03-05 00:00 UTC exactly; new (3) holds Support too and was never observed.
  const observed: FirstObservations = {
    connections: [
      { connectionId: 1, firstObservedAt: at('2026-03-03T12:00:00Z') },
      { connectionId: 2, firstObservedAt: at('2026-03-05T00:00:00Z') },
    ],
    departments: new Map([
      ['Sales', [1]],
      ['Support', [2]],
    ]),
  };

  it.each([
    ['Sales, the day before its first sync', 'Sales', '2026-03-02', 'UTC', 'reconstructed'],
    ['Sales, the day of its first sync (it started before the day ended)', 'Sales', '2026-03-03', 'UTC', 'observed'],
    // end(03-04) is 1 ms before 03-05 00:00, the first observation: still before it
    ['Support, the day whose end is 1 ms before its first observation', 'Support', '2026-03-04', 'UTC', 'reconstructed'],
    ['Support, the day it was first observed at 00:00', 'Support', '2026-03-05', 'UTC', 'observed'],
    ['the organisation reads both: reconstructed until both are observed', null, '2026-03-04', 'UTC', 'reconstructed'],
    ['the organisation, once both are observed', null, '2026-03-05', 'UTC', 'observed'],
    // Support was first observed 03-05 00:00 UTC, which is 03-04 19:00 in New York: 4 March there
    // ends at 03-05 04:59:59.999 UTC, after it (in UTC, 4 March is reconstructed)
    ['Support in New York, 4 March', 'Support', '2026-03-04', 'America/New_York', 'observed'],
    // in Tokyo (UTC+9) 4 March ends at 03-04 14:59:59.999 UTC, before it
    ['Support in Tokyo, 4 March', 'Support', '2026-03-04', 'Asia/Tokyo', 'reconstructed'],
    ['a department of no connection', 'Marketing', '2026-01-01', 'UTC', 'observed'],
  ] as const)('%s', (_name, department, day, timezone, expected) => {
    expect(provenanceOf(observed, department, day, timezone)).toBe(expected);
  });

  it('is reconstructed on every day for a connection never observed', () => {
    const withNew: FirstObservations = {
      connections: [...observed.connections, { connectionId: 3, firstObservedAt: null }],
      departments: new Map([...observed.departments, ['Support', [2, 3]]]),
    };
    expect(provenanceOf(withNew, 'Support', '2026-12-31', 'UTC')).toBe('reconstructed');
    expect(provenanceOf(withNew, 'Sales', '2026-12-31', 'UTC')).toBe('observed');
    expect(provenanceOf(withNew, null, '2026-12-31', 'UTC')).toBe('reconstructed');
  });
});

describe(ProvenanceRepository.name, () => {
  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    let fixture: MetricsFixture;
    let sut: ProvenanceRepository;
    let metrics: MetricsService;
    let snapshots: SnapshotService;
    let crm: number;
    let hr: number;

    beforeEach(async () => {
      database = await openTestDatabase(engine);
      fixture = new MetricsFixture(database.db);
      sut = new ProvenanceRepository(database.db);
      const plans = new PlanRepository(database.db);
      const clock = new FixedClock(Date.parse('2026-03-20T12:00:00Z'));
      const inForce = new PlanInForce(plans, clock);
      const cache = new CacheService(database.db);
      metrics = new MetricsService(new MetricsRepository(database.db), inForce, cache, clock, sut);
      snapshots = new SnapshotService(metrics, new SnapshotRepository(database.db), inForce, cache);
      crm = await fixture.connection('crm');
      hr = await fixture.connection('hr');
      await fixture.connection('empty'); // no users: it holds no data anything reads
      await fixture.users(crm, [{ externalId: 's1' }, { externalId: 's2' }]);
      await fixture.users(hr, [{ externalId: 'p1', department: 'Support' }]);
      await fixture.run(crm, at('2026-03-01T10:00:00Z'), 'failed'); // a failed run observes nothing
      await fixture.run(crm, at('2026-03-03T12:00:00Z'));
      await fixture.run(crm, at('2026-03-10T12:00:00Z'));
      await fixture.run(hr, at('2026-03-05T00:00:00Z'));
    });
    afterEach(() => database.dispose());

    it("takes each connection's first completed run and the connections each department reads", async () => {
      const observed = await sut.firstObservations();
      expect(observed.connections.sort((a, b) => a.connectionId - b.connectionId)).toEqual([
        { connectionId: crm, firstObservedAt: at('2026-03-03T12:00:00Z') },
        { connectionId: hr, firstObservedAt: at('2026-03-05T00:00:00Z') },
      ]);
      expect(Object.fromEntries(observed.departments)).toEqual({ Sales: [crm], Support: [hr] });
    });

    it('gives provenance with every value of a report and every point of a series', async () => {
      const report = await metrics.report('2026-03-04');
      expect(report.provenance).toBe('reconstructed');
      expect(report.organisation.provenance).toBe('reconstructed');
      expect(report.departments.map((entry) => [entry.department, entry.provenance])).toEqual([
        ['Sales', 'observed'],
        ['Support', 'reconstructed'],
      ]);
      expect((await metrics.report('2026-03-05')).provenance).toBe('observed');

      await snapshots.backfill('2026-03-02', '2026-03-05');
      const series = await snapshots.series('Sales', '2026-03-02', '2026-03-05');
      expect(series.points.map((point) => point.provenance)).toEqual(['reconstructed', 'observed', 'observed', 'observed']);
      const organisation = await snapshots.series('*', '2026-03-02', '2026-03-05');
      expect(organisation.points.map((point) => point.provenance)).toEqual(['reconstructed', 'reconstructed', 'reconstructed', 'observed']);
    });

    it('sees a run that completes later (no answer kept from before it)', async () => {
      const late = await fixture.connection('late');
      await fixture.users(late, [{ externalId: 'x1', department: 'Support' }]);
      await fixture.run(late, at('2026-03-08T09:00:00Z'), 'running');
      expect((await metrics.report('2026-03-10')).provenance).toBe('reconstructed');
      await database.db.query("UPDATE sync_runs SET status = 'succeeded' WHERE connection_id = :late", { late });
      // a raw write tells this process's caches itself, as every writer does (cache/cache-tags.ts)
      await invalidate(database.db, 'sync_state');
      expect((await metrics.report('2026-03-10')).provenance).toBe('observed');
      expect((await metrics.report('2026-03-07')).departments.map((entry) => entry.provenance)).toEqual(['observed', 'reconstructed']);
    });
  });
});
