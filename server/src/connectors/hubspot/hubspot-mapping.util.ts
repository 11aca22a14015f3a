import { parseDay, parseInstant } from '../../common/time.util';
import type { CrmRecord, CrmUser, FieldValues, LoginChannel, LoginEvent, Opportunity } from '../connector.port';
import type { HubSpotObject } from './hubspot-api.client';

/** An owner from GET /crm/v3/owners. */
export interface HubSpotOwner {
  id: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  type?: string;
  userId?: number | null;
  userIdIncludingInactive?: number | null;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
  teams?: Array<{ id: string; name: string; primary?: boolean }>;
}

/** A login from GET /account-info/v3/activity/login. */
export interface HubSpotLogin {
  id: string;
  loginAt: string;
  userId?: number | null;
  email?: string | null;
  loginSucceeded?: boolean;
  userAgent?: string | null;
}

/** A deal stage from GET /crm/v3/pipelines/deals (metadata values are strings). */
export interface HubSpotStage {
  id: string;
  label: string;
  metadata?: { isClosed?: string | boolean; probability?: string | number };
}

export interface HubSpotPlanField {
  planName: string;
  property: string;
}

export function toCrmUser(owner: HubSpotOwner, integrationUsers: readonly string[]): CrmUser {
  const teams = owner.teams ?? [];
  const name = [owner.firstName, owner.lastName].filter((part) => part && part.trim()).join(' ');
  const email = owner.email || null;
  const listed = integrationUsers.some((entry) => entry === owner.id || (email !== null && entry.toLowerCase() === email.toLowerCase()));
  return {
    externalId: owner.id,
    name: name || null,
    email,
    department: (teams.find((team) => team.primary) ?? teams[0])?.name ?? null,
    role: null,
    managerExternalId: null,
    active: owner.archived !== true,
    licensed: true,
    integration: (owner.type ?? 'PERSON') !== 'PERSON' || listed,
    createdAt: owner.createdAt ? parseInstant(owner.createdAt, 'UTC') : null,
    // the version of the owner is valid from its last change
    ...(owner.updatedAt ? { modifiedAt: parseInstant(owner.updatedAt, 'UTC') } : {}),
  };
}

/** The HubSpot mobile app and mobile browsers; everything else is the web app (API calls are not logins here). */
const MOBILE_AGENT = /\b(android|iphone|ipad|ios|mobile)\b/i;

export function hubspotLoginChannel(userAgent: string | null | undefined): LoginChannel {
  return userAgent && MOBILE_AGENT.test(userAgent) ? 'mobile' : 'web';
}

export function toLoginEvent(login: HubSpotLogin, ownerId: string): LoginEvent | null {
  const loginAt = parseInstant(login.loginAt ?? '', 'UTC');
  if (loginAt === null) return null;
  return {
    externalId: String(login.id),
    userExternalId: ownerId,
    loginAt,
    success: login.loginSucceeded === true,
    channel: hubspotLoginChannel(login.userAgent),
  };
}

/**
 * A HubSpot date: epoch milliseconds (legacy and search) or ISO text. Date-only properties such as
 * `closedate` arrive as midnight UTC; such a value is that UTC date, any other instant the day it
 * falls on in the plan's time zone.
 */
export function hubspotDay(value: string | null | undefined, timezone: string): string | null {
  if (!value) return null;
  const instant = hubspotInstant(value, timezone);
  if (instant === null) return null;
  const iso = new Date(instant).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : parseDay(iso, timezone);
}

export function hubspotInstant(value: string | null | undefined, timezone: string): number | null {
  if (!value) return null;
  if (/^\d{10,}$/.test(value.trim())) return Number(value.trim());
  return parseInstant(value, timezone);
}

export function toOpportunity(
  deal: HubSpotObject,
  stages: ReadonlyMap<string, HubSpotStage>,
  plan: readonly HubSpotPlanField[],
  timezone: string,
): Opportunity {
  const p = deal.properties ?? {};
  const stage = p.dealstage ? stages.get(p.dealstage) : undefined;
  const closedByStage = stage ? String(stage.metadata?.isClosed) === 'true' : undefined;
  const isClosed = closedByStage ?? p.hs_is_closed === 'true';
  const isWon = stage ? isClosed && Number(stage.metadata?.probability) === 1 : p.hs_is_closed_won === 'true';
  const amount = p.amount !== null && p.amount !== undefined && p.amount.trim() !== '' ? Number(p.amount) : null;
  return {
    externalId: deal.id,
    ownerExternalId: p.hubspot_owner_id || null,
    stage: stage?.label ?? p.dealstage ?? null,
    amount: amount !== null && Number.isFinite(amount) ? amount : null,
    isClosed,
    isWon,
    createdAt: hubspotInstant(p.createdate ?? deal.createdAt, timezone),
    closeDate: hubspotDay(p.closedate, timezone),
    lastActivityAt: hubspotInstant(p.notes_last_updated, timezone),
    lastModifiedAt: hubspotInstant(p.hs_lastmodifieddate ?? deal.updatedAt, timezone),
    deleted: deal.archived === true,
    fields: objectFields(deal, plan),
  };
}

export function toCrmRecord(objectType: string, object: HubSpotObject, plan: readonly HubSpotPlanField[], timezone: string): CrmRecord {
  const p = object.properties ?? {};
  return {
    objectType,
    externalId: object.id,
    ownerExternalId: p.hubspot_owner_id || null,
    createdAt: hubspotInstant(p.createdate ?? object.createdAt, timezone),
    lastModifiedAt: hubspotInstant(object.updatedAt, timezone),
    deleted: object.archived === true,
    fields: objectFields(object, plan),
  };
}

/** Every property returned (HubSpot names are lower-case), plus each plan field under the plan's name. */
export function objectFields(object: HubSpotObject, plan: readonly HubSpotPlanField[]): FieldValues {
  const fields: FieldValues = {};
  for (const [name, value] of Object.entries(object.properties ?? {})) {
    if (name === 'hs_object_id') continue;
    fields[name.toLowerCase()] = value ?? null;
  }
  for (const field of plan) fields[field.planName] = object.properties?.[field.property] ?? null;
  return fields;
}
