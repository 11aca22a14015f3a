import type { ErrorCode } from '../common/error-codes';

/** Another run of the same connection holds the lease. */
export class SyncAlreadyRunningError extends Error {
  readonly code = 'SYNC_ALREADY_RUNNING' satisfies ErrorCode;
  constructor(connectionName: string) {
    super(`a sync of connection "${connectionName}" is already running; try again when it has finished`);
  }
}

export class ConnectionNotFoundError extends Error {
  readonly code = 'CONNECTION_NOT_FOUND' satisfies ErrorCode;
  constructor(name: string) {
    super(`no connection named "${name}" (see \`uptake connection list\`)`);
  }
}
