import { ALERTS_ERRORS } from '../alerts/alerts.errors';
import { AUTH_ERRORS } from '../auth/auth.errors';
import { CONFIG_ERRORS } from '../config/config.errors';
import { CONNECTION_ERRORS } from '../connections/connection.errors';
import { CONNECTOR_ERRORS, CRM_ERRORS } from '../connectors/connector.errors';
import { DATABASE_ERRORS } from '../database/database.errors';
import { INTERVENTION_ERRORS } from '../interventions/interventions.errors';
import { METRICS_ERRORS } from '../metrics/metrics.errors';
import { PEOPLE_ERRORS } from '../people/people.errors';
import { PLAN_ERRORS } from '../plan/plan.errors';
import { SYNC_ERRORS } from '../sync/sync.errors';
import type { ErrorRule, ErrorTable } from './error-rule';

/** Codes no one domain owns. */
const GENERAL_ERRORS = {
  VALIDATION_FAILED: { status: 400, exitCode: 2 },
  NOT_FOUND: { status: 404, exitCode: 2 },
} as const satisfies ErrorTable;

/** Every domain's table of error codes (`<domain>/<domain>.errors.ts`); a code is a row of exactly one (error-codes.spec.ts). */
export const DOMAIN_ERROR_TABLES = {
  general: GENERAL_ERRORS,
  auth: AUTH_ERRORS,
  config: CONFIG_ERRORS,
  connections: CONNECTION_ERRORS,
  connectors: CONNECTOR_ERRORS,
  crm: CRM_ERRORS,
  database: DATABASE_ERRORS,
  interventions: INTERVENTION_ERRORS,
  metrics: METRICS_ERRORS,
  plan: PLAN_ERRORS,
  sync: SYNC_ERRORS,
  alerts: ALERTS_ERRORS,
} as const satisfies Record<string, ErrorTable>;

/**
 * Every error code of Uptake: the domains' tables combined, the one map to HTTP status and exit
 * code. Only an error whose code is a row here shows its message to an API client; anything else
 * (driver, file system, a bug) is a 500 with a generic message, its details in the server log.
 * `ErrorCode` is the union of the rows, so a code that is not in a table does not compile.
 */
const ERROR_TABLE = {
  ...GENERAL_ERRORS,
  ...AUTH_ERRORS,
  ...CONFIG_ERRORS,
  ...CONNECTION_ERRORS,
  ...CONNECTOR_ERRORS,
  ...CRM_ERRORS,
  ...DATABASE_ERRORS,
  ...INTERVENTION_ERRORS,
  ...METRICS_ERRORS,
  ...PEOPLE_ERRORS,
  ...PLAN_ERRORS,
  ...SYNC_ERRORS,
  ...ALERTS_ERRORS,
} as const satisfies ErrorTable;

export type ErrorCode = keyof typeof ERROR_TABLE;

/** The CRM vendors whose HTTP calls fail with codes built from their name (`SALESFORCE_UNREACHABLE`). */
export type CrmVendor = 'Salesforce' | 'HubSpot' | 'Dataverse' | 'Moodle';
/** The failures every vendor's HTTP calls share (server/src/connectors/http). */
export type VendorFailure = 'UNREACHABLE' | 'AUTH_FAILED' | 'AUTH_REJECTED';
export type VendorErrorCode = `${Uppercase<CrmVendor>}_${VendorFailure}`;

/** Fails to compile while a vendor code has no row in the table. */
const VENDOR_CODES_HAVE_ROWS: [Exclude<VendorErrorCode, ErrorCode>] extends [never] ? true : never = true;
void VENDOR_CODES_HAVE_ROWS;

/** `<VENDOR>_<FAILURE>`, typed: every such code is a row of the table. */
export function vendorErrorCode(vendor: CrmVendor, failure: VendorFailure): VendorErrorCode {
  return `${vendor.toUpperCase()}_${failure}` as VendorErrorCode;
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_TABLE, code);
}

/** The code of an error of Uptake's table, or null for any other error (a driver's `ECONNREFUSED` included). */
export function errorCodeOf(error: unknown): ErrorCode | null {
  const code = (error as { code?: unknown } | null)?.code;
  return isErrorCode(code) ? code : null;
}

export function httpStatusOf(error: unknown): number {
  const code = errorCodeOf(error);
  return code ? ERROR_TABLE[code].status : 500;
}

/** What an API client is told of an error with `code`: its own `message`, or the row's fixed `httpMessage`. */
export function httpMessageOf(code: ErrorCode, message: string): string {
  const rule: ErrorRule = ERROR_TABLE[code];
  return rule.httpMessage ?? message;
}

/** 2 for bad input or usage, 1 for failures at run time. */
export function exitCodeOf(error: unknown): number {
  const code = errorCodeOf(error);
  return code ? ERROR_TABLE[code].exitCode : 1;
}

/** A coded error that is the caller's to fix (bad input, unknown name). */
export class UptakeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
