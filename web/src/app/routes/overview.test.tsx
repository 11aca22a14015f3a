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
    expect(screen.getAllByRole('article')).toHaveLength(6);
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
          organisation: { seatHolders: 0, metrics: overview().weekEarlier!, expected: {}, health: null, status: null },
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
