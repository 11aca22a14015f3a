import { fireEvent, screen } from '@testing-library/react';
import type { AuditEntry } from '@uptake/shared';
import { json, mockApi } from '@/testing/mock-api';
import { renderWithProviders } from '@/testing/test-utils';
import { AuditLogPage } from './audit-log-page';

const entry = (id: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at: '2026-03-01T10:00:00.000Z',
  actor: 'tom@example.com',
  actorRole: 'trainer',
  action: 'people.view',
  target: 'GET /api/departments/Sales/people?asOf=2026-03-01',
  department: 'Sales',
  detail: { asOf: '2026-03-01', rows: 38 },
  ip: '10.0.0.5',
  ...overrides,
});

describe(AuditLogPage.name, () => {
  it('lists who saw what, filters by action and pages to older entries', async () => {
    const api = mockApi({
      'GET /api/audit': (request) => {
        if (request.query.get('before') === '5')
          return json({
            entries: [entry(4, { action: 'auth.login', target: 'session', department: null, detail: { method: 'password' } })],
            nextBefore: null,
          });
        return json({ entries: [entry(6), entry(5)], nextBefore: 5 });
      },
    });
    renderWithProviders(<AuditLogPage />);
    const first = await screen.findAllByText('GET /api/departments/Sales/people?asOf=2026-03-01');
    expect(first).toHaveLength(2);
    expect(screen.getAllByText('asOf: 2026-03-01; rows: 38 · from 10.0.0.5')).toHaveLength(2);

    fireEvent.click(screen.getByRole('button', { name: 'Older entries' }));
    expect(await screen.findByText('method: password · from 10.0.0.5')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Older entries' })).toBeDisabled();
    expect(api.calls('GET', '/api/audit').at(-1)?.query.get('before')).toBe('5');

    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'access.denied' } });
    await vi.waitFor(() => expect(api.calls('GET', '/api/audit').at(-1)?.query.get('action')).toBe('access.denied'));
    expect(api.calls('GET', '/api/audit').at(-1)?.query.get('before')).toBeNull();
  });
});
