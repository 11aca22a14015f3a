import type { ErrorCode } from '../common/error-codes';
import { ConnectorError } from './connector.port';

/**
 * The CRM refuses an optional data family (activities) for want of a permission. The sync records
 * it as a warning of the run and goes on with the other families; `connection test` reports it.
 */
export class FamilyPermissionError extends ConnectorError {
  constructor(
    code: ErrorCode,
    /** The family the CRM refused, e.g. `activities`. */
    readonly family: string,
    /** What is missing, in the CRM's own terms (profile permission, scope, privilege). */
    readonly permission: string,
    message: string,
  ) {
    super(code, message);
  }
}

export function isFamilyPermissionError(error: unknown): error is FamilyPermissionError {
  return error instanceof FamilyPermissionError;
}
