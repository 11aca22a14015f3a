import { Database } from '../database/database.service';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { AlertLeaseRepository } from './alert-lease.repository';
import { AlertOutboxRepository } from './alert-outbox.repository';
import { AlertRepository } from './alert.repository';
import type { AlertCondition } from './rules/alert-rule';

const T0 = Date.parse('2026-03-01T08:00:00Z');
const LEASE = 60_000;

function condition(department: string): AlertCondition {
  return {
    rule: 'behind_ramp',
    department,
    metric: 'active_users',
    subject: null,
    startedOn: '2026-02-20',
    title: `${department} is behind plan`,
    detail: 'detail',
  };
}

const targets = [
  { channel: 'email' as const, targetId: 1, recipient: 'ann@example.com' },
  { channel: 'webhook' as const, targetId: 7, recipient: 'team-chat' },
];

describe.each(testEngines())('alert outbox and leases on %s', (engine) => {
  let test: TestDatabase;
  let alerts: AlertRepository;
  let outbox: AlertOutboxRepository;

  beforeEach(async () => {
    test = await openTestDatabase(engine);
    alerts = new AlertRepository(test.db);
    outbox = new AlertOutboxRepository(test.db);
  });
  afterEach(() => test.dispose());

  it('writes an alert with its deliveries, and refuses a second open alert for the same condition until it is closed', async () => {
    const first = await alerts.openAlert(condition('Sales'), targets, T0);
    expect(first).not.toBeNull();
    expect(await alerts.openAlert(condition('Sales'), targets, T0 + 1)).toBeNull();
    expect((await outbox.all()).map((d) => [d.alertId, d.channel, d.recipient, d.status, d.attempts])).toEqual([
      [first!.id, 'email', 'ann@example.com', 'pending', 0],
      [first!.id, 'webhook', 'team-chat', 'pending', 0],
    ]);
    // the partial unique index holds even when a writer skips the look-up
    await expect(
      test.db.query(
        `INSERT INTO alerts (condition_key, rule, department, started_on, title, detail, opened_at) VALUES (:key, 'behind_ramp', 'Sales', '2026-02-20', 't', 'd', 1)`,
        { key: first!.conditionKey },
      ),
    ).rejects.toThrow();
    await alerts.close([first!.id], T0 + 10);
    const again = await alerts.openAlert(condition('Sales'), [], T0 + 20);
    expect(again!.id).not.toBe(first!.id);
    expect((await alerts.open()).map((a) => a.id)).toEqual([again!.id]);
  });

  it('lets one claimer have a due delivery until its lease runs out, and records outcomes only for the live claim', async () => {
    await alerts.openAlert(condition('Sales'), targets, T0);
    const a = await outbox.claimDue('a', T0, LEASE, 10);
    expect(a.deliveries.map((d) => [d.recipient, d.attempts])).toEqual([
      ['ann@example.com', 1],
      ['team-chat', 1],
    ]);
    expect((await outbox.claimDue('b', T0 + LEASE - 1, LEASE, 10)).deliveries).toEqual([]);
    // a dies; its lease ends at T0 + LEASE, so b takes both just after
    const b = await outbox.claimDue('b', T0 + LEASE + 1, LEASE, 10);
    expect(b.deliveries.map((d) => d.attempts)).toEqual([2, 2]);
    expect(await outbox.markSent(a.deliveries[0].id, a.claim, T0 + LEASE + 2)).toBe(false);
    expect(await outbox.markSent(b.deliveries[0].id, b.claim, T0 + LEASE + 3)).toBe(true);
    expect(await outbox.markFailedAttempt(b.deliveries[1].id, b.claim, 'HTTP 503', T0 + 10 * LEASE)).toBe(true);
    const stored = await outbox.all();
    expect(stored.map((d) => [d.status, d.sentAt, d.lastError, d.leaseHolder])).toEqual([
      ['sent', T0 + LEASE + 3, null, null],
      ['pending', null, 'HTTP 503', null],
    ]);
    // the retry is not due before its time; the sent one never again
    expect((await outbox.claimDue('c', T0 + 10 * LEASE - 1, LEASE, 10)).deliveries).toEqual([]);
    const c = await outbox.claimDue('c', T0 + 10 * LEASE, LEASE, 10);
    expect(c.deliveries.map((d) => [d.recipient, d.attempts])).toEqual([['team-chat', 3]]);
    expect(await outbox.markFailedAttempt(c.deliveries[0].id, c.claim, 'HTTP 503', null)).toBe(true);
    expect((await outbox.all())[1].status).toBe('failed');
    expect((await outbox.claimDue('d', T0 + 1000 * LEASE, LEASE, 10)).deliveries).toEqual([]);
  });

  it('gives each delivery to exactly one of several replicas claiming at once', async () => {
    for (const department of ['A', 'B', 'C', 'D', 'E']) await alerts.openAlert(condition(department), targets, T0);
    const other = await Database.open(test.url);
    try {
      const replicas = [outbox, new AlertOutboxRepository(other)];
      const claims = await Promise.all(Array.from({ length: 6 }, (_, i) => replicas[i % 2].claimDue(`r${i}`, T0, LEASE, 3)));
      const ids = claims.flatMap((claim) => claim.deliveries.map((d) => d.id));
      expect(ids).toHaveLength(10);
      expect(new Set(ids).size).toBe(10);
      expect((await outbox.all()).every((d) => d.attempts === 1)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('cancels pending deliveries to a removed webhook', async () => {
    await alerts.openAlert(condition('Sales'), targets, T0);
    await outbox.cancelForWebhook(7);
    expect((await outbox.all()).map((d) => d.status)).toEqual(['pending', 'cancelled']);
  });

  it('hands the evaluation lease to one holder at a time', async () => {
    const leases = new AlertLeaseRepository(test.db);
    expect(await leases.acquire('evaluate', 'a', T0, LEASE)).toBe(true);
    expect(await leases.acquire('evaluate', 'b', T0 + 1, LEASE)).toBe(false);
    expect(await leases.acquire('evaluate', 'a', T0 + 2, LEASE)).toBe(true);
    expect(await leases.acquire('evaluate', 'b', T0 + 2 + LEASE + 1, LEASE)).toBe(true);
    await leases.release('evaluate', 'a');
    expect(await leases.acquire('evaluate', 'a', T0 + 2 + LEASE + 2, LEASE)).toBe(false);
    await leases.release('evaluate', 'b');
    expect(await leases.acquire('evaluate', 'a', T0 + 2 + LEASE + 3, LEASE)).toBe(true);
  });
});
