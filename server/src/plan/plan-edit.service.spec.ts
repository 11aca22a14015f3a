import { LaunchPlanSchema } from '@uptake/shared';
import { FixedClock } from '../common/clock';
import type { SnapshotService } from '../metrics/snapshot.service';
import { PlanRepository } from '../plan/plan.repository';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { PlanEditService } from './plan-edit.service';

const V1 = LaunchPlanSchema.parse({
  launch_date: '2026-01-15',
  departments: [{ name: 'Sales EMEA', seats: 40, licence_cost_per_seat_month: 75 }],
  goals: [{ department: 'Sales EMEA', metric: 'stale_opportunities', target: 0.2, by: '2026-06-30' }],
});
const V2 = LaunchPlanSchema.parse({
  launch_date: '2026-01-20',
  departments: [{ name: 'Sales EMEA', seats: 40, licence_cost_per_seat_month: 75 }],
  goals: [{ department: 'Sales EMEA', metric: 'stale_opportunities', target: 0.15, by: '2026-06-30' }],
});

describe.each(testEngines())(`${PlanEditService.name} on %s`, (engine) => {
  let database: TestDatabase;
  let sut: PlanEditService;
  const clock = new FixedClock(Date.parse('2026-02-01T09:30:00Z'));
  const snapshots = { recomputeToday: jest.fn(async () => '2026-02-01'), recomputeStoredSince: jest.fn(async () => 0) };

  beforeEach(async () => {
    database = await openTestDatabase(engine);
    snapshots.recomputeToday.mockClear();
    snapshots.recomputeStoredSince.mockClear();
    sut = new PlanEditService(new PlanRepository(database.db), snapshots as unknown as SnapshotService, clock);
  });
  afterEach(() => database.dispose());

  it('has no history before any plan', async () => {
    expect(await sut.history()).toEqual({ current: null, history: [] });
  });

  it('stores each edit as a new version with who, when, the comment and what changed, and recomputes today', async () => {
    const first = await sut.update({ plan: V1, changedBy: 'alice' });
    expect(first).toMatchObject({
      version: 1,
      createdBy: 'alice',
      source: 'dashboard',
      createdAt: '2026-02-01T09:30:00.000Z',
      effectiveFrom: '2026-02-01',
      changes: [],
    });
    clock.set(Date.parse('2026-02-02T10:00:00Z'));
    const second = await sut.update({ plan: V2, changedBy: 'bob', comment: '  later launch  ' });
    expect(second).toMatchObject({
      version: 2,
      createdBy: 'bob',
      source: 'dashboard: later launch',
      createdAt: '2026-02-02T10:00:00.000Z',
      effectiveFrom: '2026-02-02',
      changes: ['launch_date 2026-01-15 → 2026-01-20', 'goal Sales EMEA / stale_opportunities: target 0.2 → 0.15'],
    });
    expect(snapshots.recomputeToday.mock.calls).toEqual([[Date.parse('2026-02-01T09:30:00Z')], [Date.parse('2026-02-02T10:00:00Z')]]);

    const { current, history } = await sut.history();
    expect(current?.version).toBe(2);
    expect(history.map((version) => [version.version, version.createdBy, version.changes.length, version.plan.launch_date])).toEqual([
      [2, 'bob', 2, '2026-01-20'],
      [1, 'alice', 0, '2026-01-15'],
    ]);
  });

  it('keeps the effective day of an edit and recomputes the stored days from it', async () => {
    clock.set(Date.parse('2026-02-01T09:30:00Z'));
    await sut.update({ plan: V1, changedBy: 'alice' });
    const now = Date.parse('2026-02-10T08:00:00Z');
    clock.set(now);

    const back = await sut.update({ plan: V2, changedBy: 'bob', effectiveFrom: '2026-02-03' });

    expect(back).toMatchObject({ version: 2, createdBy: 'bob', createdAt: '2026-02-10T08:00:00.000Z', effectiveFrom: '2026-02-03' });
    expect(snapshots.recomputeStoredSince.mock.calls[1]).toEqual(['2026-02-03', now]);
    expect((await sut.history()).history.map((version) => version.effectiveFrom)).toEqual(['2026-02-03', '2026-02-01']);
  });
});
