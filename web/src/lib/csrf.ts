import { CSRF_COOKIE, cookieName } from '@uptake/shared';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The value of cookie `name` in a `document.cookie` string, or null. */
function cookieValue(cookies: string, name: string): string | null {
  for (const part of cookies.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return null;
}

/**
 * The value of the readable CSRF cookie the server set at sign-in (null when signed out):
 * `__Host-uptake_csrf` over HTTPS, `uptake_csrf` over plain HTTP.
 */
export function readCsrfToken(cookies: string = typeof document === 'undefined' ? '' : document.cookie): string | null {
  return cookieValue(cookies, cookieName(CSRF_COOKIE, true)) ?? cookieValue(cookies, CSRF_COOKIE);
}

/**
 * Headers an API request must carry for the server's CSRF check: `X-CSRF-Token` on unsafe
 * methods (POST, PUT, PATCH, DELETE) of a signed-in browser; nothing otherwise.
 * The API client spreads them into every request: `headers: { ...base, ...csrfHeaders(method) }`.
 */
export function csrfHeaders(method: string, cookies?: string): Record<string, string> {
  if (!UNSAFE.has(method.toUpperCase())) return {};
  const token = readCsrfToken(cookies);
  return token ? { 'X-CSRF-Token': token } : {};
}
