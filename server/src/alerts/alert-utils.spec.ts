import { createHmac } from 'node:crypto';
import type { StoredAlert } from './alert.repository';
import { webhookRequest } from './alert-message.util';
import { deliveryTargets, departmentsHiddenFromAggregates, maySee, type RecipientAccount } from './alert-recipients.util';
import { checkWebhookUrl, urlHint } from './alert-webhook.service';
import { FIRST_RETRY_MS, MAX_ATTEMPTS, MAX_DELAY_MS, nextAttemptAt } from './delivery-backoff.util';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature.util';
import { WebhookChannel } from './webhook.channel';

const alert: StoredAlert = {
  id: 3,
  conditionKey: 'k',
  rule: 'week_drop',
  department: 'Sales',
  metric: 'active_users',
  subject: null,
  startedOn: '2026-03-01',
  title: 'Active users (7 days) of Sales got 15 points worse in a week',
  detail: 'Active users (7 days): 45.0% on 2026-03-01 against 60.0% on 2026-02-22 (more than 10 points worse).',
  openedAt: Date.parse('2026-03-01T08:00:00Z'),
  closedAt: null,
};

describe('webhook signature', () => {
  it('is v1= and the hex HMAC-SHA256 of "<timestamp>.<body>"', () => {
    const expected = createHmac('sha256', 'secret').update('1700000000.{"a":1}').digest('hex');
    expect(signWebhookBody('secret', 1700000000, '{"a":1}')).toBe(`v1=${expected}`);
  });

  it('verifies in constant time and refuses another body, secret or an old timestamp', () => {
    const signature = signWebhookBody('secret', 1700000000, 'body');
    const base = { secret: 'secret', body: 'body', timestamp: '1700000000', signature, nowSeconds: 1700000100 };
    expect(verifyWebhookSignature(base)).toBe(true);
    expect(verifyWebhookSignature({ ...base, body: 'body2' })).toBe(false);
    expect(verifyWebhookSignature({ ...base, secret: 'other' })).toBe(false);
    expect(verifyWebhookSignature({ ...base, nowSeconds: 1700000301 })).toBe(false);
    expect(verifyWebhookSignature({ ...base, signature: undefined })).toBe(false);
  });
});

describe('webhook payloads', () => {
  const options = { deliveryId: 9, alertsUrl: 'https://u.example/alerts', secret: null, nowSeconds: 1700000000 };

  it('Slack: text in mrkdwn with a link', () => {
    const { body, headers } = webhookRequest(alert, { ...options, format: 'slack' });
    const payload = JSON.parse(body) as { text: string; blocks: unknown[] };
    expect(payload.text.startsWith(`*${alert.title}*\n${alert.detail}\n`)).toBe(true);
    expect(payload.text).toContain('<https://u.example/alerts|Open in Uptake>');
    expect(headers).toEqual({ 'Content-Type': 'application/json', 'X-Uptake-Delivery': '9' });
  });

  it('Teams: an Adaptive Card message', () => {
    const payload = JSON.parse(webhookRequest(alert, { ...options, format: 'teams' }).body) as {
      type: string;
      attachments: Array<{ contentType: string; content: { type: string; body: Array<{ text: string }> } }>;
    };
    expect(payload.type).toBe('message');
    expect(payload.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(payload.attachments[0].content.body.map((block) => block.text).slice(0, 2)).toEqual([alert.title, alert.detail]);
  });

  it('JSON: signed with timestamp when it has a secret, unsigned without', () => {
    const signed = webhookRequest(alert, { ...options, format: 'json', secret: 's3cret' });
    expect(signed.headers['X-Uptake-Timestamp']).toBe('1700000000');
    expect(signed.headers['X-Uptake-Signature']).toBe(
      `v1=${createHmac('sha256', 's3cret').update(`1700000000.${signed.body}`).digest('hex')}`,
    );
    expect(JSON.parse(signed.body)).toMatchObject({ type: 'alert.opened', delivery: 9, alert: { id: 3, rule: 'week_drop' } });
    expect(webhookRequest(alert, { ...options, format: 'json' }).headers['X-Uptake-Signature']).toBeUndefined();
  });
});

describe('delivery backoff', () => {
  it('doubles from 30 s up to an hour, then gives up', () => {
    expect(nextAttemptAt(1, 0)).toBe(FIRST_RETRY_MS);
    expect(nextAttemptAt(2, 0)).toBe(60_000);
    expect(nextAttemptAt(3, 0)).toBe(120_000);
    expect(nextAttemptAt(8, 0)).toBe(MAX_DELAY_MS); // 30 s * 128 = 64 min, capped at 60
    expect(nextAttemptAt(MAX_ATTEMPTS - 1, 0)).toBe(MAX_DELAY_MS);
    expect(nextAttemptAt(MAX_ATTEMPTS, 0)).toBeNull();
  });
});

describe('who receives an alert', () => {
  const account = (id: number, role: RecipientAccount['role'], departments: string[] = []): RecipientAccount => ({
    id,
    email: `${role}${id}@example.com`,
    role,
    departments,
    disabled: false,
  });
  // Sales 30, Support 3 (small), Legal 4 (small): the hidden pool 7 >= 5, so Sales stays shown.
  const hidden = departmentsHiddenFromAggregates(
    [
      { department: 'Sales', seatHolders: 30 },
      { department: 'Support', seatHolders: 3 },
      { department: 'Legal', seatHolders: 4 },
    ],
    37,
    5,
  );

  it('hides small groups, and one more when the small ones alone could be worked out', () => {
    expect([...hidden].sort()).toEqual(['Legal', 'Support']);
    // Support 3 alone: hiding it leaves a pool of 3 < 5, so the next smallest (Marketing 6) is hidden too
    const complementary = departmentsHiddenFromAggregates(
      [
        { department: 'Sales', seatHolders: 30 },
        { department: 'Support', seatHolders: 3 },
        { department: 'Marketing', seatHolders: 6 },
      ],
      39,
      5,
    );
    expect([...complementary].sort()).toEqual(['Marketing', 'Support']);
  });

  it('follows the roles: admins all, trainers their departments, others no small group and no sync alert', () => {
    const support = { rule: 'behind_ramp' as const, department: 'Support' };
    const sync = { rule: 'sync_stale' as const, department: '*' };
    expect(maySee(support, account(1, 'admin'), hidden)).toBe(true);
    expect(maySee(support, account(2, 'trainer', ['Support']), hidden)).toBe(true);
    expect(maySee({ ...support, department: 'Sales' }, account(2, 'trainer', ['Support']), hidden)).toBe(false);
    expect(maySee(support, account(3, 'executive'), hidden)).toBe(false);
    expect(maySee({ ...support, department: 'Sales' }, account(3, 'viewer'), hidden)).toBe(true);
    expect(maySee(sync, account(1, 'admin'), hidden)).toBe(true);
    expect(maySee(sync, account(3, 'executive'), hidden)).toBe(false);
    expect(maySee(sync, 'webhook', hidden)).toBe(true);
    expect(maySee(support, 'webhook', hidden)).toBe(false);
  });

  it('sends to subscribers who may see it and to matching webhooks; admins by default, others once subscribed', () => {
    const accounts = [account(1, 'admin'), account(2, 'trainer', ['Sales']), account(3, 'executive'), account(4, 'viewer')];
    const subscriptions = new Map([
      [3, { accountId: 3, departments: [], rules: [], channel: 'email' as const, active: true, updatedAt: 0 }],
      [4, { accountId: 4, departments: ['Sales'], rules: ['shelfware' as const], channel: 'email' as const, active: true, updatedAt: 0 }],
    ]);
    const webhooks = [
      { id: 10, name: 'all', departments: [] },
      { id: 11, name: 'support-only', departments: ['Support'] },
    ];
    const targets = deliveryTargets(
      { rule: 'behind_ramp', department: 'Sales' },
      { accounts, subscriptions, webhooks, hiddenDepartments: hidden, emailEnabled: true },
    );
    expect(targets.map((t) => `${t.channel}:${t.recipient}`)).toEqual([
      'email:admin1@example.com',
      'email:executive3@example.com',
      'webhook:all',
    ]);
    expect(
      deliveryTargets(
        { rule: 'behind_ramp', department: 'Sales' },
        { accounts, subscriptions, webhooks, hiddenDepartments: hidden, emailEnabled: false },
      ).map((t) => t.recipient),
    ).toEqual(['all']);
    expect(
      deliveryTargets(
        { rule: 'sync_stale', department: '*' },
        { accounts, subscriptions, webhooks, hiddenDepartments: hidden, emailEnabled: true },
      ).map((t) => t.recipient),
    ).toEqual(['admin1@example.com', 'all', 'support-only']);
  });
});

describe('webhook URLs and the outbound policy', () => {
  const previous = process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
  afterEach(() => {
    if (previous === undefined) delete process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
    else process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS = previous;
  });

  it('accepts https, refuses plain http to a remote host, credentials in the URL and private hosts unless allowed', () => {
    delete process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
    expect(urlHint(checkWebhookUrl('https://hooks.slack.com/services/T000/B000/XXXXXXXX'))).toBe('https://hooks.slack.com/services/T00…');
    expect(() => checkWebhookUrl('http://hooks.example.com/x')).toThrow('expected an https URL');
    expect(() => checkWebhookUrl('https://user:pw@hooks.example.com/x')).toThrow('must not hold a user name or password');
    expect(() => checkWebhookUrl('https://10.0.0.8/hook')).toThrow('10.0.0.8 is a private, loopback or link-local host');
    process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS = 'true';
    expect(checkWebhookUrl('https://10.0.0.8/hook').hostname).toBe('10.0.0.8');
  });

  it('refuses to post to a private host when sending too', async () => {
    delete process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
    await expect(new WebhookChannel().send('http://127.0.0.1:9/hook', { body: '{}', headers: {} })).rejects.toThrow(
      /refused to connect to 127\.0\.0\.1:9/,
    );
  });
});
