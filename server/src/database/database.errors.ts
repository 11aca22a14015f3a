import type { ErrorTable } from '../common/error-rule';

/** Error codes of the database connection (server/src/database). */
export const DATABASE_ERRORS = {
  DATABASE_URL_INVALID: { status: 500, exitCode: 2, httpMessage: 'the database is not configured correctly; see the server log' },
  DATABASE_UNAVAILABLE: { status: 503, exitCode: 1 },
  DATABASE_NOT_FOUND: { status: 500, exitCode: 2 },
} as const satisfies ErrorTable;
