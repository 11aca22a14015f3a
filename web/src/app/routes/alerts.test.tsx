import type { AlertsResponse, AlertSubscription, AlertView } from '@uptake/shared';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { launchPlan, planHistory } from '@/testing/fixtures';
import { apiError, json, mockSignedInApi } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

function alert(overrides: Partial<AlertView> = {}): AlertView {
  return {
    id: 1,
    rule: 'behind_ramp',
    department: 'Sales EMEA',
    metric: 'active_users',
    subject: null,
    title: 'Sales EMEA is behind plan on Active users (7 days)',
    detail: 'Active users (7 days): 40.0% on 2026-03-01 against 50.0% expected by the ramp.',
    startedOn: '2026-02-20',
    openedAt: '2026-03-01T08:00:00.000Z',
    closedAt: null,
    status: 'open',
    deliveries: [
      {
        id: 1,
        channel: 'email',
        recipient: 'ann@example.com',
        status: 'sent',
        attempts: 1,
        lastError: null,
        nextAttemptAt: null,
        sentAt: '2026-03-01T08:00:05.000Z',
      },
      {
        id: 2,
        channel: 'webhook',
        recipient: 'sales-chat',
        status: 'pending',
        attempts: 2,
        lastError: 'the webhook answered HTTP 503',
        nextAttemptAt: '2026-03-01T08:01:00.000Z',
        sentAt: null,
      },
    ],
    ...overrides,
  };
}

function alerts(list: AlertView[], emailConfigured = true): AlertsResponse {
  return {
    alerts: list,
    rules: [
      { key: 'behind_ramp', label: 'Behind the ramp', enabled: true, description: 'On each of the last 7 days.' },
      { key: 'week_drop', label: 'Week-over-week drop', enabled: true, description: 'More than 10 points.' },
      { key: 'sync_stale', label: 'Failing or stale sync', enabled: true, description: '2 periods.' },
      { key: 'shelfware', label: 'Shelfware', enabled: false, description: 'More than 30%.' },
    ],
    settings: launchPlan().alerts,
    emailConfigured,
  };
}

const subscription: AlertSubscription = {
  email: 'ann@example.com',
  departments: [],
  rules: [],
  channel: 'email',
  active: true,
  isDefault: true,
};

describe('Alerts page', () => {
  it('lists open and closed alerts with where each message went, and explains the rules', async () => {
    mockSignedInApi({
      'GET /api/plan': json(planHistory()),
      'GET /api/alerts': json(
        alerts([
          alert(),
          alert({
            id: 2,
            title: 'Support: 45.0% of seats are shelfware',
            rule: 'shelfware',
            status: 'closed',
            closedAt: '2026-03-02T08:00:00.000Z',
            deliveries: [],
          }),
        ]),
      ),
      'GET /api/alerts/subscription': json(subscription),
      'GET /api/alerts/webhooks': json({ webhooks: [] }),
    });
    renderApp('/alerts');
    const open = await screen.findByTestId('alert-1');
    expect(open).toHaveTextContent('Sales EMEA is behind plan on Active users (7 days)');
    expect(open).toHaveTextContent('Email to ann@example.com: sent 2026-03-01 08:00 UTC');
    expect(open).toHaveTextContent('Webhook sales-chat: 2 failed attempts (the webhook answered HTTP 503); next try 2026-03-01 08:01 UTC');
    expect(screen.getByTestId('alert-2')).toHaveTextContent('Closed 2026-03-02 08:00 UTC');
    expect(screen.getByText(/never sent again/)).toBeInTheDocument();
    expect(screen.getByText('(off)').closest('li')).toHaveTextContent('Shelfware');
  });

  it('saves the account’s own choice of alert emails', async () => {
    const api = mockSignedInApi(
      {
        'GET /api/plan': json(planHistory()),
        'GET /api/alerts': json(alerts([], false)),
        'GET /api/alerts/subscription': json({ ...subscription, active: false, email: 'vic@example.com' }),
        'PUT /api/alerts/subscription': json({
          ...subscription,
          email: 'vic@example.com',
          departments: ['Support'],
          rules: ['week_drop'],
          isDefault: false,
        }),
      },
      'viewer',
    );
    const user = userEvent.setup();
    renderApp('/alerts');
    expect(await screen.findByText(/Email is not set up on this server/)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Webhooks' })).not.toBeInTheDocument();
    await user.click(await screen.findByLabelText('Send me alert emails'));
    await user.click(screen.getByLabelText('Support'));
    await user.click(screen.getByLabelText('Week-over-week drop'));
    await user.click(screen.getByRole('button', { name: 'Save my alert emails' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(api.calls('PUT', '/api/alerts/subscription')[0].body).toEqual({
      active: true,
      departments: ['Support'],
      rules: ['week_drop'],
      channel: 'email',
    });
    expect(api.unhandled).toEqual([]);
  }, 20_000);

  it('lets an admin add a webhook and shows the server’s refusal', async () => {
    const api = mockSignedInApi({
      'GET /api/plan': json(planHistory()),
      'GET /api/alerts': json(alerts([])),
      'GET /api/alerts/subscription': json(subscription),
      'GET /api/alerts/webhooks': json({ webhooks: [] }),
      'POST /api/alerts/webhooks': apiError(400, 'WEBHOOK_INVALID', 'url: 10.0.0.8 is a private, loopback or link-local host'),
    });
    const user = userEvent.setup();
    renderApp('/alerts');
    const form = await screen.findByRole('form', { name: 'Add a webhook' });
    await user.click(within(form).getByRole('button', { name: 'Add webhook' }));
    expect(within(form).getByLabelText('URL')).toHaveAccessibleDescription(/Paste the incoming-webhook URL/);
    await user.type(within(form).getByLabelText('Name'), 'ops');
    await user.selectOptions(within(form).getByLabelText('Format'), 'json');
    await user.type(within(form).getByLabelText('URL'), 'https://10.0.0.8/hook');
    await user.type(within(form).getByLabelText('Signing secret (optional)'), 'a-secret-of-16-chars');
    await user.click(within(form).getByLabelText('Sales EMEA'));
    await user.click(within(form).getByRole('button', { name: 'Add webhook' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      '10.0.0.8 is a private, loopback or link-local host (WEBHOOK_INVALID)',
    );
    expect(api.calls('POST', '/api/alerts/webhooks')[0].body).toEqual({
      name: 'ops',
      url: 'https://10.0.0.8/hook',
      format: 'json',
      departments: ['Sales EMEA'],
      secret: 'a-secret-of-16-chars',
    });
  }, 20_000);
});
