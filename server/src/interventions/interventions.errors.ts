import type { ErrorTable } from '../common/error-rule';

/** Error codes of the interventions log (server/src/interventions). */
export const INTERVENTION_ERRORS = {
  INTERVENTION_INVALID: { status: 400, exitCode: 2 },
  INTERVENTION_NOT_FOUND: { status: 404, exitCode: 2 },
} as const satisfies ErrorTable;
