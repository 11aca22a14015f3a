import type { ErrorTable } from '../common/error-rule';

/** Error codes of the configuration (server/src/config) and the secret key (server/src/secrets). */
export const CONFIG_ERRORS = {
  CONFIG_INVALID: { status: 500, exitCode: 2, httpMessage: 'the server is not configured correctly; see the server log' },
  SECRET_UNREADABLE: { status: 500, exitCode: 1 },
} as const satisfies ErrorTable;
