import { LaunchPlanSchema, type MetricKey } from '@uptake/shared';
import { AccountRepository } from '../auth/account.repository';
import { FixedClock } from '../common/clock';
import type { ConnectionService } from '../connections/connection.service';
import { PlanInForce } from '../plan/plan-in-force.service';
import { PlanRepository } from '../plan/plan.repository';
import { SyncRepository } from '../sync/sync.repository';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { AlertDeliveryService } from './alert-delivery.service';
import { AlertEvaluationService, EVALUATION_LEASE } from './alert-evaluation.service';
import { AlertFactsRepository } from './alert-facts.repository';
import { AlertLeaseRepository } from './alert-lease.repository';
import { AlertOutboxRepository } from './alert-outbox.repository';
import { AlertSubscriptionRepository } from './alert-subscription.repository';
import { AlertWebhookRepository } from './alert-webhook.repository';
import { AlertRepository } from './alert.repository';
import type { AlertsSettings } from './alerts.settings';
import { AlertsService } from './alerts.service';

const NOON_31 = Date.parse('2026-01-31T12:00:00Z');
const SETTINGS: AlertsSettings = {
  smtpUrl: 'smtp://127.0.0.1:1',
  smtpFrom: 'Uptake <u@example.com>',
  publicUrl: 'https://u.example',
  cron: '*/15 * * * *',
  deliveryIntervalMs: 30_000,
};

// Ramp of active_users: 0.2 on 2026-01-01 to 0.8 on 2026-03-02 (60 days): 0.48 on 01-29, 0.49 on 01-30, 0.50 on 01-31, 0.51 on 02-01.
const plan = LaunchPlanSchema.parse({
  launch_date: '2026-01-01',
  departments: [
    { name: 'Sales', seats: 10 },
    { name: 'Tiny', seats: 2 },
    { name: 'Mid', seats: 4 },
  ],
  goals: [{ department: '*', metric: 'active_users', target: 0.8, by: '2026-03-02', baseline: 0.2 }],
  privacy: { min_group_size: 5 },
  alerts: { behind_ramp: { days: 3 }, week_drop: { enabled: false }, shelfware: { enabled: false } },
});

describe.each(testEngines())(`${AlertEvaluationService.name} on %s`, (engine) => {
  let test: TestDatabase;
  let clock: FixedClock;
  let sut: AlertEvaluationService;
  let alerts: AlertsService;

  async function snapshot(day: string, department: string, seatHolders: number, values: Partial<Record<MetricKey, number>>) {
    for (const [metric, value] of Object.entries(values)) {
      await test.db.query(
        'INSERT INTO metric_snapshots (day, department, metric, value, seat_holders, computed_at) VALUES (:day, :department, :metric, :value, :seatHolders, 0)',
        { day, department, metric, value, seatHolders },
      );
    }
  }

  beforeEach(async () => {
    test = await openTestDatabase(engine);
    clock = new FixedClock(NOON_31);
    const plans = new PlanRepository(test.db);
    await plans.addVersion(plan, 'test', null, NOON_31 - 86_400_000 * 40);
    const accounts = new AccountRepository(test.db);
    await accounts.create({ email: 'ann@example.com', name: null, role: 'admin', passwordHash: null, createdAt: 0 }, []);
    const eve = await accounts.create({ email: 'eve@example.com', name: null, role: 'executive', passwordHash: null, createdAt: 0 }, []);
    const tom = await accounts.create({ email: 'tom@example.com', name: null, role: 'trainer', passwordHash: null, createdAt: 0 }, [
      'Tiny',
    ]);
    const subscriptions = new AlertSubscriptionRepository(test.db);
    for (const id of [eve.id, tom.id])
      await subscriptions.save({ accountId: id, departments: [], rules: [], channel: 'email', active: true, updatedAt: 0 });
    await test.db.query(
      `INSERT INTO alert_webhooks (name, url_sealed, url_hint, format, secret_sealed, departments, created_at, created_by)
       VALUES ('chat', 'x', 'https://chat.example', 'slack', NULL, '[]', 0, 'test')`,
    );
    for (const day of ['2026-01-29', '2026-01-30', '2026-01-31']) {
      await snapshot(day, 'Sales', 10, { active_users: 0.3 });
      await snapshot(day, 'Tiny', 2, { active_users: 0.3 });
      await snapshot(day, 'Mid', 4, { active_users: 0.75 });
      await snapshot(day, '*', 16, { active_users: 0.4 });
    }
    const planInForce = new PlanInForce(plans, clock);
    const repository = new AlertRepository(test.db);
    const facts = new AlertFactsRepository(test.db);
    const noConnections = { list: async () => [] } as unknown as ConnectionService;
    sut = new AlertEvaluationService(
      repository,
      facts,
      new AlertLeaseRepository(test.db),
      new AlertWebhookRepository(test.db),
      subscriptions,
      accounts,
      noConnections,
      new SyncRepository(test.db),
      planInForce,
      clock,
      SETTINGS,
    );
    alerts = new AlertsService(repository, facts, sut, {} as AlertDeliveryService, planInForce, SETTINGS);
  });
  afterEach(() => test.dispose());

  const deliveriesByAlert = async () => {
    const rows = await new AlertOutboxRepository(test.db).all();
    const stored = await new AlertRepository(test.db).list('all', 100);
    return Object.fromEntries(
      stored.map((alert) => [alert.department, rows.filter((d) => d.alertId === alert.id).map((d) => d.recipient)]),
    );
  };

  it('opens one alert per condition with the deliveries each reader may get, never twice while it holds, and closes it when it clears', async () => {
    expect(await sut.evaluate()).toEqual({ day: '2026-01-31', opened: 2, closed: 0, stillOpen: 0 });
    // Tiny (2) and Mid (4) are small: hidden together (6 >= 5), so Sales is shown to the executive and the webhook.
    // Tiny: admins, and the trainer of Tiny; Mid is on track (0.75 above the ramp).
    expect(await deliveriesByAlert()).toEqual({
      Sales: ['ann@example.com', 'eve@example.com', 'chat'],
      Tiny: ['ann@example.com', 'tom@example.com'],
    });
    const open = await new AlertRepository(test.db).open();
    expect(open.map((a) => [a.department, a.metric, a.startedOn])).toEqual([
      ['Sales', 'active_users', '2026-01-29'],
      ['Tiny', 'active_users', '2026-01-29'],
    ]);

    clock.set(NOON_31 + 60_000);
    expect(await sut.evaluate()).toEqual({ day: '2026-01-31', opened: 0, closed: 0, stillOpen: 2 });
    expect((await new AlertOutboxRepository(test.db).all()).length).toBe(5);

    // 02-01: Sales back above the ramp (0.6 > 0.51), Tiny still behind
    await snapshot('2026-02-01', 'Sales', 10, { active_users: 0.6 });
    await snapshot('2026-02-01', 'Tiny', 2, { active_users: 0.3 });
    await snapshot('2026-02-01', 'Mid', 4, { active_users: 0.75 });
    await snapshot('2026-02-01', '*', 16, { active_users: 0.5 });
    clock.set(NOON_31 + 86_400_000);
    expect(await sut.evaluate()).toEqual({ day: '2026-02-01', opened: 0, closed: 1, stillOpen: 1 });
    const all = await new AlertRepository(test.db).list('all', 10);
    expect(all.map((a) => [a.department, a.closedAt])).toEqual([
      ['Tiny', null],
      ['Sales', NOON_31 + 86_400_000],
    ]);
  });

  it('shows each role the alerts it may see, with its own deliveries only', async () => {
    await sut.evaluate();
    const list = async (viewer: Parameters<AlertsService['list']>[0]) =>
      (await alerts.list(viewer, { status: 'all', limit: 100 })).alerts.map((a) => [a.department, a.deliveries.map((d) => d.recipient)]);
    // newest first: opened together, so the later id first
    expect(await list('cli')).toEqual([
      ['Tiny', ['ann@example.com', 'tom@example.com']],
      ['Sales', ['ann@example.com', 'eve@example.com', 'chat']],
    ]);
    expect(await list({ accountId: 2, role: 'executive', departments: [] })).toEqual([['Sales', ['eve@example.com']]]);
    expect(await list({ accountId: 3, role: 'trainer', departments: ['Tiny'] })).toEqual([['Tiny', ['tom@example.com']]]);
    expect(await list({ accountId: 9, role: 'viewer', departments: [] })).toEqual([['Sales', []]]);
    // error texts name mail servers and hosts: only admins read them
    await test.db.query("UPDATE alert_deliveries SET last_error = 'connect ECONNREFUSED 10.0.0.25:25', attempts = 1");
    const errors = async (viewer: Parameters<AlertsService['list']>[0]) =>
      (await alerts.list(viewer, { status: 'all', limit: 100 })).alerts.flatMap((a) => a.deliveries.map((d) => d.lastError));
    expect(await errors({ accountId: 2, role: 'executive', departments: [] })).toEqual(['not delivered yet']);
    expect(new Set(await errors('cli'))).toEqual(new Set(['connect ECONNREFUSED 10.0.0.25:25']));
    const answer = await alerts.list('cli', { status: 'open', limit: 10 });
    expect(answer.rules.map((r) => [r.key, r.enabled])).toEqual([
      ['behind_ramp', true],
      ['week_drop', false],
      ['sync_stale', true],
      ['shelfware', false],
    ]);
    expect(answer.rules[0].description).toContain('each of the last 3 days');
  });

  it('leaves the evaluation to the replica holding the lease', async () => {
    await new AlertLeaseRepository(test.db).acquire(EVALUATION_LEASE, 'other-replica', NOON_31, 600_000);
    expect(await sut.evaluate()).toBeNull();
    expect(await new AlertRepository(test.db).open()).toEqual([]);
  });
});
