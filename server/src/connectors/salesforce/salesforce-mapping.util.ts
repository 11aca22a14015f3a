import { parseDay, parseInstant } from '../../common/time.util';
import type { CrmRecord, CrmUser, FieldValues, LoginChannel, LoginEvent, Opportunity } from '../connector.port';
import { fieldText } from '../http/field-name.util';
import type { SalesforceRecord } from './salesforce-api.client';

/** A launch-plan field and the Salesforce field path it was resolved to (`next_step` -> `NextStep`). */
export interface ResolvedField {
  planName: string;
  /** API name, or a relationship path such as `Account.Industry`. */
  path: string;
}

/** LoginType values of API and integration logins (LoginHistory.LoginType picklist). */
const API_LOGIN_TYPES = new Set([
  'remote access 2.0',
  'remote access client',
  'other apex api',
  'partner product',
  'sync',
  'networks portal api only',
]);
/** Application values of Salesforce's own mobile apps: "Salesforce for iOS", "Salesforce for Android", "Salesforce1 for iOS", "Field Service". */
const MOBILE_APPLICATION = /\b(ios|android|iphone|ipad|mobile|salesforce1|field service)\b/i;

/**
 * Channel of a LoginHistory row: Salesforce's mobile apps sign in with OAuth ("Remote Access 2.0")
 * too, so the application is checked first; then API login types; everything else is the web UI.
 */
export function salesforceLoginChannel(loginType: string | null, application: string | null): LoginChannel {
  if (application && MOBILE_APPLICATION.test(application)) return 'mobile';
  const type = (loginType ?? '').trim().toLowerCase();
  if (API_LOGIN_TYPES.has(type) || /\bapi\b/.test(type)) return 'api';
  return 'web';
}

export interface UserMapping {
  /** `Department`, `Division`, a custom field, or `UserRole` for the role name. */
  departmentField: string;
  /** Ids (15 or 18 characters) or usernames of integration accounts. */
  integrationUsers: readonly string[];
  timezone: string;
}

export function toCrmUser(row: SalesforceRecord, mapping: UserMapping): CrmUser {
  const id = String(row.Id);
  const username = text(row.Username);
  const userType = text(row.UserType);
  const roleName = text(nested(row, 'UserRole.Name'));
  const listed = mapping.integrationUsers.some(
    (entry) =>
      entry === id ||
      (entry.length === 15 && id.startsWith(entry)) ||
      (username !== null && entry.toLowerCase() === username.toLowerCase()),
  );
  return {
    externalId: id,
    name: text(row.Name),
    email: text(row.Email),
    department: mapping.departmentField.toLowerCase() === 'userrole' ? roleName : text(nested(row, mapping.departmentField)),
    role: roleName,
    managerExternalId: text(row.ManagerId),
    active: row.IsActive === true,
    licensed: userType === 'Standard',
    integration: userType !== 'Standard' || listed,
    createdAt: instant(row.CreatedDate, mapping.timezone),
    // the version of the user is valid from its last change, system changes included
    ...modifiedAtOf(instant(row.SystemModstamp, mapping.timezone), null),
  };
}

export function toLoginEvent(row: SalesforceRecord, timezone: string): LoginEvent | null {
  const loginAt = instant(row.LoginTime, timezone);
  if (loginAt === null || typeof row.UserId !== 'string') return null;
  return {
    externalId: String(row.Id),
    userExternalId: row.UserId,
    loginAt,
    success: text(row.Status) === 'Success',
    channel: salesforceLoginChannel(text(row.LoginType), text(row.Application)),
  };
}

export function toOpportunity(
  row: SalesforceRecord,
  selected: readonly string[],
  required: readonly ResolvedField[],
  timezone: string,
): Opportunity {
  const amount =
    typeof row.Amount === 'number' ? row.Amount : typeof row.Amount === 'string' && row.Amount.trim() !== '' ? Number(row.Amount) : null;
  return {
    externalId: String(row.Id),
    ownerExternalId: text(row.OwnerId),
    stage: text(row.StageName),
    amount: amount !== null && Number.isFinite(amount) ? amount : null,
    isClosed: row.IsClosed === true,
    isWon: row.IsWon === true,
    createdAt: instant(row.CreatedDate, timezone),
    closeDate: typeof row.CloseDate === 'string' ? parseDay(row.CloseDate, timezone) : null,
    lastActivityAt: instant(row.LastActivityDate, timezone),
    lastModifiedAt: instant(row.LastModifiedDate, timezone),
    deleted: row.IsDeleted === true,
    fields: recordFields(row, selected, required),
    ...modifiedAtOf(instant(row.SystemModstamp, timezone), instant(row.LastModifiedDate, timezone)),
  };
}

export function toCrmRecord(
  objectType: string,
  row: SalesforceRecord,
  selected: readonly string[],
  required: readonly ResolvedField[],
  timezone: string,
): CrmRecord {
  return {
    objectType,
    externalId: String(row.Id),
    ownerExternalId: text(row.OwnerId),
    createdAt: instant(row.CreatedDate, timezone),
    lastModifiedAt: instant(row.LastModifiedDate, timezone),
    deleted: row.IsDeleted === true,
    fields: recordFields(row, selected, required),
    ...modifiedAtOf(instant(row.SystemModstamp, timezone), instant(row.LastModifiedDate, timezone)),
  };
}

/**
 * Field values by lower-case API name (every selected field), plus each launch-plan field under the
 * plan's own name, which is the name completeness is judged by (`next_step` from `NextStep`).
 */
export function recordFields(row: SalesforceRecord, selected: readonly string[], required: readonly ResolvedField[]): FieldValues {
  const fields: FieldValues = {};
  for (const path of selected) fields[path.toLowerCase()] = fieldText(nested(row, path));
  for (const field of required) fields[field.planName] = fieldText(nested(row, field.path));
  return fields;
}

/** The value at `Account.Industry` in `{ Account: { Industry } }`; field names compared ignoring case. */
export function nested(row: Record<string, unknown>, path: string): unknown {
  let value: unknown = row;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return null;
    const object = value as Record<string, unknown>;
    const key = part in object ? part : Object.keys(object).find((candidate) => candidate.toLowerCase() === part.toLowerCase());
    value = key === undefined ? null : object[key];
  }
  return value ?? null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** `modifiedAt` (SystemModstamp) when known and not already the `lastModifiedAt` the version falls back to. */
function modifiedAtOf(modified: number | null, lastModified: number | null): { modifiedAt?: number } {
  return modified === null || modified === lastModified ? {} : { modifiedAt: modified };
}

function instant(value: unknown, timezone: string): number | null {
  return typeof value === 'string' ? parseInstant(value, timezone) : null;
}
