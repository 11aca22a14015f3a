import type { ErrorCode } from '../common/error-codes';
import type { ErrorTable } from '../common/error-rule';

/** Error codes of the metrics (server/src/metrics); a bad day is VALIDATION_FAILED. */
export const METRICS_ERRORS = {
  DEPARTMENT_UNKNOWN: { status: 404, exitCode: 2 },
} as const satisfies ErrorTable;

/** A department name that no seat holder, plan or snapshot knows. */
export class UnknownDepartmentError extends Error {
  readonly code = 'DEPARTMENT_UNKNOWN' satisfies ErrorCode;

  constructor(
    readonly department: string,
    known: readonly string[],
  ) {
    super(`unknown department "${department}"${known.length ? ` (known: ${known.join(', ')})` : ' (no department is known yet)'}`);
    this.name = 'UnknownDepartmentError';
  }
}

/**
 * A day that is not a calendar date as YYYY-MM-DD, or a range that ends before it starts: bad
 * input (HTTP 400, CLI exit code 2) like every other validation failure.
 */
export class InvalidDayError extends Error {
  readonly code = 'VALIDATION_FAILED' satisfies ErrorCode;

  constructor(message: string) {
    super(message);
    this.name = 'InvalidDayError';
  }
}
