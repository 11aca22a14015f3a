import { screen, within } from '@testing-library/react';
import type { RestatementPage } from '@uptake/shared';
import { overview, people, planHistory, series } from '@/testing/fixtures';
import { json, mockSignedInApi } from '@/testing/mock-api';
import { renderApp, visibleText } from '@/testing/test-utils';

const report = () => {
  const data = overview();
  return { asOf: data.asOf, departments: data.departments, organisation: data.organisation };
};

const page = (overrides: Partial<RestatementPage> = {}): RestatementPage => ({
  total: 2,
  page: 1,
  pageSize: 20,
  items: [
    {
      id: 2,
      day: '2026-02-28',
      department: 'Sales EMEA',
      metric: 'active_users',
      oldValue: 0.5,
      newValue: 0.75,
      restatedAt: '2026-03-01T00:30:00.000Z',
      cause: { kind: 'sync', ref: '17' },
    },
    {
      id: 1,
      day: '2026-02-27',
      department: 'Sales EMEA',
      metric: 'training_completion',
      oldValue: null,
      newValue: null,
      restatedAt: '2026-03-01T00:30:00.000Z',
      cause: { kind: 'import', ref: '16' },
      suppressed: true,
    },
  ],
  ...overrides,
});

describe('Restatements panel', () => {
  it('explains what a restatement is and lists each change with old and new value and its cause', async () => {
    const api = mockSignedInApi({
      'GET /api/departments': json(report()),
      'GET /api/plan': json(planHistory()),
      'GET /api/departments/:name/series': json(series()),
      'GET /api/departments/:name/people': json(people()),
      'GET /api/restatements': json(page()),
    });
    renderApp('/departments/Sales%20EMEA');
    const table = await screen.findByTestId('restatements');
    expect(screen.getByText(/A restatement is a change to a day's stored value after it was first recorded/)).toBeInTheDocument();
    const row = within(table).getByTestId('restatement-2026-02-28-active_users');
    expect(visibleText(row)).toContain('Active users (7 days)');
    expect(visibleText(row)).toContain('50.0%');
    expect(visibleText(row)).toContain('75.0%');
    expect(visibleText(row)).toContain('late data of sync run 17');
    const hidden = within(table).getByTestId('restatement-2026-02-27-training_completion');
    expect(visibleText(hidden)).toContain('hidden');
    expect(visibleText(hidden)).toContain('late data of import run 16');
    expect(api.calls('GET', '/api/restatements')[0].query.get('department')).toBe('Sales EMEA');
  });

  it('says when no stored value ever changed', async () => {
    mockSignedInApi({
      'GET /api/departments': json(report()),
      'GET /api/plan': json(planHistory()),
      'GET /api/departments/:name/series': json(series()),
      'GET /api/departments/:name/people': json(people()),
      'GET /api/restatements': json(page({ total: 0, items: [] })),
    });
    renderApp('/departments/Sales%20EMEA');
    expect(await screen.findByText('No restatements')).toBeInTheDocument();
  });
});
