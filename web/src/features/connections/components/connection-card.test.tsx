import type { ConnectionDetail, SyncRun } from '@uptake/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { connection, syncRun } from '@/testing/fixtures';
import { apiError, json, mockApi } from '@/testing/mock-api';
import { renderWithProviders } from '@/testing/test-utils';
import { ConnectionCard } from './connection-card';

const detail = (overrides: Partial<ConnectionDetail> = {}): ConnectionDetail => ({ ...connection(), options: { seed: 'uptake', client_secret: 'set' }, ...overrides });

describe(ConnectionCard.name, () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => vi.useRealTimers());

  it('starts a sync and polls its run every second until it ends, showing counts as they grow', async () => {
    const started: SyncRun = syncRun({ id: 8, trigger: 'manual', status: 'running', startedAt: new Date().toISOString(), finishedAt: null, counts: {} });
    const progress: SyncRun[] = [
      { ...started, counts: { users: 120 } },
      { ...started, counts: { users: 120, logins: 2000 } },
      { ...started, status: 'succeeded', finishedAt: new Date(Date.now() + 3000).toISOString(), counts: { users: 120, logins: 5400 } },
    ];
    const api = mockApi({
      'POST /api/connections/:id/sync': json({ run: started }, 202),
      'GET /api/sync-runs/:runId': () => json(progress.shift() ?? progress[progress.length - 1]),
      'GET /api/connections': json([detail()]),
    });
    renderWithProviders(<ConnectionCard connection={detail()} />);

    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    const status = await screen.findByTestId('sync-progress-8');
    expect(api.calls('POST', '/api/connections/1/sync')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Syncing…' })).toBeDisabled();
    // The run is read once as soon as progress shows, then once a second.
    await waitFor(() => expect(status).toHaveTextContent('Syncing… 120 users'));
    expect(api.calls('GET', '/api/sync-runs/8')).toHaveLength(1);

    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(api.calls('GET', '/api/sync-runs/8')).toHaveLength(2);
    expect(status).toHaveTextContent('120 users · 2,000 logins');
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(api.calls('GET', '/api/sync-runs/8')).toHaveLength(3);
    expect(status).toHaveTextContent('Sync finished in 3 s: 120 users · 5,400 logins');
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeEnabled();

    // No more polling once the run has ended.
    const polls = api.calls('GET', '/api/sync-runs/8').length;
    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(api.calls('GET', '/api/sync-runs/8')).toHaveLength(polls);
  });

  it('shows why a run failed', async () => {
    const started = syncRun({ id: 9, status: 'running', finishedAt: null, counts: {} });
    mockApi({
      'POST /api/connections/:id/sync': json({ run: started }, 202),
      'GET /api/sync-runs/:runId': json({ ...started, status: 'failed', finishedAt: started.startedAt, error: 'HubSpot refused the token (401)' }),
      'GET /api/connections': json([detail()]),
    });
    renderWithProviders(<ConnectionCard connection={detail()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(await screen.findByText(/Sync failed/)).toBeInTheDocument();
    expect(screen.getByTestId('sync-progress-9')).toHaveTextContent('HubSpot refused the token (401)');
  });

  it('says when the sync could not start', async () => {
    mockApi({ 'POST /api/connections/:id/sync': apiError(409, 'SYNC_RUNNING', 'connection demo is already syncing') });
    renderWithProviders(<ConnectionCard connection={detail()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Sync did not start: connection demo is already syncing');
  });

  it('follows a run that was already running when the page opened', async () => {
    const running = syncRun({ id: 11, trigger: 'schedule', status: 'running', finishedAt: null, counts: { users: 40 } });
    mockApi({ 'GET /api/sync-runs/:runId': json(running) });
    renderWithProviders(<ConnectionCard connection={detail({ lastRun: running })} />);
    expect(await screen.findByTestId('sync-progress-11')).toHaveTextContent('40 users');
  });

  it('tests the connection and shows the answer', async () => {
    mockApi({ 'POST /api/connections/:id/test': json({ ok: false, error: 'instance_url https://acme.example is unreachable' }) });
    renderWithProviders(<ConnectionCard connection={detail()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('Connection test failed: instance_url https://acme.example is unreachable')).toBeInTheDocument();
  });

  it('lists the run history with counts and errors', async () => {
    mockApi({
      'GET /api/connections/:id/runs': json([
        syncRun({ id: 2, status: 'failed', error: 'CRM answered 503', counts: { users: 10 } }),
        syncRun({ id: 1, trigger: 'startup' }),
      ]),
    });
    renderWithProviders(<ConnectionCard connection={detail()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Run history' }));
    const table = await screen.findByTestId('runs-1');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('Failed');
    expect(rows[1]).toHaveTextContent('CRM answered 503');
    expect(rows[2]).toHaveTextContent('120 users · 5,400 logins');
  });

  it('shows credentials only as set or not set, as the API redacts them', () => {
    renderWithProviders(<ConnectionCard connection={detail()} />);
    expect(screen.getByText('client_secret').nextSibling).toHaveTextContent(/^set$/);
    expect(screen.getByText('seed').nextSibling).toHaveTextContent('uptake');
  });
});
