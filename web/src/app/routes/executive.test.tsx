import { screen, within } from '@testing-library/react';
import { planHistory, roi } from '@/testing/fixtures';
import { apiError, json, mockSignedInApi } from '@/testing/mock-api';
import { renderApp, visibleText } from '@/testing/test-utils';

describe('Executive page', () => {
  it('shows every figure with how it was computed', async () => {
    mockSignedInApi({ 'GET /api/roi': json(roi()), 'GET /api/plan': json(planHistory()) });
    renderApp('/executive');
    const spend = await screen.findByTestId('roi-monthly-spend-value');
    expect(spend).toHaveTextContent('€3,500');
    expect(spend).toHaveAccessibleDescription('Licence spend per month Seats × cost per seat.');
    expect(screen.getByTestId('roi-shelfware-seats-value')).toHaveTextContent('18');
    expect(screen.getByTestId('roi-shelfware-cost-value')).toHaveTextContent('€1,260');
    // 3500 / 32 = 109.375 -> €109.38
    expect(screen.getByTestId('roi-cost-per-mau-value')).toHaveTextContent('€109.38');
    // stale 25000 of 100000 open = 25.0%
    expect(visibleText(screen.getByTestId('pipeline'))).toContain('Stale€25,000 (3 opportunities, 25.0% of the open amount)');
    expect(visibleText(screen.getByTestId('roi-adoption-latest'))).toBe(
      'Active users (7 days) on 1 Mar 2026: 55.0% against 62.0% expected · goal 85.0% by 15 Apr 2026',
    );
    expect(within(screen.getByTestId('spend-table')).getAllByRole('row')).toHaveLength(4);
    expect(visibleText(screen.getByTestId('roi-dept-Sales EMEA'))).toContain('€1,260');
  });

  it('shows an error the API gives', async () => {
    mockSignedInApi({
      'GET /api/roi': apiError(400, 'VALIDATION_FAILED', 'asOf: expected a date as YYYY-MM-DD'),
      'GET /api/plan': json(planHistory()),
    });
    renderApp('/executive');
    expect(await screen.findByRole('alert')).toHaveTextContent('asOf: expected a date as YYYY-MM-DD');
  });
});

describe('Executive page: missing data is not bad data', () => {
  it('says there is no login data instead of counting every seat as shelfware', async () => {
    const data = roi();
    data.dataCoverage = { loginsFrom: null, loginsTo: null, dataEndsOn: '2026-03-01' };
    mockSignedInApi({ 'GET /api/roi': json(data), 'GET /api/plan': json(planHistory()) });
    renderApp('/executive');
    expect(await screen.findByTestId('notice-no-logins')).toHaveTextContent('No login data');
    for (const id of ['roi-shelfware-seats-value', 'roi-shelfware-cost-value', 'roi-cost-per-mau-value', 'roi-mau-value']) {
      expect(screen.getByTestId(id)).toHaveTextContent('no login data');
    }
    // Spend does not need logins: 50 × 70 = €3,500.
    expect(screen.getByTestId('roi-monthly-spend-value')).toHaveTextContent('€3,500');
    const row = visibleText(screen.getByTestId('roi-dept-Sales EMEA'));
    expect(row).toContain('no login data');
    expect(row).not.toContain('€1,260');
  });

  it('says when the data ends', async () => {
    const data = roi();
    data.dataCoverage = { loginsFrom: '2016-10-20', loginsTo: '2017-12-31', dataEndsOn: '2017-12-31' };
    mockSignedInApi({ 'GET /api/roi': json(data), 'GET /api/plan': json(planHistory()) });
    renderApp('/executive?asOf=2026-03-01');
    expect(await screen.findByTestId('notice-data-ends')).toHaveTextContent('The data ends on 31 Dec 2017');
  });
});
