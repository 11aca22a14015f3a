import type { AddressInfo } from 'node:net';
import { AlertsResponseSchema, AlertSubscriptionSchema, WebhooksResponseSchema } from '@uptake/shared';
import request from 'supertest';
import { SMTPServer } from 'smtp-server';
import { unsubscribeToken } from '../../server/test/testing';
import { AccountService } from '../../server/test/testing';
import { FixedClock } from '../../server/test/testing';
import { Database } from '../../server/test/testing';
import { PlanService } from '../../server/test/testing';
import { SecretBox } from '../../server/test/testing';
import { bearerFor, ensureAccount } from '../support/auth';
import { allowPrivateCrmHosts } from '../support/private-crm-hosts';
import { startApp, testEngines, type TestApp } from '../support/test-app';

const NOW = Date.parse('2026-01-31T12:00:00Z');

// Ramp of active_users 0.2 (2026-01-01) -> 0.8 (2026-03-02): 0.48, 0.49, 0.50 on 01-29..01-31; Sales at 0.3 is behind all three days.
const PLAN = `launch_date: 2026-01-01
departments:
  - { name: Sales, seats: 10 }
  - { name: Support, seats: 10 }
goals:
  - { department: "*", metric: active_users, target: 0.8, by: 2026-03-02, baseline: 0.2 }
alerts:
  behind_ramp: { days: 3 }
  shelfware: { enabled: false }
`;

describe.each(testEngines())('alerts API on %s', (engine) => {
  allowPrivateCrmHosts();
  let harness: TestApp;
  let smtp: SMTPServer;
  const mails: Array<{ to: string[]; raw: string }> = [];
  const savedSmtp = process.env.UPTAKE_SMTP_URL;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    process.env.UPTAKE_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    harness = await startApp(engine, { clock: new FixedClock(NOW) });
    await harness.app.get(PlanService).apply(PLAN, 'plan.yaml', 'test', NOW - 40 * 86_400_000);
    const db = harness.app.get(Database);
    for (const day of ['2026-01-29', '2026-01-30', '2026-01-31']) {
      for (const [department, value, seatHolders] of [
        ['Sales', 0.3, 10],
        ['Support', 0.9, 10],
        ['*', 0.6, 20],
      ] as const) {
        await db.query(
          `INSERT INTO metric_snapshots (day, department, metric, value, seat_holders, computed_at) VALUES (:day, :department, 'active_users', :value, :seatHolders, 0)`,
          { day, department, value, seatHolders },
        );
      }
    }
  });
  afterAll(async () => {
    await harness.close();
    await new Promise((resolve) => smtp.close(() => resolve(undefined)));
    if (savedSmtp === undefined) delete process.env.UPTAKE_SMTP_URL;
    else process.env.UPTAKE_SMTP_URL = savedSmtp;
  });

  it('evaluates, emails the admin once, and shows the alert with its delivery status', async () => {
    const admin = await bearerFor(harness.app, 'admin', { email: 'owner@example.test' });
    const server = harness.app.getHttpServer();
    const first = await request(server).post('/api/alerts/run').set(admin).expect(200);
    expect(first.body).toEqual({
      evaluatedDay: '2026-01-31',
      opened: 1,
      closed: 0,
      stillOpen: 0,
      deliveries: { sent: 1, retrying: 0, failed: 0 },
    });
    const again = await request(server).post('/api/alerts/run').set(admin).expect(200);
    expect(again.body).toMatchObject({ opened: 0, stillOpen: 1, deliveries: { sent: 0 } });
    expect(mails.map((mail) => mail.to)).toEqual([['owner@example.test']]);
    expect(mails[0].raw).toContain('Subject: [Uptake] Sales is behind plan on Active users (7 days)');

    const list = AlertsResponseSchema.parse((await request(server).get('/api/alerts').set(admin).expect(200)).body);
    expect(list.emailConfigured).toBe(true);
    expect(list.alerts.map((a) => [a.rule, a.department, a.status, a.startedOn, a.deliveries.map((d) => [d.recipient, d.status])])).toEqual(
      [['behind_ramp', 'Sales', 'open', '2026-01-29', [['owner@example.test', 'sent']]]],
    );
    await request(server).get('/api/alerts?status=nope').set(admin).expect(400);
  });

  it('lets admins manage webhooks, refusing bad input with the field named', async () => {
    const admin = await bearerFor(harness.app, 'admin');
    const viewer = await bearerFor(harness.app, 'viewer');
    const server = harness.app.getHttpServer();
    const created = await request(server)
      .post('/api/alerts/webhooks')
      .set(admin)
      .send({
        name: 'ops',
        url: 'https://hooks.example.com/services/T0/B0/secret',
        format: 'json',
        secret: 'a-secret-of-16-chars',
        departments: ['Sales'],
      })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'ops',
      format: 'json',
      signed: true,
      departments: ['Sales'],
      urlHint: 'https://hooks.example.com/services/T0/…',
    });
    expect(JSON.stringify(created.body)).not.toContain('secret');
    const bad = await request(server)
      .post('/api/alerts/webhooks')
      .set(admin)
      .send({ name: 'x', url: 'https://h.example', format: 'discord' })
      .expect(400);
    expect(bad.body.error.message).toContain('format: expected one of slack, teams, json');
    const unknown = await request(server)
      .post('/api/alerts/webhooks')
      .set(admin)
      .send({ name: 'y', url: 'https://h.example', format: 'slack', departments: ['Sales EMEA'] })
      .expect(400);
    expect(unknown.body.error.message).toContain('unknown department "Sales EMEA"');
    await request(server)
      .post('/api/alerts/webhooks')
      .set(admin)
      .send({ name: 'ops', url: 'https://h.example', format: 'slack' })
      .expect(409);
    await request(server).get('/api/alerts/webhooks').set(viewer).expect(403);
    const listed = WebhooksResponseSchema.parse((await request(server).get('/api/alerts/webhooks').set(admin).expect(200)).body);
    expect(listed.webhooks.map((w) => w.name)).toEqual(['ops']);
    await request(server)
      .delete(`/api/alerts/webhooks/${created.body.id as number}`)
      .set(admin)
      .expect(204);
    await request(server)
      .delete(`/api/alerts/webhooks/${created.body.id as number}`)
      .set(admin)
      .expect(404);
  });

  it('keeps each account’s subscription its own, and the unsubscribe link works without signing in', async () => {
    const server = harness.app.getHttpServer();
    const email = await ensureAccount(harness.app, 'viewer', { email: 'vera@example.test' });
    const viewer = await bearerFor(harness.app, 'viewer', { email });
    const before = AlertSubscriptionSchema.parse((await request(server).get('/api/alerts/subscription').set(viewer).expect(200)).body);
    expect(before).toEqual({ email, departments: [], rules: [], channel: 'email', active: false, isDefault: true });
    const saved = await request(server)
      .put('/api/alerts/subscription')
      .set(viewer)
      .send({ departments: ['Sales'], rules: ['behind_ramp', 'week_drop'], active: true })
      .expect(200);
    expect(saved.body).toMatchObject({ departments: ['Sales'], rules: ['behind_ramp', 'week_drop'], active: true, isDefault: false });
    const bad = await request(server)
      .put('/api/alerts/subscription')
      .set(viewer)
      .send({ rules: ['forecast'], active: true })
      .expect(400);
    expect(bad.body.error.message).toContain('rules[0]');

    const account = await harness.app.get(AccountService).getByEmail(email);
    const token = unsubscribeToken(harness.app.get(SecretBox), account.id);
    const page = await request(server)
      .get(`/api/alerts/unsubscribe?token=${encodeURIComponent(token)}`)
      .expect(200);
    expect(page.text).toContain('<form method="post"');
    // the page itself changes nothing (a mail scanner opening the link unsubscribes nobody)
    expect((await request(server).get('/api/alerts/subscription').set(viewer)).body.active).toBe(true);
    const done = await request(server)
      .post(`/api/alerts/unsubscribe?token=${encodeURIComponent(token)}`)
      .expect(200);
    expect(done.text).toContain(`${email} no longer receives alert emails`);
    expect((await request(server).get('/api/alerts/subscription').set(viewer)).body).toMatchObject({
      active: false,
      departments: ['Sales'],
    });
    // a mail client's one-click unsubscribe (RFC 8058) posts a form body to the same link
    await request(server)
      .put('/api/alerts/subscription')
      .set(viewer)
      .send({ departments: ['Sales'], active: true })
      .expect(200);
    await request(server)
      .post(`/api/alerts/unsubscribe?token=${encodeURIComponent(token)}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect((await request(server).get('/api/alerts/subscription').set(viewer)).body.active).toBe(false);
    const forged = await request(server)
      .post(`/api/alerts/unsubscribe?token=${encodeURIComponent(`${token.slice(0, -2)}xx`)}`)
      .expect(400);
    expect(forged.text).toContain('not valid');
  });
});
