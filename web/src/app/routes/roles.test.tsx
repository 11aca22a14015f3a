import { screen, within } from '@testing-library/react';
import { overview, people, planHistory, salesEmea, series, training } from '@/testing/fixtures';
import { json, mockApi, mockSignedInApi, signedOut } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

describe('What each role sees', () => {
  it('a viewer gets no admin pages in the navigation and no link to the connections', async () => {
    mockSignedInApi({ 'GET /api/overview': json(overview()) }, 'viewer');
    renderApp('/');
    await screen.findByTestId('org-health');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Overview', 'Departments', 'Executive', 'Training', 'Goals', 'Interventions', 'Alerts']);
    expect(within(screen.getByTestId('sync-demo')).queryByRole('link')).not.toBeInTheDocument();
    expect(screen.getByLabelText('role: viewer')).toBeInTheDocument();
  });

  it('an admin gets the connections, users and audit log', async () => {
    mockSignedInApi({ 'GET /api/overview': json(overview()) });
    renderApp('/');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toContain('Audit log');
    expect(within(nav).getByRole('link', { name: 'Connections' })).toBeInTheDocument();
  });

  it('a viewer sees no people of a department and the API is not asked for them', async () => {
    const api = mockSignedInApi(
      {
        'GET /api/departments': json({
          asOf: '2026-03-01',
          provenance: 'observed',
          departments: [salesEmea],
          organisation: overview().organisation,
        }),
        'GET /api/plan': json(planHistory()),
        'GET /api/departments/:name/series': json(series()),
        'GET /api/departments/:name/people': json(people()),
      },
      'viewer',
    );
    renderApp('/departments/Sales%20EMEA');
    expect(await screen.findByText('People are not shown to your role')).toBeInTheDocument();
    expect(api.calls('GET', '/api/departments/Sales EMEA/people')).toHaveLength(0);
  });

  it('a trainer sees the people of their department', async () => {
    mockSignedInApi(
      {
        'GET /api/departments': json({
          asOf: '2026-03-01',
          provenance: 'observed',
          departments: [salesEmea],
          organisation: overview().organisation,
        }),
        'GET /api/plan': json(planHistory()),
        'GET /api/departments/:name/series': json(series()),
        'GET /api/departments/:name/people': json(people()),
      },
      'trainer',
    );
    renderApp('/departments/Sales%20EMEA');
    expect(await screen.findByTestId('people-table')).toBeInTheDocument();
  });

  it('a viewer cannot export the people to train', async () => {
    mockSignedInApi({ 'GET /api/training': json(training()) }, 'viewer');
    renderApp('/training');
    await screen.findByTestId('team-gaps');
    expect(screen.queryByRole('link', { name: 'Export CSV' })).not.toBeInTheDocument();
  });

  it('shows a small group hidden by the server as hidden, not as missing data', async () => {
    const small = {
      ...salesEmea,
      department: 'Legal',
      seatHolders: 3,
      metrics: overview().weekEarlier!,
      expected: {},
      attainment: undefined,
      health: null,
      status: null,
      suppressed: true,
    };
    small.metrics = {
      ...small.metrics,
      active_users: null,
      monthly_active_users: null,
      logins_per_user: null,
      record_completeness: null,
      stale_opportunities: null,
    };
    mockSignedInApi({ 'GET /api/overview': json(overview({ departments: [small] })), 'GET /api/plan': json(planHistory()) }, 'viewer');
    renderApp('/');
    const cell = await screen.findByTestId('heat-Legal-active_users');
    // The plan's privacy.min_group_size is 5.
    expect(within(cell).getByText('hidden (fewer than 5 people)')).toBeInTheDocument();
    expect(screen.getByTestId('heat-Legal-health')).toHaveTextContent('hidden (fewer than 5 people)');
  });

  it('sends a visitor without a session to the login page', async () => {
    mockApi({
      'GET /api/auth/session': signedOut(),
      'GET /api/auth/providers': json({ password: true, oidc: { enabled: false, label: '' } }),
    });
    const { router } = renderApp('/training?asOf=2026-03-01');
    expect(await screen.findByRole('heading', { name: /Sign in to Uptake/ })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });
});
