import { CSRF_COOKIE, SESSION_COOKIE, cookieName } from '@uptake/shared';
import type { Request, Response } from 'express';
import type { AuthConfig } from './auth.config';
import { parseCookies, serializeCookie } from './cookie.util';

/** The single sign-on round trip's cookie (bare name; `__Host-` over HTTPS). */
export const OIDC_COOKIE = 'uptake_oidc';

/**
 * Whether the request's cookies are Secure and `__Host-` named: over HTTPS (behind a TLS proxy
 * only when UPTAKE_TRUST_PROXY lets Express believe X-Forwarded-Proto), or always/never with
 * UPTAKE_COOKIE_SECURE=true/false.
 */
function secureFor(request: Request, config: AuthConfig): boolean {
  return config.cookieSecure === 'auto' ? request.secure : config.cookieSecure;
}

/**
 * The value of cookie `base` under the name this request's connection uses: over HTTPS only the
 * `__Host-` name counts (a bare one could have been planted over plain HTTP or by a sibling domain).
 */
export function readCookie(request: Request, config: AuthConfig, base: string): string | undefined {
  return parseCookies(request.headers.cookie)[cookieName(base, secureFor(request, config))];
}

/**
 * The session cookie (httpOnly: scripts cannot read it; SameSite=Strict: other sites cannot send
 * it) and the CSRF cookie (readable by the dashboard's script, which echoes it in X-CSRF-Token).
 */
export function setSessionCookies(
  request: Request,
  response: Response,
  config: AuthConfig,
  session: { token: string; csrfToken: string; expiresAt: number },
  now: number,
): void {
  const maxAge = (session.expiresAt - now) / 1000;
  const secure = secureFor(request, config);
  response.append(
    'Set-Cookie',
    serializeCookie(cookieName(SESSION_COOKIE, secure), session.token, { httpOnly: true, secure, sameSite: 'Strict', maxAge }),
  );
  response.append(
    'Set-Cookie',
    serializeCookie(cookieName(CSRF_COOKIE, secure), session.csrfToken, { httpOnly: false, secure, sameSite: 'Strict', maxAge }),
  );
}

export function clearSessionCookies(request: Request, response: Response, config: AuthConfig): void {
  const secure = secureFor(request, config);
  response.append(
    'Set-Cookie',
    serializeCookie(cookieName(SESSION_COOKIE, secure), '', { httpOnly: true, secure, sameSite: 'Strict', maxAge: 0 }),
  );
  response.append(
    'Set-Cookie',
    serializeCookie(cookieName(CSRF_COOKIE, secure), '', { httpOnly: false, secure, sameSite: 'Strict', maxAge: 0 }),
  );
}

/**
 * The short-lived cookie of the single sign-on round trip: Lax, because the provider sends the
 * browser back from another site. Over HTTPS `__Host-uptake_oidc` (which must have Path=/),
 * over plain HTTP `uptake_oidc` for /api/auth/oidc only.
 */
export function setOidcCookie(request: Request, response: Response, config: AuthConfig, value: string, maxAgeSeconds: number): void {
  const secure = secureFor(request, config);
  response.append(
    'Set-Cookie',
    serializeCookie(cookieName(OIDC_COOKIE, secure), value, {
      httpOnly: true,
      secure,
      sameSite: 'Lax',
      maxAge: maxAgeSeconds,
      path: secure ? '/' : '/api/auth/oidc',
    }),
  );
}
