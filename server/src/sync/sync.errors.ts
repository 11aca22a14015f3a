import type { ErrorCode } from '../common/error-codes';
import type { ErrorTable } from '../common/error-rule';

/** Error codes of syncs (server/src/sync). */
export const SYNC_ERRORS = {
  SYNC_ALREADY_RUNNING: { status: 409, exitCode: 1 },
} as const satisfies ErrorTable;

/** Another run of the same connection holds the lease. */
export class SyncAlreadyRunningError extends Error {
  readonly code = 'SYNC_ALREADY_RUNNING' satisfies ErrorCode;
  constructor(connectionName: string) {
    super(`a sync of connection "${connectionName}" is already running; try again when it has finished`);
  }
}
