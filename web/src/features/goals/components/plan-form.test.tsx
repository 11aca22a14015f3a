import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { launchPlan, planHistory } from '@/testing/fixtures';
import { apiError, json, mockSignedInApi } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

describe('Goals page', () => {
  it('shows the goals, the plan and the version history with who, when and what changed', async () => {
    mockSignedInApi({ 'GET /api/plan': json(planHistory()) });
    renderApp('/goals');
    const goals = await screen.findByTestId('goals-table');
    // 0.85 -> 85.0%; 0.15 with baseline 0.4 -> 15.0%, 40.0%
    expect(within(goals).getByTestId('goal-*-active_users')).toHaveTextContent('All departmentsActive users (7 days)85.0%');
    expect(
      within(screen.getByTestId('goal-Sales EMEA-stale_opportunities'))
        .getAllByText(/%$/)
        .map((e) => e.textContent),
    ).toEqual(['15.0%', '40.0%']);
    const v2 = screen.getByTestId('plan-version-2');
    expect(v2).toHaveTextContent('Version 2');
    expect(v2).toHaveTextContent('by Ana Owner');
    expect(v2).toHaveTextContent('dashboard: stricter stale goal');
    // The history speaks the page's words: metric labels and percentages (0.2 -> 20%, 0.15 -> 15%).
    expect(v2).toHaveTextContent('goal Sales EMEA / Stale opportunities: target 20% → 15%');
    expect(v2).not.toHaveTextContent('stale_opportunities');
    expect(screen.getByTestId('plan-version-1')).toHaveTextContent('First version of the plan.');
  });

  it('names each remove button after its row and removes only that row', async () => {
    mockSignedInApi({ 'GET /api/plan': json(planHistory()) });
    const user = userEvent.setup();
    renderApp('/goals');
    await user.click(await screen.findByRole('button', { name: 'Edit the plan' }));
    const goalsBefore = screen.getAllByRole('button', { name: /^Remove goal \d+$/ }).length;
    await user.click(screen.getByRole('button', { name: 'Add a department' }));
    // the new department has no name yet: its button says which row it is
    const departments = launchPlan().departments.length;
    const unnamed = screen.getByRole('button', { name: `Remove department ${departments + 1}` });
    await user.click(unnamed);
    expect(screen.queryByRole('button', { name: `Remove department ${departments + 1}` })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: `Remove ${launchPlan().departments[0].name}` })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remove goal 1' }));
    expect(screen.getAllByRole('button', { name: /^Remove goal \d+$/ })).toHaveLength(goalsBefore - 1);
  });

  it('lists validation errors, links them to the fields and marks the fields invalid', async () => {
    const api = mockSignedInApi({ 'GET /api/plan': json(planHistory()) });
    const user = userEvent.setup();
    renderApp('/goals');
    await user.click(await screen.findByRole('button', { name: 'Edit the plan' }));
    const target = screen.getByRole('group', { name: 'Goal 1' });
    const targetInput = within(target).getByLabelText('Target (%)');
    await user.clear(targetInput);
    await user.type(targetInput, '150');
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));

    const summary = await screen.findByTestId('plan-form-errors');
    expect(summary).toHaveTextContent('The plan was not saved: 1 problem');
    expect(
      within(summary).getByRole('link', {
        name: 'Goal All departments / Active users (7 days): target: The target must be a percentage from 0 to 100.',
      }),
    ).toHaveAttribute('href', '#plan-field-goals-0-target');
    expect(targetInput).toHaveAttribute('aria-invalid', 'true');
    expect(targetInput).toHaveAccessibleDescription('The target must be a percentage from 0 to 100.');
    expect(api.calls('PUT', '/api/plan')).toHaveLength(0);
  });

  it('shows what will change, saves a new version with who and why, and shows the new history', async () => {
    const saved = planHistory();
    const next = launchPlan();
    next.goals[0] = { ...next.goals[0], target: 0.9 };
    const v3 = {
      ...saved.current!,
      version: 3,
      createdBy: 'admin@example.test',
      source: 'dashboard: raise adoption goal',
      plan: next,
      changes: ['goal * / active_users: target 0.85 → 0.9'],
    };
    const api = mockSignedInApi({ 'GET /api/plan': json(saved), 'PUT /api/plan': json(v3) });
    const user = userEvent.setup();
    renderApp('/goals');
    await user.click(await screen.findByRole('button', { name: 'Edit the plan' }));
    const targetInput = within(screen.getByRole('group', { name: 'Goal 1' })).getByLabelText('Target (%)');
    await user.clear(targetInput);
    await user.type(targetInput, '90');
    expect(screen.getByTestId('plan-preview')).toHaveTextContent('goal All departments / Active users (7 days): target 85% → 90%');
    expect(screen.getByText(/kept in the history as changed by/)).toHaveTextContent('changed by admin@example.test');
    await user.type(screen.getByLabelText('Comment (optional)'), 'raise adoption goal');
    api.on('GET /api/plan', json({ current: v3, history: [v3, ...saved.history] }));
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));

    expect(await screen.findByText('Saved as version 3.')).toBeInTheDocument();
    const [put] = api.calls('PUT', '/api/plan');
    expect(put.body).toMatchObject({ changedBy: 'admin@example.test', comment: 'raise adoption goal' });
    expect((put.body as { plan: { goals: Array<{ target: number }> } }).plan.goals[0].target).toBe(0.9);
    await waitFor(() =>
      expect(screen.getByTestId('plan-version-3')).toHaveTextContent('goal All departments / Active users (7 days): target 85% → 90%'),
    );
  });

  it('reports every mistake of one save, not only the first', async () => {
    const api = mockSignedInApi({ 'GET /api/plan': json(planHistory()) });
    const user = userEvent.setup();
    renderApp('/goals');
    await user.click(await screen.findByRole('button', { name: 'Edit the plan' }));
    // Goal 1: a target over 100% (a field mistake); goal 2: a target date before the launch on 2026-01-15 (a plan mistake).
    fireEvent.change(within(screen.getByRole('group', { name: 'Goal 1' })).getByLabelText('Target (%)'), { target: { value: '150' } });
    fireEvent.change(within(screen.getByRole('group', { name: 'Goal 2' })).getByLabelText('Target date'), {
      target: { value: '2026-01-01' },
    });
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));

    const summary = await screen.findByTestId('plan-form-errors');
    expect(summary).toHaveTextContent('The plan was not saved: 2 problems');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual([
      'Goal All departments / Active users (7 days): target: The target must be a percentage from 0 to 100.',
      'Goal Sales EMEA / Stale opportunities: target date: target date 2026-01-01 is before the launch date 2026-01-15',
    ]);
    expect(api.calls('PUT', '/api/plan')).toHaveLength(0);
  });

  it('lists every problem the server reports', async () => {
    mockSignedInApi({
      'GET /api/plan': json(planHistory()),
      'PUT /api/plan': apiError(400, 'VALIDATION_FAILED', 'the plan is invalid', [
        { path: 'plan.timezone', message: 'unknown time zone "Mars/Base"' },
        { path: 'plan.goals[1].target', message: 'stale_opportunities is a share: target must be between 0 and 1' },
      ]),
    });
    const user = userEvent.setup();
    renderApp('/goals');
    await user.click(await screen.findByRole('button', { name: 'Edit the plan' }));
    fireEvent.change(screen.getByLabelText('Comment (optional)'), { target: { value: 'no change, the server refuses' } });
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));
    const summary = await screen.findByTestId('plan-form-errors');
    expect(summary).toHaveTextContent('The plan was not saved: 2 problems');
    expect(summary).toHaveTextContent('Goal Sales EMEA / Stale opportunities: target: stale_opportunities is a share');
  });

  it('puts the server validation errors on the fields', async () => {
    mockSignedInApi({
      'GET /api/plan': json(planHistory()),
      'PUT /api/plan': apiError(400, 'VALIDATION_FAILED', 'the plan is invalid', [
        { path: 'plan.timezone', message: 'unknown time zone "Mars/Base"' },
      ]),
    });
    const user = userEvent.setup();
    renderApp('/goals');
    await user.click(await screen.findByRole('button', { name: 'Edit the plan' }));
    const timezone = screen.getByLabelText('Time zone');
    fireEvent.change(timezone, { target: { value: 'Mars/Base' } });
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));
    expect(await screen.findByTestId('plan-form-errors')).toHaveTextContent('Time zone: unknown time zone "Mars/Base"');
    expect(timezone).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('Goals page for other roles', () => {
  it('offers no editing to a viewer', async () => {
    mockSignedInApi({ 'GET /api/plan': json(planHistory()) }, 'viewer');
    renderApp('/goals');
    await screen.findByTestId('goals-table');
    expect(screen.queryByRole('button', { name: 'Edit the plan' })).not.toBeInTheDocument();
  });
});
