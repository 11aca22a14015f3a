import { CacheService } from '../cache/cache.service';
import { METRIC_KEYS } from '@uptake/shared';
import { FixedClock } from '../common/clock';
import { eachDay } from '../common/time.util';
import { MetricsRepository } from '../metrics/metrics.repository';
import { MetricsService } from '../metrics/metrics.service';
import { SnapshotRepository, type SnapshotRow } from '../metrics/snapshot.repository';
import { PlanInForce } from '../plan/plan-in-force.service';
import { PlanRepository } from '../plan/plan.repository';
import { PlanService } from '../plan/plan.service';
import { at } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { InterventionRepository } from './intervention.repository';
import { InterventionService, type InterventionActor } from './intervention.service';

/*
 * Today is 2026-03-31 (UTC). Stored snapshots of active_users (every other metric null):
 *   Sales (10 seat holders) 0.40 on 02-01..02-28, 0.60 on 03-01..03-28;
 *   Support (6) 0.50 -> 0.55; Ops (4) 0.20 -> 0.30.
 * A training session for Sales on 03-01: Sales +0.20; the others weighted by seat holders
 * (0.50 * 6 + 0.20 * 4) / 10 = 0.38 -> (0.55 * 6 + 0.30 * 4) / 10 = 0.45, +0.07; effect 0.13.
 */
const PLAN = `
launch_date: 2026-01-01
departments:
  - { name: Sales, seats: 10 }
  - { name: Support, seats: 6 }
  - { name: Ops, seats: 4 }
privacy: { min_group_size: 5 }
`;

const ADMIN: InterventionActor = { name: 'ann@example.com', departments: 'all', seesLoggers: true };
const SALES_TRAINER: InterventionActor = { name: 'tom@example.com', departments: ['Sales'], seesLoggers: false };

function snapshotDays(): Array<{ day: string; rows: SnapshotRow[] }> {
  const departments = [
    { department: 'Sales', seatHolders: 10, before: 0.4, after: 0.6 },
    { department: 'Support', seatHolders: 6, before: 0.5, after: 0.55 },
    { department: 'Ops', seatHolders: 4, before: 0.2, after: 0.3 },
    { department: '*', seatHolders: 20, before: 0.4, after: 0.5 },
  ];
  return eachDay('2026-02-01', '2026-03-28').map((day) => ({
    day,
    rows: departments.flatMap((entry) =>
      METRIC_KEYS.map((metric) => ({
        day,
        department: entry.department,
        metric,
        value: metric === 'active_users' ? (day < '2026-03-01' ? entry.before : entry.after) : null,
        seatHolders: entry.seatHolders,
      })),
    ),
  }));
}

describe(InterventionService.name, () => {
  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    let sut: InterventionService;

    const count = async () => Number((await database.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM interventions'))[0].n);

    beforeEach(async () => {
      database = await openTestDatabase(engine);
      const clock = new FixedClock(at('2026-03-31T12:00:00Z'));
      const plans = new PlanRepository(database.db);
      await new PlanService(plans).apply(PLAN, 'plan.yaml', 'test', clock.now());
      const snapshots = new SnapshotRepository(database.db);
      await snapshots.replaceDays(snapshotDays(), clock.now());
      sut = new InterventionService(
        new InterventionRepository(database.db),
        snapshots,
        new MetricsService(new MetricsRepository(database.db), new PlanInForce(plans, clock), new CacheService(database.db), clock),
        new PlanInForce(plans, clock),
        clock,
        new CacheService(database.db),
      );
    });

    afterEach(async () => {
      await database.dispose();
    });

    it('logs an intervention and estimates its effect on each metric from the snapshots (difference in differences)', async () => {
      const added = await sut.add(
        { date: '2026-03-01', kind: 'training_session', departments: ['Sales'], description: '  Pipeline hygiene workshop ' },
        ADMIN,
      );
      expect(added).toMatchObject({
        date: '2026-03-01',
        kind: 'training_session',
        departments: ['Sales'],
        description: 'Pipeline hygiene workshop',
        who: 'ann@example.com',
        loggedBy: 'ann@example.com',
        loggedAt: '2026-03-31T12:00:00.000Z',
        effects: [],
      });

      const answer = await sut.list(undefined, { seesLoggers: false });
      expect(answer.asOf).toBe('2026-03-31');
      expect(answer.minGroupSize).toBe(5);
      expect(answer.interventions).toHaveLength(1);
      const [listed] = answer.interventions;
      expect(listed.loggedBy).toBeNull();
      expect(listed.effects.map((effect) => effect.metric)).toEqual([...METRIC_KEYS]);
      const active = listed.effects.find((effect) => effect.metric === 'active_users');
      expect(active?.status).toBe('estimated');
      expect(active?.treated.people).toBe(10);
      expect(active?.comparison.people).toBe(10);
      expect(active?.treated.change).toBeCloseTo(0.2, 12);
      expect(active?.comparison.change).toBeCloseTo(0.07, 12);
      expect(active?.effect).toBeCloseTo(0.13, 12);
      // No stored value of the other metrics.
      expect(listed.effects.find((effect) => effect.metric === 'logins_per_user')?.status).toBe('not_enough_data');
    });

    it('estimates as of a past day only from what was stored up to it: too early on 03-27', async () => {
      await sut.add({ date: '2026-03-01', kind: 'coaching', departments: ['Sales'], description: 'Coaching', who: 'Team leads' }, ADMIN);
      const answer = await sut.list('2026-03-27', { seesLoggers: true });
      expect(answer.interventions[0].who).toBe('Team leads');
      expect(answer.interventions[0].effects.find((effect) => effect.metric === 'active_users')?.status).toBe('too_early');
    });

    it('says too few people for a group under the threshold (Ops: 4)', async () => {
      await sut.add({ date: '2026-03-01', kind: 'communication', departments: ['Ops'], description: 'Newsletter' }, ADMIN);
      const active = (await sut.list(undefined, { seesLoggers: true })).interventions[0].effects.find(
        (effect) => effect.metric === 'active_users',
      );
      expect(active).toMatchObject({ status: 'too_few_people', effect: null, treated: { people: 4, change: null } });
    });

    it('refuses an unknown department or a day after today, and stores nothing', async () => {
      await expect(
        sut.add({ date: '2026-03-01', kind: 'coaching', departments: ['Sales', 'Finance'], description: 'x' }, ADMIN),
      ).rejects.toMatchObject({ code: 'INTERVENTION_INVALID', message: expect.stringContaining('"Finance"') });
      await expect(
        sut.add({ date: '2026-04-01', kind: 'coaching', departments: ['Sales'], description: 'x' }, ADMIN),
      ).rejects.toMatchObject({ code: 'INTERVENTION_INVALID', message: expect.stringContaining('after today') });
      expect(await count()).toBe(0);
    });

    it('lets a trainer log and remove interventions of the departments assigned only', async () => {
      await expect(
        sut.add({ date: '2026-03-01', kind: 'coaching', departments: ['Sales', 'Support'], description: 'x' }, SALES_TRAINER),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await count()).toBe(0);
      const own = await sut.add({ date: '2026-03-02', kind: 'coaching', departments: ['Sales'], description: 'x' }, SALES_TRAINER);
      expect(own.loggedBy).toBeNull();
      const other = await sut.add({ date: '2026-03-03', kind: 'data_cleanup', departments: ['Support'], description: 'y' }, ADMIN);
      await expect(sut.remove(other.id, SALES_TRAINER)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await sut.remove(own.id, SALES_TRAINER);
      expect((await sut.list(undefined, { seesLoggers: true })).interventions.map((entry) => entry.id)).toEqual([other.id]);
      await expect(sut.remove(own.id, ADMIN)).rejects.toMatchObject({ code: 'INTERVENTION_NOT_FOUND' });
      // Removed, not deleted: the log keeps who removed it and when.
      const [row] = await database.db.query<{ removed_by: string; removed_at: number | string }>(
        'SELECT removed_by, removed_at FROM interventions WHERE id = :id',
        { id: own.id },
      );
      expect(row.removed_by).toBe('tom@example.com');
      expect(Number(row.removed_at)).toBe(at('2026-03-31T12:00:00Z'));
    });

    it('lists newest first, by day then by id', async () => {
      const first = await sut.add({ date: '2026-03-01', kind: 'coaching', departments: ['Sales'], description: 'a' }, ADMIN);
      const second = await sut.add({ date: '2026-03-05', kind: 'coaching', departments: ['Sales'], description: 'b' }, ADMIN);
      const third = await sut.add({ date: '2026-03-01', kind: 'coaching', departments: ['Ops'], description: 'c' }, ADMIN);
      expect((await sut.list(undefined, { seesLoggers: true })).interventions.map((entry) => entry.id)).toEqual([
        second.id,
        third.id,
        first.id,
      ]);
    });
  });
});
