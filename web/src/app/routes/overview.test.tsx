import { screen, waitFor, within } from '@testing-library/react';
import { apiError, json, mockSignedInApi } from '@/testing/mock-api';
import { overview } from '@/testing/fixtures';
import { renderApp } from '@/testing/test-utils';

describe('Overview page', () => {
  it('shows a loading state, then the organisation, tiles, heatmap and sync status', async () => {
    let answer: (value: ReturnType<typeof json>) => void = () => {};
    mockSignedInApi({ 'GET /api/overview': () => new Promise((resolve) => (answer = resolve)) });
    renderApp('/');
    expect(await screen.findByText('Loading the overview…')).toBeInTheDocument();
    answer(json(overview()));

    expect(await screen.findByRole('heading', { name: 'Organisation health' })).toBeInTheDocument();
    // 96.25 -> 96.3, green
    expect(screen.getByTestId('org-health')).toHaveTextContent('96.3');
    expect(screen.getByTestId('org-seat-holders')).toHaveTextContent('120');
    expect(screen.getAllByRole('article')).toHaveLength(8);
    expect(screen.getByTestId('heat-Sales EMEA-active_users')).toHaveTextContent('55.0%');
    const sync = screen.getByTestId('sync-demo');
    expect(within(sync).getByText('Succeeded')).toBeInTheDocument();
    expect(within(sync).getByRole('link', { name: 'demo' })).toHaveAttribute('href', '/connections#connection-1');
  });

  it('shows the API error and retries on demand', async () => {
    const api = mockSignedInApi({ 'GET /api/overview': apiError(500, 'INTERNAL', 'database is locked') });
    renderApp('/');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the overview');
    expect(alert).toHaveTextContent('database is locked');
    api.on('GET /api/overview', json(overview()));
    within(alert).getByRole('button', { name: 'Try again' }).click();
    expect(await screen.findByTestId('org-health')).toHaveTextContent('96.3');
  });

  it('says what to do when there is no data yet', async () => {
    mockSignedInApi({
      'GET /api/overview': json(
        overview({
          departments: [],
          connections: [],
          weekEarlier: null,
          organisation: {
            seatHolders: 0,
            metrics: overview().weekEarlier!,
            expected: {},
            health: null,
            status: null,
            provenance: 'observed',
          },
        }),
      ),
    });
    renderApp('/');
    expect(await screen.findByText('No usage data yet')).toBeInTheDocument();
    expect(screen.getByText('No CRM connection yet')).toBeInTheDocument();
    expect(screen.getByText('No departments yet')).toBeInTheDocument();
  });

  it('reports a response that breaks the API contract instead of drawing nonsense', async () => {
    mockSignedInApi({ 'GET /api/overview': json({ asOf: '2026-03-01' }) });
    renderApp('/');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('does not match the API contract'));
  });
});

describe('Overview page: missing data is not bad data', () => {
  it('says there is no login data instead of showing 0.0% active', async () => {
    const noLogins = overview({ dataCoverage: { loginsFrom: null, loginsTo: null, dataEndsOn: '2026-03-01' } });
    noLogins.organisation = {
      ...noLogins.organisation,
      metrics: { ...noLogins.organisation.metrics, active_users: 0, monthly_active_users: 0, logins_per_user: 0 },
    };
    mockSignedInApi({ 'GET /api/overview': json(noLogins) });
    renderApp('/');
    expect(await screen.findByTestId('notice-no-logins')).toHaveTextContent('No login data');
    expect(screen.getByTestId('tile-value-active_users')).not.toHaveTextContent('0.0%');
    expect(screen.getByTestId('tile-active_users')).toHaveTextContent('no login data');
    expect(screen.getByTestId('tile-logins_per_user')).toHaveTextContent('no login data');
    expect(screen.getByTestId('heat-Sales EMEA-active_users')).toHaveTextContent('no login data');
    expect(screen.getByTestId('heat-Sales EMEA-active_users')).not.toHaveTextContent('55.0%');
    // Metrics that do not need logins keep their values: 0.64 -> 64.0%.
    expect(screen.getByTestId('tile-value-record_completeness')).toHaveTextContent('64.0%');
  });

  it('says when the data ends for a day long after it, with a link to that day', async () => {
    // Data ends on 2017-12-31; the day shown is 2026-03-01, far more than a week later.
    mockSignedInApi({
      'GET /api/overview': json(overview({ dataCoverage: { loginsFrom: '2016-10-20', loginsTo: '2017-12-31', dataEndsOn: '2017-12-31' } })),
    });
    renderApp('/?asOf=2026-03-01');
    const notice = await screen.findByTestId('notice-data-ends');
    expect(notice).toHaveTextContent('The data ends on 31 Dec 2017');
    expect(within(notice).getByRole('link', { name: 'Show 31 Dec 2017' })).toHaveAttribute('href', '/?asOf=2017-12-31');
  });

  it('says nothing about coverage when the data reaches the day', async () => {
    mockSignedInApi({ 'GET /api/overview': json(overview()) });
    renderApp('/?asOf=2026-03-01');
    await screen.findByTestId('org-health');
    expect(screen.queryByTestId('notice-data-ends')).not.toBeInTheDocument();
    expect(screen.queryByTestId('notice-no-logins')).not.toBeInTheDocument();
  });
});
