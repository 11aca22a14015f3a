import { useState, type FormEvent } from 'react';
import { ssoErrorText } from '@uptake/shared';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Field } from '@/components/ui/field';
import { ApiError } from '@/lib/api-client';
import { useAuthProviders } from '../api/get-auth-providers';
import { useSession } from '../api/get-session';
import { useLogin } from '../api/login';

/**
 * Every `%XX` escape decoded, again until nothing changes (`%252F` is `/` decoded twice; a lone
 * `%`, as in `100%`, stays); null when still changing after 5 rounds. Bytes, not UTF-8: only
 * ASCII characters are looked at.
 */
function decodedFully(text: string): string | null {
  let current = text;
  for (let round = 0; round < 5; round += 1) {
    const next = current.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === current) return current;
    current = next;
  }
  return null;
}

/**
 * Where to go after signing in: a path of this app only, never another site. Browsers read `\`
 * as `/` and drop tabs and line breaks in URLs, so `/\evil.com` or `/<tab>/evil.com` would mean
 * `//evil.com`: any backslash or control character, and `//` at the start, refuse the value, also
 * when percent-encoded. The login page itself is not a destination either.
 */
export function safeNext(next: string | null): string {
  const decoded = next === null ? null : decodedFully(next);
  if (next === null || decoded === null || !next.startsWith('/')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(decoded) || decoded.startsWith('//') || /^\/login(?:[/?#]|$)/i.test(decoded)) return '/';
  return next;
}

/** The sign-in page (route `/login`, outside the app layout): email and password, or single sign-on. */
export function LoginPage() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(search.get('next'));
  const session = useSession();
  const providers = useAuthProviders();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const signIn = useLogin({ onSuccess: () => navigate(next, { replace: true }) });

  if (session.data) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      email: email.trim() ? undefined : 'Enter your email address.',
      password: password ? undefined : 'Enter your password.',
    };
    setMissing(found);
    if (found.email || found.password) return;
    signIn.mutate({ email: email.trim(), password });
  };

  const error = signIn.error instanceof ApiError ? signIn.error : null;
  // Never the text of the URL (anyone can send a link): the text of the reason it names.
  const ssoError = ssoErrorText(search.get('error'));
  return (
    <main className="login-page" id="main" style={{ padding: '4rem 1rem' }}>
      <div className="card login-card" style={{ maxWidth: '24rem', margin: '0 auto' }}>
        <h1>
          <span className="brand-mark" aria-hidden="true">
            ▲
          </span>{' '}
          Sign in to Uptake
        </h1>
        {ssoError ? (
          <div className="form-errors" role="alert">
            <p>{ssoError}</p>
          </div>
        ) : null}
        {error ? (
          <div className="form-errors" role="alert">
            <p>{error.code === 'INVALID_CREDENTIALS' ? 'Wrong email or password.' : error.message}</p>
          </div>
        ) : null}
        <form className="form" onSubmit={submit} noValidate aria-label="Sign in">
          <Field label="Email" error={missing.email}>
            <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <Field label="Password" error={missing.password}>
            <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </Field>
          <button type="submit" className="button" disabled={signIn.isPending}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <FirstPasswordHint />
        {providers.data?.oidc.enabled ? (
          <p className="login-sso">
            <a className="button button-secondary" href="/api/auth/oidc/login">
              {providers.data.oidc.label}
            </a>
          </p>
        ) : null}
      </div>
    </main>
  );
}

/** Where the first admin's password comes from (DESIGN.md: printed once at the first start), and how an admin resets one. */
function FirstPasswordHint() {
  return (
    <p className="field-hint login-hint">
      First time? The first admin&apos;s password is printed once in the server log of the first start. An admin can reset it with{' '}
      <code>npm run uptake -- user set EMAIL --reset-password</code>.
    </p>
  );
}
