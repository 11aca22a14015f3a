import { fireEvent, screen, within } from '@testing-library/react';
import type { AccountView } from '@uptake/shared';
import { apiError, json, mockApi, signedInAs } from '@/testing/mock-api';
import { renderWithProviders } from '@/testing/test-utils';
import { UsersPage } from './users-page';

const account = (overrides: Partial<AccountView>): AccountView => ({
  id: 1,
  email: 'admin@example.com',
  name: 'Ada',
  role: 'admin',
  departments: [],
  disabled: false,
  hasPassword: true,
  sso: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  lastLoginAt: null,
  ...overrides,
});

// Departments known to the plan (Sales EMEA, Support) and with seat holders (Sales APAC, Sales EMEA).
const knownDepartments = {
  'GET /api/users/departments': json({ departments: ['Sales APAC', 'Sales EMEA', 'Support'] }),
};

describe(UsersPage.name, () => {
  it('adds a trainer with departments and shows the generated password once', async () => {
    const accounts = [account({})];
    const api = mockApi({
      ...knownDepartments,
      'GET /api/auth/session': signedInAs({ account: accounts[0], via: 'session', csrfToken: 'c', peopleAccess: 'all', expiresAt: null }),
      'GET /api/users': () => json(accounts),
      'POST /api/users': (request) => {
        const created = account({ id: 2, email: 'tom@example.com', name: null, role: 'trainer', departments: ['Sales EMEA', 'Support'] });
        accounts.push(created);
        expect(request.body).toEqual({ email: 'tom@example.com', role: 'trainer', departments: ['Sales EMEA', 'Support'] });
        return json({ account: created, generatedPassword: 'Gen3rated-Pass-Word' }, 201);
      },
    });
    renderWithProviders(<UsersPage />);
    const form = screen.getByRole('form', { name: 'Add an account' });
    fireEvent.change(within(form).getByLabelText('Email'), { target: { value: 'tom@example.com' } });
    fireEvent.change(within(form).getByLabelText('Role'), { target: { value: 'trainer' } });
    // The departments are picked from those the plan and the CRM know, not typed.
    const picker = within(form).getByRole('group', { name: 'Departments' });
    await within(picker).findByRole('checkbox', { name: 'Support' });
    expect(
      within(picker)
        .getAllByRole('checkbox')
        .map((box) => box.closest('label')?.textContent),
    ).toEqual(['Sales APAC', 'Sales EMEA', 'Support']);
    fireEvent.click(within(picker).getByRole('checkbox', { name: 'Sales EMEA' }));
    fireEvent.click(within(picker).getByRole('checkbox', { name: 'Support' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Add account' }));
    expect(await screen.findByTestId('generated-password')).toHaveTextContent('Gen3rated-Pass-Word');
    expect(api.calls('POST', '/api/users')).toHaveLength(1);
    const assigned = await screen.findByRole('group', { name: 'Departments of tom@example.com' });
    expect(within(assigned).getByRole('checkbox', { name: 'Sales EMEA' })).toBeChecked();
    expect(within(assigned).getByRole('checkbox', { name: 'Sales APAC' })).not.toBeChecked();
  });

  it('changes a role, and shows why the server refused a change', async () => {
    const api = mockApi({
      ...knownDepartments,
      'GET /api/auth/session': signedInAs({ account: account({}), via: 'session', csrfToken: 'c', peopleAccess: 'all', expiresAt: null }),
      'GET /api/users': json([account({}), account({ id: 3, email: 'eve@example.com', name: 'Eve', role: 'viewer' })]),
      'PATCH /api/users/:id': (request) =>
        request.params.id === '1'
          ? apiError(409, 'LAST_ADMIN', 'admin@example.com is the last enabled admin: make another account admin first')
          : json(account({ id: 3, email: 'eve@example.com', name: 'Eve', role: 'executive' })),
    });
    renderWithProviders(<UsersPage />);
    fireEvent.change(await screen.findByRole('combobox', { name: 'Role of Eve (eve@example.com)' }), { target: { value: 'executive' } });
    const eveRow = screen.getByRole('row', { name: /Eve/ });
    fireEvent.click(within(eveRow).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(api.calls('PATCH', '/api/users/3')).toHaveLength(1));
    expect(api.calls('PATCH', '/api/users/3')[0].body).toEqual({ role: 'executive' });
    await vi.waitFor(() => expect(within(eveRow).getByRole('button', { name: 'Save' })).toBeEnabled());

    fireEvent.change(screen.getByRole('combobox', { name: 'Role of Ada (admin@example.com)' }), { target: { value: 'viewer' } });
    const adaRow = screen.getByRole('row', { name: /Ada/ });
    // One cannot disable oneself; demoting the last admin is refused by the server.
    expect(within(adaRow).getByRole('button', { name: 'Disable' })).toBeDisabled();
    fireEvent.click(within(adaRow).getByRole('button', { name: 'Save' }));
    expect(await within(adaRow).findByRole('alert')).toHaveTextContent('last enabled admin');
  });

  it('marks an assigned department that matches no known department, so a misspelling can be removed', async () => {
    const api = mockApi({
      ...knownDepartments,
      'GET /api/auth/me': json({ account: account({}), via: 'session', csrfToken: 'c', peopleAccess: 'all', expiresAt: null }),
      'GET /api/users': json([
        account({}),
        account({ id: 4, email: 'tina@example.com', name: 'Tina', role: 'trainer', departments: ['Sales Apac'] }),
      ]),
      'PATCH /api/users/:id': json(
        account({ id: 4, email: 'tina@example.com', name: 'Tina', role: 'trainer', departments: ['Sales APAC'] }),
      ),
    });
    renderWithProviders(<UsersPage />);
    const picker = await screen.findByRole('group', { name: 'Departments of Tina (tina@example.com)' });
    const misspelt = await within(picker).findByRole('checkbox', { name: /Sales Apac/ });
    expect(misspelt).toBeChecked();
    expect(misspelt.closest('label')).toHaveTextContent('Sales Apac (no such department)');
    fireEvent.click(misspelt);
    fireEvent.click(within(picker).getByRole('checkbox', { name: 'Sales APAC' }));
    fireEvent.click(within(screen.getByRole('row', { name: /Tina/ })).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(api.calls('PATCH', '/api/users/4')).toHaveLength(1));
    expect(api.calls('PATCH', '/api/users/4')[0].body).toEqual({ departments: ['Sales APAC'] });
  });
});
