import {
  type Activity,
  ConnectorError,
  type CrmConnector,
  type CrmRecord,
  type CrmUser,
  type LoginEvent,
  type Opportunity,
  type Page,
  type SyncContext,
  type TrainingAssignment,
} from '../connector.port';
import { planRecordObjectTypes } from '../shared/record-object-types.util';
import { logApiUsage } from '../shared/log-api-usage.util';
import { formatApiUsage, type ApiUsage } from '../http/api-usage';
import { parseConnectorOptions } from '../http/connector-options.util';
import { matchFieldName, suggestFieldNames } from '../http/field-name.util';
import { defaultTransport, type HttpTransport } from '../http/http.transport';
import { newestOf, withFinalWatermark } from '../http/paging.util';
import { HubSpotApiClient, type HubSpotObject, type HubSpotPage, type HubSpotRetrySettings } from './hubspot-api.client';
import {
  hubspotInstant,
  toCrmRecord,
  toCrmUser,
  toLoginEvent,
  toOpportunity,
  type HubSpotLogin,
  type HubSpotOwner,
  type HubSpotPlanField,
  type HubSpotStage,
} from './hubspot-mapping.util';
import { FamilyPermissionError } from '../optional-family.error';
import {
  firstDeals,
  HUBSPOT_ACTIVITY_PROPERTIES,
  HUBSPOT_ACTIVITY_TYPES,
  toHubSpotActivity,
  type HubSpotAssociationBatch,
} from './hubspot-activities.util';
import { HubSpotOptionsSchema, type HubSpotOptions } from './hubspot-options.schema';

const DEAL_PROPERTIES = [
  'dealname',
  'dealstage',
  'pipeline',
  'amount',
  'closedate',
  'createdate',
  'hs_lastmodifieddate',
  'notes_last_updated',
  'hubspot_owner_id',
  'hs_is_closed',
  'hs_is_closed_won',
];
/** Launch-plan object types and the HubSpot object they are read from. */
const OBJECT_TYPES: Record<string, string> = {
  contact: 'contacts',
  contacts: 'contacts',
  company: 'companies',
  companies: 'companies',
  account: 'companies',
  ticket: 'tickets',
  tickets: 'tickets',
  lead: 'leads',
  leads: 'leads',
};
/** The last-modified property searchable per object (contacts keep the legacy name). */
const MODIFIED_PROPERTY: Record<string, string> = { contacts: 'lastmodifieddate' };
const LIST_LIMIT = 100;
const SEARCH_LIMIT = 200;
const LOGIN_LIMIT = 200;

export interface HubSpotConnectorDeps {
  transport?: HttpTransport;
  retry?: HubSpotRetrySettings;
  /** Results one search can page through (HubSpot answers 400 past 10,000); the search restarts from the last modification time. */
  searchWindow?: number;
  /** Results per search request (HubSpot allows up to 200). */
  searchPageSize?: number;
}

/**
 * HubSpot through CRM API v3: owners (teams as departments), login activity (last 90 days),
 * deals with pipeline stage metadata, and the plan's contacts, companies, tickets or leads.
 */
export class HubSpotConnector implements CrmConnector {
  readonly kind = 'hubspot' as const;
  private readonly client: HubSpotApiClient;
  private readonly searchWindow: number;
  private readonly searchPageSize: number;

  constructor(
    private readonly options: HubSpotOptions,
    deps: HubSpotConnectorDeps = {},
  ) {
    this.client = new HubSpotApiClient(options, deps.transport ?? defaultTransport(), deps.retry);
    this.searchWindow = deps.searchWindow ?? 10_000;
    this.searchPageSize = deps.searchPageSize ?? SEARCH_LIMIT;
  }

  /** Daily requests used and allowed (private app tokens); null when HubSpot does not say (OAuth apps). */
  apiUsage(): ApiUsage | null {
    return this.client.apiUsage();
  }

  async *users(ctx: SyncContext): AsyncIterable<Page<CrmUser>> {
    for await (const owners of this.owners(ctx)) {
      if (owners.length) yield { items: owners.map((owner) => toCrmUser(owner, this.options.integration_users)) };
    }
    this.logUsage(ctx);
  }

  /**
   * Login activity (no server-side time filter, newest first): rows after `since` are kept, and
   * the watermark comes with the last page. Logins of HubSpot users who own nothing are skipped.
   */
  async *logins(since: number | null, ctx: SyncContext): AsyncIterable<Page<LoginEvent>> {
    const ownerOf = await this.ownerIdsByUser(ctx);
    let skipped = 0;
    const client = this.client;
    async function* pages(): AsyncGenerator<LoginEvent[]> {
      for await (const results of client.pages<HubSpotLogin>('/account-info/v3/activity/login', { limit: LOGIN_LIMIT }, ctx)) {
        const items: LoginEvent[] = [];
        for (const login of results) {
          const ownerId =
            (login.userId != null ? ownerOf.byUserId.get(String(login.userId)) : undefined) ??
            (login.email ? ownerOf.byEmail.get(login.email.toLowerCase()) : undefined);
          const event = ownerId ? toLoginEvent(login, ownerId) : null;
          if (!ownerId) skipped += 1;
          if (event && (since === null || event.loginAt > since)) items.push(event);
        }
        yield items;
      }
    }
    yield* withFinalWatermark(pages(), (login) => login.loginAt);
    if (skipped) ctx.log(`HubSpot: ${skipped} logins of users who are not owners skipped`);
    this.logUsage(ctx);
  }

  async *opportunities(since: number | null, ctx: SyncContext): AsyncIterable<Page<Opportunity>> {
    const stages = await this.dealStages(ctx);
    const plan = await this.planFields('opportunity', 'deals', ctx);
    const properties = unique([...DEAL_PROPERTIES, ...plan.map((field) => field.property)]);
    const map = (deal: HubSpotObject) => toOpportunity(deal, stages, plan, ctx.timezone);
    yield* this.objects('deals', 'hs_lastmodifieddate', properties, since, map, (o) => o.lastModifiedAt, ctx);
  }

  async recordObjectTypes(ctx: SyncContext): Promise<string[]> {
    return planRecordObjectTypes(ctx.requiredFields);
  }

  async *records(objectType: string, since: number | null, ctx: SyncContext): AsyncIterable<Page<CrmRecord>> {
    const hubspotType = this.objectTypeFor(objectType);
    const modified = MODIFIED_PROPERTY[hubspotType] ?? 'hs_lastmodifieddate';
    const plan = await this.planFields(objectType, hubspotType, ctx);
    const properties = unique(['hubspot_owner_id', 'createdate', modified, ...plan.map((field) => field.property)]);
    const map = (object: HubSpotObject) => toCrmRecord(objectType, object, plan, ctx.timezone);
    yield* this.objects(hubspotType, modified, properties, since, map, (record) => record.lastModifiedAt, ctx);
  }

  /**
   * Calls, emails, meetings, notes and tasks (CRM v3 objects), each like the other objects:
   * archived ones as deletions, then everything (first sync) or a search on hs_lastmodifieddate;
   * the deal each is about from a v4 associations batch read per page. The five objects are read
   * one after the other, so the watermark (the newest modification of all five) comes with the
   * last page only: a run stopped half-way re-reads from the old watermark.
   */
  async *activities(since: number | null, ctx: SyncContext): AsyncIterable<Page<Activity>> {
    let watermark: number | undefined;
    for (const [hubspotType, type] of HUBSPOT_ACTIVITY_TYPES) {
      const modifiedOf = (object: HubSpotObject) => modifiedAt(object, 'hs_lastmodifieddate');
      const pages = this.objects(hubspotType, 'hs_lastmodifieddate', HUBSPOT_ACTIVITY_PROPERTIES, since, (o) => o, modifiedOf, ctx);
      for await (const page of activityScopes(hubspotType, pages)) {
        for (const object of page.items) {
          const at = object.archived ? null : modifiedOf(object);
          if (at !== null) watermark = Math.max(watermark ?? at, at);
        }
        const deals = await activityScopes(hubspotType, this.dealsOf(hubspotType, page.items, ctx));
        const items = page.items
          .map((object) => toHubSpotActivity(object, type, deals.get(object.id) ?? null))
          .filter((activity): activity is Activity => activity !== null);
        if (items.length) yield { items };
      }
    }
    if (watermark !== undefined) yield { items: [], watermark };
  }

  /** HubSpot has no training data. */
  async *training(_ctx: SyncContext): AsyncIterable<Page<TrainingAssignment>> {
    return;
  }

  async test(ctx: SyncContext): Promise<string> {
    const lines = [`HubSpot ${this.client.baseUrl}, ${this.client.usesPrivateAppToken ? 'private app token' : 'OAuth refresh token'}`];
    let owners = 0;
    let teams = new Set<string>();
    for await (const page of this.owners(ctx)) {
      owners += page.length;
      teams = new Set([...teams, ...page.flatMap((owner) => (owner.teams ?? []).map((team) => team.name))]);
    }
    lines.push(`users: ${owners} owners; departments from ${teams.size} teams`);
    await this.client.get('/account-info/v3/activity/login', { limit: 1 }, ctx);
    lines.push('logins: login activity readable (HubSpot keeps the last 90 days)');
    const stages = await this.dealStages(ctx);
    const dealFields = await this.planFields('opportunity', 'deals', ctx);
    const deals = await this.client.post<HubSpotPage<unknown>>(
      '/crm/v3/objects/deals/search',
      { limit: 1, properties: ['hs_object_id'] },
      ctx,
    );
    lines.push(`opportunities: ${deals.total ?? 'some'} deals, ${stages.size} pipeline stages${describePlan(dealFields)}`);
    for (const objectType of await this.recordObjectTypes(ctx)) {
      const hubspotType = this.objectTypeFor(objectType);
      lines.push(`records: ${objectType} from ${hubspotType}${describePlan(await this.planFields(objectType, hubspotType, ctx))}`);
    }
    lines.push(`activities: ${await this.activityAccess(ctx)}`);
    lines.push('training: none (HubSpot has no training data)');
    lines.push(`API usage: ${formatApiUsage(this.apiUsage())}`);
    return lines.join('\n');
  }

  async close(): Promise<void> {
    // Nothing held open.
  }

  /** How many activities of each kind, or which scope is missing (the sync then skips activities with a warning). */
  private async activityAccess(ctx: SyncContext): Promise<string> {
    const counts: string[] = [];
    try {
      for (const [hubspotType] of HUBSPOT_ACTIVITY_TYPES) {
        const search = this.client.post<HubSpotPage<unknown>>(
          `/crm/v3/objects/${hubspotType}/search`,
          { limit: 1, properties: ['hs_object_id'] },
          ctx,
        );
        const body = await activityScopes(hubspotType, search);
        counts.push(`${body.total ?? 'some'} ${hubspotType}`);
      }
    } catch (error) {
      if (error instanceof FamilyPermissionError) return `NOT SYNCED: ${error.message}`;
      throw error;
    }
    return `${counts.join(', ')}, incremental on hs_lastmodifieddate, deleted (archived) ones kept, deals through associations`;
  }

  /** The deal each object is about (v4 associations batch read, 100 ids a call); none for archived objects. */
  private async dealsOf(hubspotType: string, objects: readonly HubSpotObject[], ctx: SyncContext): Promise<Map<string, string>> {
    const ids = objects.filter((object) => !object.archived).map((object) => object.id);
    const deals = new Map<string, string>();
    for (let start = 0; start < ids.length; start += 100) {
      const batch = await this.client.post<HubSpotAssociationBatch>(
        `/crm/v4/associations/${hubspotType}/deals/batch/read`,
        { inputs: ids.slice(start, start + 100).map((id) => ({ id })) },
        ctx,
      );
      for (const [from, deal] of firstDeals(batch)) deals.set(from, deal);
    }
    return deals;
  }

  /** Active owners, then archived (deactivated) ones, so old deals keep their owner. */
  private async *owners(ctx: SyncContext): AsyncGenerator<HubSpotOwner[]> {
    for (const archived of [false, true]) {
      for await (const page of this.client.pages<HubSpotOwner>('/crm/v3/owners', { limit: LIST_LIMIT, archived }, ctx)) {
        yield page.map((owner) => ({ ...owner, archived: owner.archived ?? archived }));
      }
    }
  }

  /** Login activity names the HubSpot user; ownership is by owner id. */
  private async ownerIdsByUser(ctx: SyncContext): Promise<{ byUserId: Map<string, string>; byEmail: Map<string, string> }> {
    const byUserId = new Map<string, string>();
    const byEmail = new Map<string, string>();
    for await (const page of this.owners(ctx)) {
      for (const owner of page) {
        for (const userId of [owner.userId, owner.userIdIncludingInactive])
          if (userId != null && !byUserId.has(String(userId))) byUserId.set(String(userId), owner.id);
        if (owner.email && !byEmail.has(owner.email.toLowerCase())) byEmail.set(owner.email.toLowerCase(), owner.id);
      }
    }
    return { byUserId, byEmail };
  }

  private async dealStages(ctx: SyncContext): Promise<Map<string, HubSpotStage>> {
    const body = await this.client.get<{ results?: Array<{ id: string; stages?: HubSpotStage[] }> }>('/crm/v3/pipelines/deals', {}, ctx);
    const stages = new Map<string, HubSpotStage>();
    for (const pipeline of body?.results ?? []) for (const stage of pipeline.stages ?? []) stages.set(stage.id, stage);
    return stages;
  }

  private objectTypeFor(objectType: string): string {
    const hubspotType = OBJECT_TYPES[objectType.toLowerCase()];
    if (!hubspotType) {
      throw new ConnectorError(
        'HUBSPOT_UNKNOWN_OBJECT',
        `launch plan required_fields names object "${objectType}", which the HubSpot connector does not read (known: opportunity for deals, ${Object.keys(OBJECT_TYPES).join(', ')})`,
      );
    }
    return hubspotType;
  }

  /** Plan fields resolved against the object's properties: ignoring case and "_", then with HubSpot's `hs_` prefix (`next_step` -> `hs_next_step`). */
  private async planFields(objectType: string, hubspotType: string, ctx: SyncContext): Promise<HubSpotPlanField[]> {
    const wanted = ctx.requiredFields[objectType] ?? [];
    if (!wanted.length) return [];
    const body = await this.client.get<{ results?: Array<{ name: string }> }>(`/crm/v3/properties/${hubspotType}`, {}, ctx);
    const names = (body?.results ?? []).map((property) => property.name);
    return wanted.map((planName) => {
      const match = matchFieldName(planName, names);
      const prefixed = 'name' in match ? match : matchFieldName(`hs_${planName}`, names);
      if ('name' in prefixed) return { planName, property: prefixed.name };
      const several =
        'candidates' in match && match.candidates.length ? match.candidates : 'candidates' in prefixed ? prefixed.candidates : [];
      throw new ConnectorError(
        'HUBSPOT_UNKNOWN_FIELD',
        `launch plan required field "${objectType}.${planName}" is not a property of HubSpot ${hubspotType}${several.length ? ` (it matches several: ${several.join(', ')})` : suggestFieldNames(planName, names)}`,
      );
    });
  }

  /**
   * All objects of a type, or those changed since `since`: deleted (archived) ones first, from the
   * archived listing (no time filter there, so filtered here, no watermark); then the first sync
   * lists everything (watermark with the last page), a later one searches by modification time
   * ascending (watermark per page), restarting the search before HubSpot's 10,000-result cap.
   */
  private async *objects<T>(
    hubspotType: string,
    modifiedProperty: string,
    properties: string[],
    since: number | null,
    map: (object: HubSpotObject) => T,
    modifiedOf: (item: T) => number | null,
    ctx: SyncContext,
  ): AsyncGenerator<Page<T>> {
    const listing = { limit: LIST_LIMIT, properties: properties.join(',') };
    for await (const page of this.client.pages<HubSpotObject>(`/crm/v3/objects/${hubspotType}`, { ...listing, archived: true }, ctx)) {
      const deleted = page.filter(
        (object) => since === null || (hubspotInstant(object.archivedAt ?? object.updatedAt, 'UTC') ?? Infinity) > since,
      );
      if (deleted.length) yield { items: deleted.map((object) => map({ ...object, archived: true })) };
    }
    if (since === null) {
      const client = this.client;
      async function* active(): AsyncGenerator<T[]> {
        for await (const page of client.pages<HubSpotObject>(`/crm/v3/objects/${hubspotType}`, { ...listing, archived: false }, ctx))
          yield page.map(map);
      }
      yield* withFinalWatermark(active(), modifiedOf);
    } else {
      for await (const page of this.search(hubspotType, modifiedProperty, properties, since, ctx)) {
        const items = page.map(map);
        const watermark = newestOf(items, modifiedOf);
        if (items.length) yield watermark === undefined ? { items } : { items, watermark };
      }
    }
    this.logUsage(ctx);
  }

  private async *search(
    hubspotType: string,
    modifiedProperty: string,
    properties: string[],
    since: number,
    ctx: SyncContext,
  ): AsyncGenerator<HubSpotObject[]> {
    let floor = since;
    let operator: 'GT' | 'GTE' = 'GT';
    let after: string | undefined;
    let offset = 0;
    /** Ids already yielded at the newest modification time, skipped when a restarted search (GTE) returns them again. */
    let boundary = { at: -Infinity, ids: new Set<string>() };
    for (;;) {
      const body = await this.client.post<HubSpotPage<HubSpotObject>>(
        `/crm/v3/objects/${hubspotType}/search`,
        {
          filterGroups: [{ filters: [{ propertyName: modifiedProperty, operator, value: String(floor) }] }],
          sorts: [{ propertyName: modifiedProperty, direction: 'ASCENDING' }],
          properties,
          limit: this.searchPageSize,
          ...(after ? { after } : {}),
        },
        ctx,
      );
      if (!body || !Array.isArray(body.results))
        throw new ConnectorError('HUBSPOT_BAD_RESPONSE', `HubSpot search of ${hubspotType} answered without a results list`);
      const fresh = body.results.filter((object) => !(modifiedAt(object, modifiedProperty) === boundary.at && boundary.ids.has(object.id)));
      for (const object of body.results) {
        const at = modifiedAt(object, modifiedProperty) ?? -Infinity;
        if (at > boundary.at) boundary = { at, ids: new Set([object.id]) };
        else if (at === boundary.at) boundary.ids.add(object.id);
      }
      yield fresh;
      const next = body.paging?.next?.after;
      if (!next) return;
      offset += body.results.length;
      if (offset + this.searchPageSize > this.searchWindow) {
        if (operator === 'GTE' && boundary.at === floor) {
          throw new ConnectorError(
            'HUBSPOT_SEARCH_WINDOW',
            `more than ${this.searchWindow} HubSpot ${hubspotType} share the modification time ${new Date(floor).toISOString()}; the search cannot page past them`,
          );
        }
        floor = boundary.at;
        operator = 'GTE';
        after = undefined;
        offset = 0;
      } else {
        after = next;
      }
    }
  }

  private logUsage(ctx: SyncContext): void {
    logApiUsage(ctx, 'HubSpot', this.apiUsage());
  }
}

/** A missing scope on an activity object becomes a FamilyPermissionError naming the scope. */
function activityScopes<T>(hubspotType: string, work: Promise<T>): Promise<T>;
function activityScopes<T>(hubspotType: string, work: AsyncIterable<T>): AsyncIterable<T>;
function activityScopes<T>(hubspotType: string, work: Promise<T> | AsyncIterable<T>): Promise<T> | AsyncIterable<T> {
  const refuse = (error: unknown): never => {
    if (error instanceof ConnectorError && error.code === 'HUBSPOT_SCOPE_MISSING') {
      const scopes = /lacks the scopes? (.+?); add it/.exec(error.message)?.[1] ?? 'crm.objects.contacts.read';
      throw new FamilyPermissionError(
        'HUBSPOT_SCOPE_MISSING',
        'activities',
        scopes,
        `HubSpot refused the ${hubspotType}: the app lacks the scope ${scopes} (activities: calls, emails, meetings, notes and tasks need it); add it to the private app and use its new token`,
      );
    }
    throw error;
  };
  if (work instanceof Promise) return work.catch(refuse);
  return (async function* () {
    try {
      yield* work;
    } catch (error) {
      refuse(error);
    }
  })();
}

function modifiedAt(object: HubSpotObject, property: string): number | null {
  return hubspotInstant(object.properties?.[property] ?? object.updatedAt, 'UTC');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function describePlan(fields: readonly HubSpotPlanField[]): string {
  return fields.length ? `; required fields ${fields.map((field) => `${field.planName} -> ${field.property}`).join(', ')}` : '';
}

/** Validates the options (throws CONNECTOR_OPTIONS_INVALID naming each wrong option) and builds the connector. */
export function createHubSpotConnector(options: Record<string, string>, deps: HubSpotConnectorDeps = {}): HubSpotConnector {
  return new HubSpotConnector(parseConnectorOptions('hubspot', HubSpotOptionsSchema, options), deps);
}
