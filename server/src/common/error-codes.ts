/** How each coded error of Uptake is answered: HTTP status for the API, exit code for the CLI. */
const TABLE: Record<string, { status: number; exitCode: number }> = {
  VALIDATION_FAILED: { status: 400, exitCode: 2 },
  CSV_INVALID: { status: 400, exitCode: 2 },
  PLAN_INVALID: { status: 400, exitCode: 2 },
  CONNECTOR_KIND_UNKNOWN: { status: 400, exitCode: 2 },
  CONNECTOR_OPTIONS_INVALID: { status: 400, exitCode: 2 },
  CONNECTION_INVALID: { status: 400, exitCode: 2 },
  CONNECTION_EXISTS: { status: 409, exitCode: 2 },
  DATABASE_URL_INVALID: { status: 500, exitCode: 2 },
  CONFIG_INVALID: { status: 500, exitCode: 2 },
  DEPARTMENT_UNKNOWN: { status: 404, exitCode: 2 },
  CONNECTION_NOT_FOUND: { status: 404, exitCode: 2 },
  CONNECTION_REMOVED: { status: 409, exitCode: 2 },
  CONNECTION_CONFIRMATION_REQUIRED: { status: 400, exitCode: 2 },
  NOT_FOUND: { status: 404, exitCode: 2 },
  NO_PLAN: { status: 409, exitCode: 2 },
  SYNC_ALREADY_RUNNING: { status: 409, exitCode: 1 },
  // accounts and access (server/src/auth)
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
};

export function errorCodeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

export function httpStatusOf(error: unknown): number {
  const code = errorCodeOf(error);
  return (code && TABLE[code]?.status) || 500;
}

/** 2 for bad input or usage, 1 for failures at run time. */
export function exitCodeOf(error: unknown): number {
  const code = errorCodeOf(error);
  return (code && TABLE[code]?.exitCode) || 1;
}

/** A coded error that is the caller's to fix (bad input, unknown name). */
export class UptakeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
