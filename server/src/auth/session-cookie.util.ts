import { CSRF_COOKIE, SESSION_COOKIE } from '@uptake/shared';
import type { Request, Response } from 'express';
import type { AuthConfig } from './auth.config';
import { serializeCookie } from './cookie.util';

function secureFor(request: Request, config: AuthConfig): boolean {
  return config.cookieSecure === 'auto' ? request.secure : config.cookieSecure;
}

/**
 * The session cookie (httpOnly: scripts cannot read it; SameSite=Strict: other sites cannot send
 * it) and the CSRF cookie (readable by the dashboard's script, which echoes it in X-CSRF-Token).
 */
export function setSessionCookies(request: Request, response: Response, config: AuthConfig, session: { token: string; csrfToken: string; expiresAt: number }, now: number): void {
  const maxAge = (session.expiresAt - now) / 1000;
  const secure = secureFor(request, config);
  response.append('Set-Cookie', serializeCookie(SESSION_COOKIE, session.token, { httpOnly: true, secure, sameSite: 'Strict', maxAge }));
  response.append('Set-Cookie', serializeCookie(CSRF_COOKIE, session.csrfToken, { httpOnly: false, secure, sameSite: 'Strict', maxAge }));
}

export function clearSessionCookies(request: Request, response: Response, config: AuthConfig): void {
  const secure = secureFor(request, config);
  response.append('Set-Cookie', serializeCookie(SESSION_COOKIE, '', { httpOnly: true, secure, sameSite: 'Strict', maxAge: 0 }));
  response.append('Set-Cookie', serializeCookie(CSRF_COOKIE, '', { httpOnly: false, secure, sameSite: 'Strict', maxAge: 0 }));
}

/** A short-lived cookie for the single sign-on round trip: Lax, because the provider sends the browser back from another site. */
export function setOidcCookie(request: Request, response: Response, config: AuthConfig, name: string, value: string, maxAgeSeconds: number): void {
  response.append('Set-Cookie', serializeCookie(name, value, { httpOnly: true, secure: secureFor(request, config), sameSite: 'Lax', maxAge: maxAgeSeconds, path: '/api/auth/oidc' }));
}
