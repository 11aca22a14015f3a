import { parseInstant } from '../../common/time.util';
import type { Activity } from '../connector.port';
import type { DataverseRow } from './dataverse-api.client';

/** activitypointer columns read (lookups as `_x_value`). */
export const ACTIVITY_COLUMNS = [
  'activityid',
  'activitytypecode',
  'actualend',
  'scheduledend',
  '_ownerid_value',
  '_regardingobjectid_value',
  'createdon',
  'modifiedon',
];
/** activitytypecode values of the standard activity tables and the type each is counted as. */
export const ACTIVITY_TYPES: Record<string, string> = {
  phonecall: 'call',
  email: 'email',
  appointment: 'meeting',
  recurringappointmentmaster: 'meeting',
  task: 'task',
  letter: 'letter',
  fax: 'fax',
};

/**
 * An activitypointer row as an activity: it happened when it was completed (actualend), else when
 * it is due (scheduledend), else when it was created. Null when the row has no owner or no time.
 */
export function toDataverseActivity(row: DataverseRow): Activity | null {
  const owner = text(row._ownerid_value);
  const createdAt = instant(row.createdon);
  const occurredAt = instant(row.actualend) ?? instant(row.scheduledend) ?? createdAt;
  if (owner === null || occurredAt === null || text(row.activityid) === null) return null;
  const code = (text(row.activitytypecode) ?? 'activity').toLowerCase();
  return {
    externalId: String(row.activityid),
    ownerExternalId: owner,
    type: ACTIVITY_TYPES[code] ?? code,
    occurredAt,
    relatedExternalId: text(row._regardingobjectid_value),
    createdAt,
    deleted: false,
  };
}

/** A delete audit record of an activity table: only the deletion is known (audit records keep no values). */
export function deletedDataverseActivity(row: DataverseRow): Activity | null {
  const id = text(row._objectid_value);
  const at = instant(row.createdon);
  if (id === null || at === null) return null;
  const code = (text(row.objecttypecode) ?? 'activity').toLowerCase();
  return {
    externalId: id,
    ownerExternalId: '',
    type: ACTIVITY_TYPES[code] ?? code,
    occurredAt: at,
    relatedExternalId: null,
    createdAt: null,
    deleted: true,
    deletionOnly: true,
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function instant(value: unknown): number | null {
  return typeof value === 'string' ? parseInstant(value, 'UTC') : null;
}
