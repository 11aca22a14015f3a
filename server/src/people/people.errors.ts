import type { ErrorTable } from '../common/error-rule';

/** Error codes of people across connections (server/src/people): admins' merges and splits. */
export const PEOPLE_ERRORS = {
  PERSON_NOT_FOUND: { status: 404, exitCode: 2 },
  PERSON_OVERRIDE_INVALID: { status: 400, exitCode: 2 },
} as const satisfies ErrorTable;
