import type { ConnectionDetail, SyncRun } from '@uptake/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { connection, syncRun } from '@/testing/fixtures';
import { apiError, json, mockApi } from '@/testing/mock-api';
import { renderWithProviders } from '@/testing/test-utils';
import { ConnectionCard } from './connection-card';

const detail = (overrides: Partial<ConnectionDetail> = {}): ConnectionDetail => ({
  ...connection(),
  options: { seed: 'uptake', client_secret: 'set' },
  ...overrides,
});

describe(ConnectionCard.name, () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => vi.useRealTimers());

  it('starts a sync and polls its run every second until it ends, showing counts as they grow', async () => {
    const started: SyncRun = syncRun({
      id: 8,
      trigger: 'manual',
      status: 'running',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      counts: {},
    });
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
      'GET /api/sync-runs/:runId': json({
        ...started,
        status: 'failed',
        finishedAt: started.startedAt,
        error: 'HubSpot refused the token (401)',
      }),
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
  it('does not show a green "Scheduled" badge when the last run failed', () => {
    const failed = syncRun({ status: 'failed', error: 'Salesforce refused the credentials' });
    renderWithProviders(<ConnectionCard connection={detail({ lastRun: failed })} />);
    const badge = screen.getByText('Last sync failed');
    expect(badge).toHaveClass('badge', 'badge-red');
    expect(screen.queryByText('Scheduled')).not.toBeInTheDocument();
  });

  it('shows "Scheduled" in green after a successful run, and the schedule in words', () => {
    renderWithProviders(<ConnectionCard connection={detail({ schedule: '30 6 * * 1-5' })} />);
    expect(screen.getByText('Scheduled')).toHaveClass('badge-green');
    expect(screen.getByText('Schedule').nextSibling).toHaveTextContent('At 06:30, Monday through Friday (UTC) 30 6 * * 1-5');
  });

  it("edits a connection with the add form's fields, sending only what changed and keeping a stored secret left empty", async () => {
    const salesforce = detail({
      kind: 'salesforce',
      name: 'sf',
      options: { instance_url: 'https://acme.my.salesforce.com', client_id: 'first-id', client_secret: 'set' },
    });
    const api = mockApi({
      'PATCH /api/connections/:id': ({ body }) =>
        json({ ...salesforce, priority: 5, options: { ...salesforce.options, ...(body as { options: object }).options } }),
      'GET /api/connections': json([salesforce]),
    });
    renderWithProviders(<ConnectionCard connection={salesforce} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('form', { name: 'Edit connection sf' });
    expect(within(form).getByLabelText('instance_url (required)')).toHaveValue('https://acme.my.salesforce.com');
    expect(within(form).getByLabelText('client_secret (required)')).toHaveValue('');
    expect(within(form).getByLabelText('client_secret (required)')).toHaveAccessibleDescription(/Stored; leave empty to keep it/);
    expect(within(form).getByLabelText('priority')).toHaveValue('10');

    fireEvent.change(within(form).getByLabelText('client_id (required)'), { target: { value: 'second-id' } });
    fireEvent.change(within(form).getByLabelText('priority'), { target: { value: 'high' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(within(form).getByLabelText('priority')).toHaveAccessibleDescription(/Priority is a whole number/);
    expect(api.calls('PATCH', '/api/connections/1')).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('priority'), { target: { value: '5' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.calls('PATCH', '/api/connections/1')).toHaveLength(1));
    expect(api.calls('PATCH', '/api/connections/1')[0].body).toEqual({ options: { client_id: 'second-id', priority: '5' } });
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit connection sf' })).not.toBeInTheDocument());
  });

  it('shows why the server refused an edit', async () => {
    mockApi({
      'PATCH /api/connections/:id': apiError(
        400,
        'CONNECTOR_OPTIONS_INVALID',
        'invalid demo connection options: option "people": at least 30',
      ),
    });
    renderWithProviders(<ConnectionCard connection={detail()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add an option' }));
    // the fixture's client_secret (not a demo option) is the first other option; the new row is the last
    fireEvent.change(screen.getAllByLabelText('Option name').at(-1)!, { target: { value: 'people' } });
    fireEvent.change(screen.getAllByLabelText('Value').at(-1)!, { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('option "people": at least 30 (CONNECTOR_OPTIONS_INVALID)');
  });

  it('removes a connection after a confirmation that says its data is kept, marked deleted', async () => {
    const api = mockApi({
      'DELETE /api/connections/:id': json({ name: 'demo', purged: false, rows: { crm_users: 320, opportunities: 900, records: 1200 } }),
      'GET /api/connections': json([]),
    });
    renderWithProviders(<ConnectionCard connection={detail()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove connection "demo"?' });
    expect(dialog).toHaveTextContent('It stops syncing. Its data stays in Uptake, marked deleted as of now');
    expect(dialog).toHaveTextContent('Daily snapshots already stored keep their values');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove connection' }));
    await waitFor(() => expect(api.calls('DELETE', '/api/connections/1')).toHaveLength(1));
    expect(api.calls('DELETE', '/api/connections/1')[0].query.toString()).toBe('');
  });

  it("purges only once the connection's name is typed", async () => {
    const api = mockApi({
      'DELETE /api/connections/:id': json({ name: 'demo', purged: true, rows: { crm_users: 320 } }),
      'GET /api/connections': json([]),
    });
    renderWithProviders(<ConnectionCard connection={detail()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove…' }));
    const dialog = screen.getByRole('alertdialog');
    fireEvent.click(within(dialog).getByLabelText('Also delete all its data for good'));
    expect(dialog).toHaveTextContent('This cannot be undone');
    const purge = within(dialog).getByRole('button', { name: 'Delete for good' });
    expect(purge).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText("Type the connection's name, demo, to confirm"), { target: { value: 'dem' } });
    expect(purge).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText("Type the connection's name, demo, to confirm"), { target: { value: 'demo' } });
    fireEvent.click(purge);
    await waitFor(() => expect(api.calls('DELETE', '/api/connections/1')).toHaveLength(1));
    expect(api.calls('DELETE', '/api/connections/1')[0].query.toString()).toBe('purge=true&confirm=demo');
  });

  it('shows a removed connection as removed, with no sync or edit, only deleting its data', () => {
    renderWithProviders(<ConnectionCard connection={detail({ enabled: false, removedAt: '2026-03-02T10:00:00.000Z' })} />);
    expect(screen.getByText('Removed')).toHaveClass('badge-none');
    expect(screen.queryByRole('button', { name: 'Sync now' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Delete data…' }));
    expect(screen.getByRole('alertdialog', { name: 'Delete the data of "demo" for good?' })).toBeInTheDocument();
  });
});
