import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { planHistory } from '@/testing/fixtures';
import { json, mockSignedInApi } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

describe('Goals page: the day a version takes effect', () => {
  it('shows from when each version is in force, next to who stored it and when', async () => {
    mockSignedInApi({ 'GET /api/plan': json(planHistory()) });
    renderApp('/goals');
    expect(await screen.findByTestId('plan-version-2-effective')).toHaveTextContent('in force from 1 Feb 2026');
    expect(screen.getByTestId('plan-version-1-effective')).toHaveTextContent('in force from 15 Jan 2026');
  });

  it('refuses a day before the launch date without asking the server, and sends a good one with the new version', async () => {
    const saved = planHistory();
    const v3 = { ...saved.current!, version: 3, effectiveFrom: '2026-02-10' };
    const api = mockSignedInApi({ 'GET /api/plan': json(saved), 'PUT /api/plan': json(v3) });
    const user = userEvent.setup();
    renderApp('/goals');
    await user.click(await screen.findByRole('button', { name: 'Edit the plan' }));
    const effective = screen.getByLabelText('In force from (optional)');

    // the launch date of the plan is 2026-01-15
    fireEvent.change(effective, { target: { value: '2026-01-10' } });
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));
    const summary = await screen.findByTestId('plan-form-errors');
    expect(
      within(summary).getByRole('link', {
        name: 'In force from: The day it takes effect: 2026-01-10 is before the launch date 2026-01-15.',
      }),
    ).toHaveAttribute('href', '#plan-field-effectiveFrom');
    expect(api.calls('PUT', '/api/plan')).toHaveLength(0);

    fireEvent.change(effective, { target: { value: '2026-02-10' } });
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));
    expect(await screen.findByText('Saved as version 3.')).toBeInTheDocument();
    expect(api.calls('PUT', '/api/plan')[0].body).toMatchObject({ effectiveFrom: '2026-02-10' });
  });
});
