import type { Activity } from '../connector.port';
import type { HubSpotObject } from './hubspot-api.client';
import { hubspotInstant } from './hubspot-mapping.util';

/** The CRM v3 activity objects and the activity type each is counted as. */
export const HUBSPOT_ACTIVITY_TYPES: ReadonlyArray<readonly [objectType: string, type: string]> = [
  ['calls', 'call'],
  ['emails', 'email'],
  ['meetings', 'meeting'],
  ['notes', 'note'],
  ['tasks', 'task'],
];
/** Every activity object has these: when it happened, who owns it, when it last changed. */
export const HUBSPOT_ACTIVITY_PROPERTIES = ['hs_timestamp', 'hubspot_owner_id', 'hs_lastmodifieddate', 'hs_createdate'];

/**
 * An activity object as an activity: `hs_timestamp` is when it happened (a call's or meeting's
 * start, a task's due date, a note's time); archived ones are deletions. Null when it has no owner
 * (nothing to count it against) or no time at all.
 */
export function toHubSpotActivity(object: HubSpotObject, type: string, dealId: string | null): Activity | null {
  const p = object.properties ?? {};
  const owner = p.hubspot_owner_id?.trim() || null;
  const createdAt = hubspotInstant(p.hs_createdate ?? object.createdAt, 'UTC');
  const occurredAt = hubspotInstant(p.hs_timestamp, 'UTC') ?? createdAt;
  if (owner === null || occurredAt === null) return null;
  return {
    externalId: object.id,
    ownerExternalId: owner,
    type,
    occurredAt,
    relatedExternalId: dealId,
    createdAt,
    deleted: object.archived === true,
  };
}

/** CRM v4 associations batch read answer: `results[].from.id` -> `to[].toObjectId`. */
export interface HubSpotAssociationBatch {
  results?: Array<{ from?: { id?: string | number }; to?: Array<{ toObjectId?: string | number }> }>;
}

/** The first associated deal of each object (an activity is about one deal; extra ones are rare and ignored). */
export function firstDeals(batch: HubSpotAssociationBatch | null | undefined): Map<string, string> {
  const deals = new Map<string, string>();
  for (const result of batch?.results ?? []) {
    const from = result.from?.id;
    const ids = (result.to ?? []).map((to) => to.toObjectId).filter((id) => id !== undefined && id !== null);
    if (from !== undefined && ids.length) deals.set(String(from), String([...ids].sort((a, b) => Number(a) - Number(b))[0]));
  }
  return deals;
}
