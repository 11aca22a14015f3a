import type { ErrorTable } from '../common/error-rule';

/** Error codes of accounts and access (server/src/auth). */
export const AUTH_ERRORS = {
  UNAUTHENTICATED: { status: 401, exitCode: 2 },
  INVALID_CREDENTIALS: { status: 401, exitCode: 2 },
  FORBIDDEN: { status: 403, exitCode: 2 },
  CSRF_TOKEN_INVALID: { status: 403, exitCode: 2 },
  LOGIN_RATE_LIMITED: { status: 429, exitCode: 1 },
  ACCOUNT_EXISTS: { status: 409, exitCode: 2 },
  ACCOUNT_NOT_FOUND: { status: 404, exitCode: 2 },
  TOKEN_NOT_FOUND: { status: 404, exitCode: 2 },
  LAST_ADMIN: { status: 409, exitCode: 2 },
  OIDC_NOT_CONFIGURED: { status: 404, exitCode: 2 },
  OIDC_FAILED: { status: 401, exitCode: 1 },
} as const satisfies ErrorTable;
