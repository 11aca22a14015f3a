/** How a coded error is answered: HTTP status for the API, exit code for the CLI. */
interface ErrorRule {
  status: number;
  exitCode: number;
  /** Said to API clients instead of the error's own message, which is for the operator (file paths, URLs). */
  httpMessage?: string;
}

/**
 * Every error code of Uptake, one row per code. Only an error whose code is a row here shows its
 * message to an API client; anything else (driver, file system, a bug) is a 500 with a generic
 * message, its details in the server log. `ErrorCode` is the union of the rows, so a code that is
 * not in the table does not compile.
 */
const ERROR_TABLE = {
  VALIDATION_FAILED: { status: 400, exitCode: 2 },
  CSV_INVALID: { status: 400, exitCode: 2 },
  PLAN_INVALID: { status: 400, exitCode: 2 },
  CONNECTOR_KIND_UNKNOWN: { status: 400, exitCode: 2 },
  CONNECTOR_OPTIONS_INVALID: { status: 400, exitCode: 2 },
  CONNECTION_INVALID: { status: 400, exitCode: 2 },
  CONNECTION_EXISTS: { status: 409, exitCode: 2 },
  DATABASE_URL_INVALID: { status: 500, exitCode: 2, httpMessage: 'the database is not configured correctly; see the server log' },
  DATABASE_UNAVAILABLE: { status: 503, exitCode: 1 },
  CONFIG_INVALID: { status: 500, exitCode: 2, httpMessage: 'the server is not configured correctly; see the server log' },
  DATABASE_NOT_FOUND: { status: 500, exitCode: 2 },
  SECRET_UNREADABLE: { status: 500, exitCode: 1 },
  DEPARTMENT_UNKNOWN: { status: 404, exitCode: 2 },
  CONNECTION_NOT_FOUND: { status: 404, exitCode: 2 },
  CONNECTION_REMOVED: { status: 409, exitCode: 2 },
  CONNECTION_CONFIRMATION_REQUIRED: { status: 400, exitCode: 2 },
  NOT_FOUND: { status: 404, exitCode: 2 },
  NO_PLAN: { status: 409, exitCode: 2 },
  SYNC_ALREADY_RUNNING: { status: 409, exitCode: 1 },
  // outbound requests of the CRM connectors (server/src/connectors/http)
  CRM_HOST_PRIVATE: { status: 400, exitCode: 2 },
  CRM_REDIRECT_REFUSED: { status: 502, exitCode: 1 },
  CRM_URL_REFUSED: { status: 502, exitCode: 1 },
  CRM_RESPONSE_TOO_LARGE: { status: 502, exitCode: 1 },
  // accounts and access (server/src/auth)
  UNAUTHENTICATED: { status: 401, exitCode: 2 },
  INVALID_CREDENTIALS: { status: 401, exitCode: 2 },
  FORBIDDEN: { status: 403, exitCode: 2 },
  CSRF_TOKEN_INVALID: { status: 403, exitCode: 2 },
  LOGIN_RATE_LIMITED: { status: 429, exitCode: 1 },
  ACCOUNT_EXISTS: { status: 409, exitCode: 2 },
  ACCOUNT_NOT_FOUND: { status: 404, exitCode: 2 },
  TOKEN_NOT_FOUND: { status: 404, exitCode: 2 },
  LAST_ADMIN: { status: 409, exitCode: 2 },
  OIDC_NOT_CONFIGURED: { status: 404, exitCode: 2 },
  OIDC_FAILED: { status: 401, exitCode: 1 },
  // a CRM's answers (server/src/connectors): 502, the CRM failed or refused, not the caller
  DEMO_OBJECT_TYPE_UNKNOWN: { status: 502, exitCode: 1 },
  SALESFORCE_UNREACHABLE: { status: 502, exitCode: 1 },
  SALESFORCE_AUTH_FAILED: { status: 502, exitCode: 1 },
  SALESFORCE_AUTH_REJECTED: { status: 502, exitCode: 1 },
  SALESFORCE_BAD_RESPONSE: { status: 502, exitCode: 1 },
  SALESFORCE_REQUEST_FAILED: { status: 502, exitCode: 1 },
  SALESFORCE_UNKNOWN_OBJECT: { status: 502, exitCode: 1 },
  SALESFORCE_UNKNOWN_FIELD: { status: 502, exitCode: 1 },
  SALESFORCE_PERMISSION_MISSING: { status: 502, exitCode: 1 },
  SALESFORCE_LIMIT_EXCEEDED: { status: 502, exitCode: 1 },
  SALESFORCE_UNAVAILABLE: { status: 502, exitCode: 1 },
  HUBSPOT_UNREACHABLE: { status: 502, exitCode: 1 },
  HUBSPOT_AUTH_FAILED: { status: 502, exitCode: 1 },
  HUBSPOT_AUTH_REJECTED: { status: 502, exitCode: 1 },
  HUBSPOT_BAD_RESPONSE: { status: 502, exitCode: 1 },
  HUBSPOT_REQUEST_FAILED: { status: 502, exitCode: 1 },
  HUBSPOT_SCOPE_MISSING: { status: 502, exitCode: 1 },
  HUBSPOT_SEARCH_WINDOW: { status: 502, exitCode: 1 },
  HUBSPOT_UNKNOWN_OBJECT: { status: 502, exitCode: 1 },
  HUBSPOT_UNKNOWN_FIELD: { status: 502, exitCode: 1 },
  HUBSPOT_DAILY_LIMIT: { status: 502, exitCode: 1 },
  HUBSPOT_RATE_LIMITED: { status: 502, exitCode: 1 },
  HUBSPOT_UNAVAILABLE: { status: 502, exitCode: 1 },
  DATAVERSE_UNREACHABLE: { status: 502, exitCode: 1 },
  DATAVERSE_AUTH_FAILED: { status: 502, exitCode: 1 },
  DATAVERSE_AUTH_REJECTED: { status: 502, exitCode: 1 },
  DATAVERSE_BAD_RESPONSE: { status: 502, exitCode: 1 },
  DATAVERSE_REQUEST_FAILED: { status: 502, exitCode: 1 },
  DATAVERSE_AUDIT_OFF: { status: 502, exitCode: 1 },
  DATAVERSE_UNKNOWN_FIELD: { status: 502, exitCode: 1 },
  DATAVERSE_UNKNOWN_OBJECT: { status: 502, exitCode: 1 },
  DATAVERSE_THROTTLED: { status: 502, exitCode: 1 },
  DATAVERSE_UNAVAILABLE: { status: 502, exitCode: 1 },
} as const satisfies Record<string, ErrorRule>;

export type ErrorCode = keyof typeof ERROR_TABLE;

/** The CRM vendors whose HTTP calls fail with codes built from their name (`SALESFORCE_UNREACHABLE`). */
export type CrmVendor = 'Salesforce' | 'HubSpot' | 'Dataverse';
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
