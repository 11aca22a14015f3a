import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { departmentPresence, overview, people, planHistory, series } from '@/testing/fixtures';
import { apiError, json, mockSignedInApi } from '@/testing/mock-api';
import { renderApp, visibleText } from '@/testing/test-utils';

const report = () => {
  const data = overview();
  return { asOf: data.asOf, provenance: 'observed', departments: data.departments, organisation: data.organisation };
};

describe('Department page', () => {
  it('shows the metrics, the trend with the goal, managers and people of the department', async () => {
    const api = mockSignedInApi({
      'GET /api/departments': json(report()),
      'GET /api/plan': json(planHistory()),
      'GET /api/departments/:name/series': json(series()),
      'GET /api/departments/:name/people': json(people()),
      'GET /api/departments/:name/presence': json(departmentPresence()),
    });
    renderApp('/departments/Sales%20EMEA?asOf=2026-03-01');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sales EMEA' })).toBeInTheDocument();
    expect(await screen.findByTestId('dept-value-active_users')).toHaveTextContent('55.0%');
    expect(screen.getByTestId('dept-health')).toHaveTextContent('78.1');

    // The latest point 0.55 against 0.8 expected; the "*" goal 85% by 15 Apr 2026 applies to the department.
    const trend = await screen.findByTestId('trend-active_users');
    expect(visibleText(trend)).toBe('Active users (7 days)1 Mar 2026: 55.0% against 80.0% expected · goal 85.0% by 15 Apr 2026');
    expect(visibleText(screen.getByTestId('trend-stale_opportunities'))).toContain('goal 15.0% by 30 Jun 2026');
    expect(visibleText(screen.getByTestId('trend-logins_per_user'))).toContain('no goal in the plan');
    expect(api.calls('GET', '/api/departments/Sales EMEA/series')[0].query.get('to')).toBe('2026-03-01');
    // the fixture's first day ends before Uptake first read the CRM data: its line is dashed, and the page says why
    expect(screen.getByTestId('trend-reconstructed-days')).toHaveTextContent(
      '1 of 3 days are reconstructed (drawn with short dashes): they end before Uptake first read the CRM data they use',
    );
    expect(screen.getByTestId('legend-reconstructed')).toBeInTheDocument();

    const managers = await screen.findByTestId('manager-breakdown');
    expect(within(managers).getByTestId('manager-Grace Hopper-active_users')).toHaveTextContent('100.0%');
    expect(within(managers).getByTestId('manager-No manager-logins_per_user')).toHaveTextContent('0.0');

    const ada = screen.getByTestId('person-u1');
    // 0.75 of 8 tracked records; 1 of 4 open opportunities stale; 1 of 2 courses
    expect(ada).toHaveTextContent('Ada Lovelace');
    expect(ada).toHaveTextContent('75.0% of 8');
    expect(ada).toHaveTextContent('1 of 4');
    expect(ada).toHaveTextContent('1 of 2');
    // 6 activities in 7 days, the last on 28 Feb; logs in and works
    expect(ada).toHaveTextContent('Logs in and works');
    // cells after the name: manager, last login, logins 7 and 30 days, then activities in 7 days
    expect(within(ada).getAllByRole('cell')[4]).toHaveTextContent(/^6/);
    const bob = screen.getByTestId('person-u2');
    expect(bob).toHaveTextContent('never');
    expect(bob).toHaveTextContent('no open');
    expect(bob).toHaveTextContent('none');
    expect(bob).toHaveTextContent('Neither');
    expect(await screen.findByTestId('quadrant-works_only')).toHaveTextContent('4');
    expect(api.calls('GET', '/api/departments/Sales EMEA/presence')[0].query.get('asOf')).toBe('2026-03-01');
    expect(api.calls('GET', '/api/departments/Sales EMEA/people')[0].query.get('asOf')).toBe('2026-03-01');
  });

  it('sorts and filters the people table', async () => {
    mockSignedInApi({
      'GET /api/departments': json(report()),
      'GET /api/plan': json(planHistory()),
      'GET /api/departments/:name/series': json(series()),
      'GET /api/departments/:name/people': json(people()),
    });
    const user = userEvent.setup();
    renderApp('/departments/Sales%20EMEA');
    const table = await screen.findByTestId('people-table');
    const names = () =>
      within(table)
        .getAllByRole('rowheader')
        .map((cell) => cell.firstChild?.textContent);
    expect(names()).toEqual(['Ada Lovelace', 'Bob Idle']);
    await user.click(within(table).getByRole('button', { name: /Logins \(7 days\)/ }));
    expect(names()).toEqual(['Bob Idle', 'Ada Lovelace']);
    expect(within(table).getByRole('columnheader', { name: /Logins \(7 days\)/ })).toHaveAttribute('aria-sort', 'ascending');
    await user.type(screen.getByLabelText('Filter people'), 'grace');
    expect(names()).toEqual(['Ada Lovelace']);
    expect(screen.getByText('1 of 2 people')).toBeInTheDocument();
  });

  it('writes the chart range to the URL', async () => {
    const api = mockSignedInApi({
      'GET /api/departments': json(report()),
      'GET /api/plan': json(planHistory()),
      'GET /api/departments/:name/series': json(series()),
      'GET /api/departments/:name/people': json(people()),
    });
    const { router } = renderApp('/departments/Sales%20EMEA');
    await screen.findByTestId('trend-active_users');
    const from = screen.getByLabelText('From');
    expect(from).toHaveValue('2026-01-15');
    fireEvent.change(from, { target: { value: '2026-02-01' } });
    await waitFor(() => expect(router.state.location.search).toBe('?from=2026-02-01'));
    await waitFor(() =>
      expect(api.calls('GET', '/api/departments/Sales EMEA/series').some((call) => call.query.get('from') === '2026-02-01')).toBe(true),
    );
  });

  it('says when the role may not see people, and when there are no snapshots', async () => {
    mockSignedInApi({
      'GET /api/departments': json(report()),
      'GET /api/plan': json(planHistory()),
      'GET /api/departments/:name/series': json({ ...series(), points: [] }),
      'GET /api/departments/:name/people': apiError(403, 'FORBIDDEN', 'people-level data needs the trainer or admin role'),
    });
    renderApp('/departments/Sales%20EMEA');
    expect(await screen.findByText('No daily snapshots in this range')).toBeInTheDocument();
    expect(await screen.findByText('Your role may not see people in this department')).toBeInTheDocument();
  });

  it('shows the organisation for "*" without a people table', async () => {
    mockSignedInApi({
      'GET /api/departments': json(report()),
      'GET /api/plan': json(planHistory()),
      'GET /api/departments/:name/series': json({ ...series(), department: '*' }),
    });
    renderApp('/departments/*');
    expect(await screen.findByRole('heading', { level: 1, name: 'Organisation' })).toBeInTheDocument();
    expect(await screen.findByTestId('dept-value-active_users')).toHaveTextContent('71.3%');
    expect(screen.getByText('People are shown per department')).toBeInTheDocument();
  });
});

describe('Department page: date edges', () => {
  const routes = () => ({
    'GET /api/departments': json(report()),
    'GET /api/plan': json(planHistory()),
    'GET /api/departments/:name/series': json(series()),
    'GET /api/departments/:name/people': json(people()),
  });

  it('explains a day before launch and shows the trend from launch instead of an error', async () => {
    const api = mockSignedInApi(routes());
    // The plan launched on 2026-01-15.
    renderApp('/departments/Sales%20EMEA?asOf=2026-01-01');
    expect(await screen.findByTestId('notice-before-launch')).toHaveTextContent('1 Jan 2026 is before the launch on 15 Jan 2026');
    await screen.findByTestId('trend-active_users');
    const [call] = api.calls('GET', '/api/departments/Sales EMEA/series');
    expect(call.query.get('to')).toBeNull();
    expect(call.query.get('from')).toBeNull();
  });

  it('shows today with a notice for a future day typed into the URL, and never asks the API for it', async () => {
    const api = mockSignedInApi(routes());
    renderApp('/departments/Sales%20EMEA?asOf=2999-01-01');
    expect(await screen.findByTestId('notice-future-day')).toHaveTextContent('1 Jan 2999 is in the future: showing today');
    await screen.findByTestId('trend-active_users');
    expect(api.requests.every((request) => ![...request.query.values()].includes('2999-01-01'))).toBe(true);
    expect(api.calls('GET', '/api/departments')[0].query.has('asOf')).toBe(false);
  });
});
