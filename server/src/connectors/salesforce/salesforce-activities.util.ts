import { parseInstant } from '../../common/time.util';
import type { Activity } from '../connector.port';
import type { SalesforceRecord } from './salesforce-api.client';

/** Task fields read as activities (Task.TaskSubtype says call, email or task; Type is the org's own picklist). */
export const TASK_FIELDS = ['Id', 'OwnerId', 'WhatId', 'ActivityDate', 'TaskSubtype', 'Type', 'CreatedDate', 'SystemModstamp', 'IsDeleted'];
/** Event fields read as activities: a meeting at ActivityDateTime (ActivityDate for all-day events). */
export const EVENT_FIELDS = [
  'Id',
  'OwnerId',
  'WhatId',
  'ActivityDate',
  'ActivityDateTime',
  'IsAllDayEvent',
  'Type',
  'CreatedDate',
  'SystemModstamp',
  'IsDeleted',
];

/**
 * A Task or Event row as an activity. A Task's ActivityDate is its due date (a calendar day: local
 * midnight in `timezone`); without one, the task happened when it was created. Null when the row
 * has no owner or no time at all (nothing to count it against).
 */
export function toSalesforceActivity(object: 'Task' | 'Event', row: SalesforceRecord, timezone: string): Activity | null {
  const owner = text(row.OwnerId);
  const createdAt = instant(row.CreatedDate, timezone);
  const occurredAt =
    object === 'Event'
      ? (instant(row.ActivityDateTime, timezone) ?? instant(row.ActivityDate, timezone) ?? createdAt)
      : (instant(row.ActivityDate, timezone) ?? createdAt);
  if (owner === null || occurredAt === null) return null;
  return {
    externalId: String(row.Id),
    ownerExternalId: owner,
    type: object === 'Event' ? 'meeting' : taskType(text(row.TaskSubtype), text(row.Type)),
    occurredAt,
    relatedExternalId: text(row.WhatId),
    createdAt,
    deleted: row.IsDeleted === true,
  };
}

/** TaskSubtype `Call`, `Email`/`ListEmail`; older orgs without subtypes say it in Type (`Call`, `Email`). */
function taskType(subtype: string | null, type: string | null): string {
  const kind = (subtype ?? type ?? '').toLowerCase();
  if (kind === 'call') return 'call';
  if (kind === 'email' || kind === 'listemail') return 'email';
  return 'task';
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function instant(value: unknown, timezone: string): number | null {
  return typeof value === 'string' ? parseInstant(value, timezone) : null;
}
