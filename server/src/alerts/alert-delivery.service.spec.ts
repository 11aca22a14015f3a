import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { AccountRepository } from '../auth/account.repository';
import { FixedClock } from '../common/clock';
import { SecretBox } from '../secrets/secret-box.service';
import { openTestDatabase, type TestDatabase } from '../../test/test-database';
import { AlertDeliveryService, DELIVERY_LEASE_MS } from './alert-delivery.service';
import { AlertOutboxRepository } from './alert-outbox.repository';
import { AlertSubscriptionRepository } from './alert-subscription.repository';
import { accountOfUnsubscribeToken, WEBHOOK_SECRET_CONTEXT, WEBHOOK_URL_CONTEXT } from './alert-tokens.util';
import { AlertWebhookRepository } from './alert-webhook.repository';
import { AlertRepository } from './alert.repository';
import type { AlertsSettings } from './alerts.settings';
import { FIRST_RETRY_MS } from './delivery-backoff.util';
import { WebhookChannel } from './webhook.channel';

const T0 = Date.parse('2026-03-01T08:00:00Z');
const SECRET = 'a-signing-secret-of-some-length';

interface Received {
  raw: string;
  to: string[];
}

/** A real SMTP peer in process (no TLS offered, no auth needed). */
async function startSmtp(port = 0): Promise<{ server: SMTPServer; port: number; mails: Received[] }> {
  const mails: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ raw: Buffer.concat(chunks).toString('utf8'), to: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, mails };
}

/** A webhook receiver that checks the documented signature: v1=HMAC-SHA256(secret, "<timestamp>.<body>"). */
async function startReceiver(port = 0): Promise<{ server: Server; port: number; bodies: unknown[]; refused: number }> {
  const state = { bodies: [] as unknown[], refused: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = request.headers['x-uptake-timestamp'];
      const expected = `v1=${createHmac('sha256', SECRET)
        .update(`${String(timestamp)}.${body}`)
        .digest('hex')}`;
      if (request.headers['x-uptake-signature'] !== expected || request.headers['x-uptake-delivery'] === undefined) {
        state.refused += 1;
        response.writeHead(401).end('bad signature');
        return;
      }
      state.bodies.push(JSON.parse(body));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return Object.assign(state, { server, port: (server.address() as AddressInfo).port });
}

/** A port nothing listens on (taken, then freed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function quotedPrintableDecoded(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describe(AlertDeliveryService.name, () => {
  let test: TestDatabase;
  let box: SecretBox;
  let clock: FixedClock;
  const previousAllow = process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
  const closers: Array<() => Promise<unknown>> = [];

  beforeAll(() => {
    process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS = 'true';
  });
  afterAll(() => {
    if (previousAllow === undefined) delete process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
    else process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS = previousAllow;
  });

  beforeEach(async () => {
    test = await openTestDatabase('sqlite');
    box = new SecretBox(randomBytes(32), 'test');
    clock = new FixedClock(T0);
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await test.dispose();
  });

  /** A fresh service, as after a restart: a new holder, nothing in memory. */
  function service(smtpPort: number): AlertDeliveryService {
    const settings: AlertsSettings = {
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      smtpFrom: 'Uptake <uptake@example.com>',
      publicUrl: 'https://uptake.example.com',
      cron: '*/15 * * * *',
      deliveryIntervalMs: 30_000,
    };
    const sut = new AlertDeliveryService(
      new AlertOutboxRepository(test.db),
      new AlertRepository(test.db),
      new AlertWebhookRepository(test.db),
      new AccountRepository(test.db),
      new AlertSubscriptionRepository(test.db),
      box,
      clock,
      settings,
      new WebhookChannel(),
    );
    closers.push(async () => sut.onModuleDestroy());
    return sut;
  }

  async function alertFor(webhookPort: number): Promise<{ accountId: number }> {
    const account = await new AccountRepository(test.db).create(
      { email: 'ann@example.com', name: 'Ann', role: 'admin', passwordHash: null, createdAt: T0 },
      [],
    );
    const webhook = await new AlertWebhookRepository(test.db).create({
      name: 'ops',
      urlSealed: box.seal(`http://127.0.0.1:${webhookPort}/hook`, WEBHOOK_URL_CONTEXT),
      urlHint: 'http://127.0.0.1/hook',
      format: 'json',
      secretSealed: box.seal(SECRET, WEBHOOK_SECRET_CONTEXT),
      departments: [],
      createdAt: T0,
      createdBy: 'test',
    });
    await new AlertRepository(test.db).openAlert(
      {
        rule: 'behind_ramp',
        department: 'Sales',
        metric: 'active_users',
        subject: null,
        startedOn: '2026-02-20',
        title: 'Sales is behind plan on Active users (7 days)',
        detail: 'Active users (7 days): 40.0% on 2026-03-01 against 50.0% expected by the ramp.',
      },
      [
        { channel: 'email', targetId: account.id, recipient: account.email },
        { channel: 'webhook', targetId: webhook.id, recipient: webhook.name },
      ],
      T0,
    );
    return { accountId: account.id };
  }

  it('keeps both deliveries while SMTP and the webhook are down, sends each once when they are back after a restart', async () => {
    const smtpPort = await closedPort();
    const webhookPort = await closedPort();
    const { accountId } = await alertFor(webhookPort);

    expect(await service(smtpPort).deliverDue()).toEqual({ sent: 0, retrying: 2, failed: 0 });
    const outbox = new AlertOutboxRepository(test.db);
    const afterFailure = await outbox.all();
    expect(afterFailure.map((d) => [d.status, d.attempts, d.nextAttemptAt])).toEqual([
      ['pending', 1, T0 + FIRST_RETRY_MS],
      ['pending', 1, T0 + FIRST_RETRY_MS],
    ]);
    expect(afterFailure.every((d) => d.lastError !== null && d.lastError.length > 0)).toBe(true);

    const smtp = await startSmtp(smtpPort);
    closers.push(() => new Promise((resolve) => smtp.server.close(() => resolve(undefined))));
    const receiver = await startReceiver(webhookPort);
    closers.push(() => new Promise((resolve) => receiver.server.close(() => resolve(undefined))));

    // not due yet: the backoff holds the retry back
    clock.set(T0 + FIRST_RETRY_MS - 1);
    expect(await service(smtpPort).deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    clock.set(T0 + FIRST_RETRY_MS);
    expect(await service(smtpPort).deliverDue()).toEqual({ sent: 2, retrying: 0, failed: 0 });
    // a later round, another restart: nothing again
    clock.set(T0 + 100 * FIRST_RETRY_MS);
    expect(await service(smtpPort).deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });

    expect(smtp.mails).toHaveLength(1);
    const mail = quotedPrintableDecoded(smtp.mails[0].raw);
    expect(smtp.mails[0].to).toEqual(['ann@example.com']);
    expect(mail).toContain('Subject: [Uptake] Sales is behind plan on Active users (7 days)');
    expect(mail).toContain('From: Uptake <uptake@example.com>');
    expect(mail).toContain('Open the Alerts page: https://uptake.example.com/alerts');
    const link = /Unsubscribe: (https:\/\/uptake\.example\.com\/api\/alerts\/unsubscribe\?token=\S+)/.exec(mail);
    expect(link).not.toBeNull();
    const token = decodeURIComponent(new URL(link![1]).searchParams.get('token')!);
    expect(accountOfUnsubscribeToken(box, token)).toBe(accountId);
    expect(mail).toMatch(/List-Unsubscribe:\s+<https:\/\/uptake\.example\.com\/api\/alerts\/unsubscribe/);

    expect(receiver.refused).toBe(0);
    expect(receiver.bodies).toEqual([
      {
        type: 'alert.opened',
        delivery: 2,
        alert: expect.objectContaining({ rule: 'behind_ramp', department: 'Sales', metric: 'active_users', startedOn: '2026-02-20' }),
      },
    ]);
    expect((await outbox.all()).map((d) => [d.status, d.attempts, d.sentAt])).toEqual([
      ['sent', 2, T0 + FIRST_RETRY_MS],
      ['sent', 2, T0 + FIRST_RETRY_MS],
    ]);
  });

  it('leaves a delivery claimed by a replica that died alone until its lease runs out, then sends it once', async () => {
    const smtp = await startSmtp();
    closers.push(() => new Promise((resolve) => smtp.server.close(() => resolve(undefined))));
    const receiver = await startReceiver();
    closers.push(() => new Promise((resolve) => receiver.server.close(() => resolve(undefined))));
    await alertFor(receiver.port);
    const dead = await new AlertOutboxRepository(test.db).claimDue('dead-replica', T0, DELIVERY_LEASE_MS, 10);
    expect(dead.deliveries).toHaveLength(2);

    clock.set(T0 + DELIVERY_LEASE_MS - 1);
    expect(await service(smtp.port).deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    clock.set(T0 + DELIVERY_LEASE_MS + 1);
    expect(await service(smtp.port).deliverDue()).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    expect(receiver.bodies).toHaveLength(1);
  });

  it('cancels an email whose reader unsubscribed before it was sent', async () => {
    const smtp = await startSmtp();
    closers.push(() => new Promise((resolve) => smtp.server.close(() => resolve(undefined))));
    const receiver = await startReceiver();
    closers.push(() => new Promise((resolve) => receiver.server.close(() => resolve(undefined))));
    const { accountId } = await alertFor(receiver.port);
    await new AlertSubscriptionRepository(test.db).save({
      accountId,
      departments: [],
      rules: [],
      channel: 'email',
      active: false,
      updatedAt: T0,
    });
    expect(await service(smtp.port).deliverDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(0);
    const [email] = await new AlertOutboxRepository(test.db).all();
    expect([email.status, email.lastError]).toEqual(['cancelled', 'ann@example.com unsubscribed before it was sent']);
  });

  it('counts a webhook that refuses the message as a failed attempt with its answer', async () => {
    const smtp = await startSmtp();
    closers.push(() => new Promise((resolve) => smtp.server.close(() => resolve(undefined))));
    const refusing = createServer((_request, response) => response.writeHead(500).end('boom'));
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => refusing.close(resolve)));
    await alertFor((refusing.address() as AddressInfo).port);
    expect(await service(smtp.port).deliverDue()).toEqual({ sent: 1, retrying: 1, failed: 0 });
    const [, webhook] = await new AlertOutboxRepository(test.db).all();
    expect(webhook.lastError).toBe('the webhook answered HTTP 500: boom');
  });
});
