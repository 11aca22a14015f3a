import type { ErrorTable } from '../common/error-rule';

/** Error codes of connections (server/src/connections). */
export const CONNECTION_ERRORS = {
  CONNECTION_INVALID: { status: 400, exitCode: 2 },
  CONNECTION_EXISTS: { status: 409, exitCode: 2 },
  CONNECTION_NOT_FOUND: { status: 404, exitCode: 2 },
  CONNECTION_REMOVED: { status: 409, exitCode: 2 },
  CONNECTION_CONFIRMATION_REQUIRED: { status: 400, exitCode: 2 },
} as const satisfies ErrorTable;
