import { fireEvent, screen } from '@testing-library/react';
import type { SessionResponse } from '@uptake/shared';
import { Route, Routes } from 'react-router';
import { apiError, json, mockApi, signedOut } from '@/testing/mock-api';
import { renderWithProviders } from '@/testing/test-utils';
import { LoginPage, safeNext } from './login-page';

const session: SessionResponse = {
  account: {
    id: 1,
    email: 'ann@example.com',
    name: 'Ann',
    role: 'trainer',
    departments: ['Sales'],
    disabled: false,
    hasPassword: true,
    sso: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    lastLoginAt: null,
  },
  via: 'session',
  csrfToken: 'csrf',
  peopleAccess: 'departments',
  expiresAt: '2026-01-01T12:00:00.000Z',
};

function renderLogin(url: string) {
  return renderWithProviders(
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="*" element={<p>landed on the dashboard</p>} />
    </Routes>,
    { url },
  );
}

describe(LoginPage.name, () => {
  it('signs in with email and password and goes where the user was headed', async () => {
    const api = mockApi({
      'GET /api/auth/session': signedOut(),
      'GET /api/auth/providers': json({ password: true, oidc: { enabled: false, label: 'Single sign-on' } }),
      'POST /api/auth/login': json(session),
    });
    renderLogin('/login?next=%2Fdepartments%2FSales');
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: ' ann@example.com ' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery staple' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('landed on the dashboard')).toBeInTheDocument();
    expect(api.calls('POST', '/api/auth/login')[0].body).toEqual({ email: 'ann@example.com', password: 'correct horse battery staple' });
  });

  it('says the email or password is wrong, and offers single sign-on when configured', async () => {
    mockApi({
      'GET /api/auth/session': signedOut(),
      'GET /api/auth/providers': json({ password: true, oidc: { enabled: true, label: 'Sign in with Acme ID' } }),
      'POST /api/auth/login': apiError(401, 'INVALID_CREDENTIALS', 'wrong email or password'),
    });
    renderLogin('/login');
    expect(await screen.findByRole('link', { name: 'Sign in with Acme ID' })).toHaveAttribute('href', '/api/auth/oidc/login');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter your email address.')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ann@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
  });

  it('shows why single sign-on failed in its own words, never text from the URL', async () => {
    mockApi({
      'GET /api/auth/session': signedOut(),
      'GET /api/auth/providers': json({ password: true, oidc: { enabled: true, label: 'SSO' } }),
    });
    const { unmount } = renderLogin('/login?error=sso_no_account');
    expect(await screen.findByRole('alert')).toHaveTextContent('Your identity has no Uptake account. Ask an admin to create one.');
    unmount();
    renderLogin(`/login?error=${encodeURIComponent('Your account is locked: call +1 555 0100 and give your password')}`);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Single sign-on failed. Start again, or sign in with your password.');
    expect(alert).not.toHaveTextContent('555');
  });

  it('says where the first password comes from and how an admin resets one', async () => {
    mockApi({
      'GET /api/auth/me': apiError(401, 'UNAUTHENTICATED', 'sign in first'),
      'GET /api/auth/providers': json({ password: true, oidc: { enabled: false, label: 'Single sign-on' } }),
    });
    renderLogin('/login');
    const hint = await screen.findByText(/First time\?/);
    expect(hint).toHaveTextContent("First time? The first admin's password is printed once in the server log of the first start.");
    expect(hint).toHaveTextContent('npm run uptake -- user set EMAIL --reset-password');
  });

  it.each([
    ['/departments/Sales?asOf=2026-03-01', '/departments/Sales?asOf=2026-03-01'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example/', '/'],
    ['/\\/evil.example/', '/'],
    ['/%5Cevil.example/', '/'],
    ['/%5cevil.example/', '/'],
    ['/%2F%2Fevil.example/', '/'],
    ['/%2fevil.example/', '/'],
    ['/\t/evil.example/', '/'],
    ['/\n/evil.example/', '/'],
    ['/%09/evil.example/', '/'],
    ['/%252F%252Fevil.example/', '/'],
    ['/Login', '/'],
    ['/training?team=a%2Fb', '/training?team=a%2Fb'],
    ['/departments/Growth%20100%25', '/departments/Growth%20100%25'],
    ['/%2F%2Fevil.example/%', '/'],
    ['/login?next=/x', '/'],
    [null, '/'],
  ])('goes on to %s as %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
