import { parseDay, parseInstant } from '../../common/time.util';
import type { CrmRecord, CrmUser, FieldValues, LoginChannel, LoginEvent, Opportunity } from '../connector.port';
import { fieldText } from '../http/field-name.util';
import type { DataverseRow } from './dataverse-api.client';

export const FORMATTED = '@OData.Community.Display.V1.FormattedValue';

/** Audit actions of user access: 64 = via the web (apps), 65 = via web services (SDK, other clients). */
export const ACCESS_VIA_WEB = 64;
export const ACCESS_VIA_WEB_SERVICES = 65;

/** accessmode 3 = Support User, 4 = Non-interactive: not people using the CRM. */
const NON_HUMAN_ACCESS_MODES = new Set([3, 4]);

/** A plan field and the column it was resolved to; `column` is `_x_value` for lookups. */
export interface DataverseField {
  planName: string;
  logicalName: string;
  column: string;
}

export function toCrmUser(row: DataverseRow, integrationUsers: readonly string[], timezone: string): CrmUser {
  const id = String(row.systemuserid);
  const domainName = text(row.domainname);
  const listed = integrationUsers.some(
    (entry) => entry.toLowerCase() === id.toLowerCase() || (domainName !== null && entry.toLowerCase() === domainName.toLowerCase()),
  );
  return {
    externalId: id,
    name: text(row.fullname),
    email: text(row.internalemailaddress),
    department: text(row[`_businessunitid_value${FORMATTED}`]),
    role: text(row.jobtitle),
    managerExternalId: text(row._parentsystemuserid_value),
    active: row.isdisabled !== true,
    licensed: row.islicensed === true,
    integration:
      NON_HUMAN_ACCESS_MODES.has(Number(row.accessmode)) || row.isintegrationuser === true || text(row.applicationid) !== null || listed,
    createdAt: instant(row.createdon, timezone),
    // the version of the user is valid from its last change
    ...(row.modifiedon ? { modifiedAt: instant(row.modifiedon, timezone) } : {}),
  };
}

export function toLoginEvent(row: DataverseRow, timezone: string): LoginEvent | null {
  const loginAt = instant(row.createdon, timezone);
  const user = text(row._userid_value);
  if (loginAt === null || user === null) return null;
  const channel: LoginChannel = Number(row.action) === ACCESS_VIA_WEB ? 'web' : 'api';
  return { externalId: String(row.auditid), userExternalId: user, loginAt, success: true, channel };
}

/**
 * statecode 0 Open, 1 Won, 2 Lost. The stage is the pipeline phase (`stepname`) while open and the
 * status reason (Won, Canceled, Out-Sold, ...) once closed. Closed: actual close date and value.
 */
export function toOpportunity(row: DataverseRow, fields: readonly DataverseField[], timezone: string): Opportunity {
  const state = Number(row.statecode);
  const isClosed = state === 1 || state === 2;
  const status = text(row[`statuscode${FORMATTED}`]) ?? text(row[`statecode${FORMATTED}`]);
  const estimated = number(row.estimatedvalue);
  const actual = number(row.actualvalue);
  const closeText = (isClosed ? (text(row.actualclosedate) ?? text(row.estimatedclosedate)) : text(row.estimatedclosedate)) ?? null;
  return {
    externalId: String(row.opportunityid),
    ownerExternalId: text(row._ownerid_value),
    stage: isClosed ? status : (text(row.stepname) ?? status),
    amount: isClosed && actual !== null ? actual : estimated,
    isClosed,
    isWon: state === 1,
    createdAt: instant(row.createdon, timezone),
    closeDate: closeText === null ? null : parseDay(closeText, timezone),
    lastActivityAt: null,
    lastModifiedAt: instant(row.modifiedon, timezone),
    deleted: false,
    fields: recordFields(row, fields),
  };
}

/** A row removed from Dataverse, known from its audit record (operation 3): only the id is left. */
export function deletedOpportunity(id: string, deletedAt: number | null): Opportunity {
  return {
    externalId: id,
    ownerExternalId: null,
    stage: null,
    amount: null,
    isClosed: false,
    isWon: false,
    createdAt: null,
    closeDate: null,
    lastActivityAt: null,
    lastModifiedAt: deletedAt,
    deleted: true,
    fields: {},
  };
}

export function toCrmRecord(
  objectType: string,
  primaryId: string,
  row: DataverseRow,
  fields: readonly DataverseField[],
  timezone: string,
): CrmRecord {
  return {
    objectType,
    externalId: String(row[primaryId]),
    ownerExternalId: text(row._ownerid_value),
    createdAt: instant(row.createdon, timezone),
    lastModifiedAt: instant(row.modifiedon, timezone),
    deleted: false,
    fields: recordFields(row, fields),
  };
}

/** Values of the plan's columns under the plan's names (lookups as the referenced id). */
export function recordFields(row: DataverseRow, fields: readonly DataverseField[]): FieldValues {
  const values: FieldValues = {};
  for (const field of fields) values[field.planName] = fieldText(row[field.column]);
  return values;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function number(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function instant(value: unknown, timezone: string): number | null {
  return typeof value === 'string' ? parseInstant(value, timezone) : null;
}
