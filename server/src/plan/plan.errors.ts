import type { ErrorTable } from '../common/error-rule';

/** Error codes of the launch plan (server/src/plan). */
export const PLAN_ERRORS = {
  PLAN_INVALID: { status: 400, exitCode: 2 },
  NO_PLAN: { status: 409, exitCode: 2 },
} as const satisfies ErrorTable;
