import type { ErrorTable } from '../common/error-rule';

/** Error codes of the connectors (server/src/connectors): bad options and import files, refused outbound requests. */
export const CONNECTOR_ERRORS = {
  CONNECTOR_KIND_UNKNOWN: { status: 400, exitCode: 2 },
  CONNECTOR_OPTIONS_INVALID: { status: 400, exitCode: 2 },
  CSV_INVALID: { status: 400, exitCode: 2 },
  // outbound requests of the CRM connectors (server/src/connectors/http)
  CRM_HOST_PRIVATE: { status: 400, exitCode: 2 },
  CRM_REDIRECT_REFUSED: { status: 502, exitCode: 1 },
  CRM_URL_REFUSED: { status: 502, exitCode: 1 },
  CRM_RESPONSE_TOO_LARGE: { status: 502, exitCode: 1 },
} as const satisfies ErrorTable;

/**
 * A CRM's answers: 502, the CRM failed or refused, not the caller. `<VENDOR>_UNREACHABLE`,
 * `_AUTH_FAILED` and `_AUTH_REJECTED` are built at run time (`vendorErrorCode`, common/error-codes.ts).
 */
export const CRM_ERRORS = {
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
  DATAVERSE_PERMISSION_MISSING: { status: 502, exitCode: 1 },
  DATAVERSE_UNKNOWN_FIELD: { status: 502, exitCode: 1 },
  DATAVERSE_UNKNOWN_OBJECT: { status: 502, exitCode: 1 },
  DATAVERSE_THROTTLED: { status: 502, exitCode: 1 },
  DATAVERSE_UNAVAILABLE: { status: 502, exitCode: 1 },
  // Moodle (a learning system, server/src/connectors/moodle): refusals are the connection's settings to fix (exit 2)
  MOODLE_UNREACHABLE: { status: 502, exitCode: 1 },
  MOODLE_AUTH_FAILED: { status: 502, exitCode: 2 },
  MOODLE_AUTH_REJECTED: { status: 502, exitCode: 2 },
  MOODLE_PERMISSION_MISSING: { status: 502, exitCode: 2 },
  MOODLE_REQUEST_FAILED: { status: 502, exitCode: 2 },
  MOODLE_BAD_RESPONSE: { status: 502, exitCode: 1 },
  MOODLE_UNAVAILABLE: { status: 502, exitCode: 1 },
  MOODLE_COURSE_UNKNOWN: { status: 502, exitCode: 2 },
  MOODLE_DUPLICATE_EMAIL: { status: 502, exitCode: 2 },
} as const satisfies ErrorTable;
