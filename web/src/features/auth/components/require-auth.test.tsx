import { screen } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router';
import { mockApi, signedInAs, signedOut } from '@/testing/mock-api';
import { renderWithProviders } from '@/testing/test-utils';
import { RequireAuth } from './require-auth';

function Where() {
  const location = useLocation();
  return <p>at {`${location.pathname}${location.search}`}</p>;
}

const account = {
  id: 2,
  email: 'vic@example.com',
  name: null,
  role: 'viewer',
  departments: [],
  disabled: false,
  hasPassword: true,
  sso: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  lastLoginAt: null,
};

function renderAt(url: string, role?: 'admin') {
  return renderWithProviders(
    <Routes>
      <Route path="/login" element={<Where />} />
      <Route
        path="*"
        element={
          <RequireAuth role={role}>
            <p>the page</p>
          </RequireAuth>
        }
      />
    </Routes>,
    { url },
  );
}

describe(RequireAuth.name, () => {
  it('sends a visitor without a session to the login page, remembering where they were going', async () => {
    mockApi({ 'GET /api/auth/session': signedOut() });
    renderAt('/departments/Sales?asOf=2026-03-01');
    expect(await screen.findByText('at /login?next=%2Fdepartments%2FSales%3FasOf%3D2026-03-01')).toBeInTheDocument();
    expect(screen.queryByText('the page')).not.toBeInTheDocument();
  });

  it('shows the page to a signed-in account, and says so when the role does not fit', async () => {
    mockApi({ 'GET /api/auth/session': signedInAs({ account, via: 'session', csrfToken: 'c', peopleAccess: 'none', expiresAt: null }) });
    const first = renderAt('/');
    expect(await screen.findByText('the page')).toBeInTheDocument();
    first.unmount();
    renderAt('/admin/users', 'admin');
    expect(await screen.findByText('Not for your role')).toBeInTheDocument();
    expect(screen.queryByText('the page')).not.toBeInTheDocument();
  });
});
