import { screen } from '@testing-library/react';
import { planHistory } from '@/testing/fixtures';
import { json, mockSignedInApi } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

describe('plan history for someone who is not an admin', () => {
  it('shows each version, when and what changed, without a "by" for the authors the API leaves out', async () => {
    const history = planHistory();
    const anonymous = history.history.map((version) => ({ ...version, createdBy: null, source: null }));
    mockSignedInApi({ 'GET /api/plan': json({ current: anonymous[0], history: anonymous }) }, 'viewer');
    renderApp('/goals');
    const v2 = await screen.findByTestId('plan-version-2');
    expect(v2).toHaveTextContent('Version 2');
    expect(v2).toHaveTextContent('goal Sales EMEA / Stale opportunities: target 20% → 15%');
    expect(v2).not.toHaveTextContent('by');
    expect(v2).not.toHaveTextContent('null');
    expect(screen.getByText(/^Version 2, stored .*\.$/).textContent).not.toContain(' by ');
  });
});
