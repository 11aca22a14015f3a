import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { PlanInputError } from './plan.parser';
import { PlanRepository } from './plan.repository';
import { PlanService } from './plan.service';

const first = `launch_date: 2026-01-15
timezone: Europe/Berlin
departments:
  - { name: Sales, seats: 10, licence_cost_per_seat_month: 80 }
required_fields:
  opportunity: [amount, next_step]
goals:
  - { department: "*", metric: active_users, target: 0.8, by: 2026-04-15 }
`;

const second = `{
  "launch_date": "2026-01-15",
  "departments": [{ "name": "Sales", "seats": 12 }],
  "goals": [{ "department": "Sales", "metric": "active_users", "target": 0.9, "by": "2026-05-01", "baseline": 0.3 }]
}`;

describe(PlanService.name, () => {
  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    let sut: PlanService;

    beforeEach(async () => {
      database = await openTestDatabase(engine);
      sut = new PlanService(new PlanRepository(database.db));
    });
    afterEach(async () => {
      await database.dispose();
    });

    it('has no plan before one is applied', async () => {
      await expect(sut.current()).resolves.toBeNull();
      await expect(sut.history()).resolves.toEqual([]);
    });

    it('stores each applied plan as a new version with who, when and where from', async () => {
      const v1 = await sut.apply(first, 'plan.yaml', 'alice', 1_700_000_000_000);
      const v2 = await sut.apply(second, 'plan.json', 'bob', 1_700_000_100_000);

      expect([v1.version, v2.version]).toEqual([1, 2]);
      const current = await sut.current();
      expect(current).toMatchObject({ version: 2, createdBy: 'bob', createdAt: 1_700_000_100_000, source: 'plan.json' });
      expect(current?.plan.timezone).toBe('UTC');
      expect(current?.plan.goals).toEqual([{ department: 'Sales', metric: 'active_users', target: 0.9, by: '2026-05-01', baseline: 0.3 }]);

      const history = await sut.history();
      expect(history.map((version) => [version.version, version.createdBy])).toEqual([
        [2, 'bob'],
        [1, 'alice'],
      ]);
      // the first version is kept as it was
      expect(history[1].plan.timezone).toBe('Europe/Berlin');
      expect(history[1].plan.required_fields).toEqual({ opportunity: ['amount', 'next_step'] });
    });

    it('writes the goals, required fields and departments of the version', async () => {
      const version = await sut.apply(first, 'plan.yaml', 'alice', 1);
      const goals = await database.db.query<{ department: string; metric: string; target: number }>(
        'SELECT department, metric, target FROM plan_goals WHERE plan_version_id = :id',
        { id: version.id },
      );
      expect(goals.map((goal) => ({ ...goal, target: Number(goal.target) }))).toEqual([
        { department: '*', metric: 'active_users', target: 0.8 },
      ]);
      const fields = await database.db.query<{ field: string }>(
        'SELECT field FROM plan_required_fields WHERE plan_version_id = :id ORDER BY field',
        { id: version.id },
      );
      expect(fields.map((row) => row.field)).toEqual(['amount', 'next_step']);
    });

    it('stores nothing when the plan is invalid and says where', async () => {
      await sut.apply(first, 'plan.yaml', 'alice', 1);
      const broken = first.replace('target: 0.8', 'target: 8');
      // line 8: '  - { department: "*", metric: active_users, ' is 45 characters, so the target value starts at column 54
      // ('  - { ' 6 + 'department: "*", ' 17 + 'metric: active_users, ' 22 = 45, + 'target: ' 8 = 53)
      await expect(sut.apply(broken, 'plan.yaml', 'mallory', 2)).rejects.toThrow(
        new PlanInputError('plan.yaml', [
          { line: 8, column: 54, path: 'goals[0].target', reason: 'active_users is a share: target must be between 0 and 1' },
        ]),
      );
      await expect(sut.apply(broken, 'plan.yaml', 'mallory', 2)).rejects.toThrow(
        'plan.yaml:8:54 goals[0].target: active_users is a share: target must be between 0 and 1',
      );
      const history = await sut.history();
      expect(history.map((version) => version.createdBy)).toEqual(['alice']);
      const [{ n }] = await database.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM plan_goals');
      expect(Number(n)).toBe(1);
    });
  });
});
