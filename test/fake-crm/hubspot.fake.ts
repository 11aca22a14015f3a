import { randomUUID } from 'node:crypto';
import { bearerToken, startFakeHttpServer, takeFault, type Fault, type FakeRequest, type FakeResponse } from './fake-http.util';

/**
 * A fake HubSpot account speaking the wire format the connector uses:
 * - private app token (static) or OAuth (POST /oauth/v1/token, refresh_token grant, tokens that
 *   expire on `expireTokens()`); 401 bodies with `category`; 403 MISSING_SCOPES per endpoint;
 * - rate-limit headers (X-HubSpot-RateLimit-Daily[-Remaining], -Interval-Milliseconds, -Max, -Remaining);
 * - GET /crm/v3/owners, /account-info/v3/activity/login (newest first), /crm/v3/pipelines/deals,
 *   /crm/v3/properties/{type}, /crm/v3/objects/{type} (properties, archived) with
 *   `paging.next.after` until the last page, which has no `paging`;
 * - POST /crm/v3/objects/{type}/search (GT/GTE/LT/LTE/EQ filters, sorts, `total`), 400 past `searchWindow`;
 * - the activity objects calls, emails, meetings, notes, tasks like any object, behind the scope
 *   crm.objects.contacts.read (as HubSpot's engagement APIs are);
 * - POST /crm/v4/associations/{from}/{to}/batch/read: `results[{ from: { id }, to: [{ toObjectId,
 *   associationTypes }] }]`, ids without associations in `errors` with HTTP 207;
 * - planned faults (429 with policyName, 5xx) answered instead of the normal response.
 */

export interface FakeHubSpotObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  /** Associated object ids per object type (`deals`), read through the v4 associations API. */
  associations?: Record<string, string[]>;
}

/** Engagement objects: HubSpot reads them with the contacts scope. */
const ACTIVITY_OBJECTS = new Set(['calls', 'emails', 'meetings', 'notes', 'tasks']);
/** HUBSPOT_DEFINED association type ids from an activity object to a deal. */
const DEAL_ASSOCIATION_TYPE: Record<string, number> = { calls: 206, emails: 210, meetings: 212, notes: 214, tasks: 216 };
const readScope = (objectType: string) =>
  ACTIVITY_OBJECTS.has(objectType) ? 'crm.objects.contacts.read' : `crm.objects.${objectType}.read`;

export interface FakeHubSpotData {
  owners: Array<Record<string, unknown>>;
  logins: Array<Record<string, unknown>>;
  pipelines: Array<Record<string, unknown>>;
  /** Property names per object type (`deals`, `companies`, ...). */
  properties: Record<string, string[]>;
  objects: Record<string, FakeHubSpotObject[]>;
}

export interface FakeHubSpotState extends FakeHubSpotData {
  privateAppToken: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Scopes the token has; an endpoint needing another answers 403 MISSING_SCOPES. */
  scopes: Set<string>;
  /** Results per page at most (HubSpot's own limit is the request's `limit`). */
  pageSize: number;
  /** Search results reachable by paging (HubSpot: 10,000). */
  searchWindow: number;
  daily: { limit: number; used: number };
  faults: Fault[];
  requests: FakeRequest[];
  tokensIssued: number;
  expireTokens(): void;
}

export interface FakeHubSpot {
  url: string;
  state: FakeHubSpotState;
  close(): Promise<void>;
}

export const HUBSPOT_SCOPES = [
  'crm.objects.owners.read',
  'account-info.security.read',
  'crm.objects.deals.read',
  'crm.objects.companies.read',
  'crm.objects.contacts.read',
  'crm.schemas.deals.read',
];

export async function startFakeHubSpot(data: FakeHubSpotData): Promise<FakeHubSpot> {
  const oauthTokens = new Set<string>();
  const state: FakeHubSpotState = {
    ...data,
    privateAppToken: 'pat-na1-11111111-2222-3333-4444-555555555555',
    clientId: 'fake-client-id',
    clientSecret: 'fake-client-secret',
    refreshToken: 'fake-refresh-token',
    scopes: new Set(HUBSPOT_SCOPES),
    pageSize: 100,
    searchWindow: 10_000,
    daily: { limit: 250_000, used: 0 },
    faults: [],
    requests: [],
    tokensIssued: 0,
    expireTokens: () => oauthTokens.clear(),
  };

  const server = await startFakeHttpServer((request) => {
    state.requests.push(request);
    if (request.method === 'POST' && request.path === '/oauth/v1/token') return token(request);
    const presented = bearerToken(request);
    if (!presented)
      return error(
        401,
        'INVALID_AUTHENTICATION',
        'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
      );
    if (presented !== state.privateAppToken && !oauthTokens.has(presented)) {
      return presented.startsWith('oauth-')
        ? error(401, 'EXPIRED_AUTHENTICATION', 'The OAuth token used to make this call expired 0 second(s) ago.')
        : error(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found.');
    }
    state.daily.used += 1;
    const fault = takeFault(state.faults, request);
    const answer = fault ?? route(request);
    return { ...answer, headers: { ...rateHeaders(), ...answer.headers } };
  });

  function rateHeaders(): Record<string, string> {
    return {
      'X-HubSpot-RateLimit-Daily': String(state.daily.limit),
      'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, state.daily.limit - state.daily.used)),
      'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
      'X-HubSpot-RateLimit-Max': '100',
      'X-HubSpot-RateLimit-Remaining': '99',
    };
  }

  function token(request: FakeRequest): FakeResponse {
    const form = new URLSearchParams(request.body);
    if (
      form.get('grant_type') !== 'refresh_token' ||
      form.get('refresh_token') !== state.refreshToken ||
      form.get('client_id') !== state.clientId ||
      form.get('client_secret') !== state.clientSecret
    ) {
      return {
        status: 400,
        body: { status: 'BAD_REFRESH_TOKEN', message: 'missing or invalid refresh token', correlationId: randomUUID() },
      };
    }
    state.tokensIssued += 1;
    const accessToken = `oauth-${state.tokensIssued}-${randomUUID()}`;
    oauthTokens.add(accessToken);
    return { status: 200, body: { token_type: 'bearer', refresh_token: state.refreshToken, access_token: accessToken, expires_in: 1800 } };
  }

  function need(scope: string): FakeResponse | null {
    if (state.scopes.has(scope)) return null;
    return {
      status: 403,
      body: {
        status: 'error',
        message:
          "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
        correlationId: randomUUID(),
        errors: [{ message: 'One or more of the following scopes are required.', context: { requiredScopes: [scope] } }],
        category: 'MISSING_SCOPES',
      },
    };
  }

  function route(request: FakeRequest): FakeResponse {
    const { path, query } = request;
    if (request.method === 'GET' && path === '/crm/v3/owners') {
      const archived = query.get('archived') === 'true';
      return (
        need('crm.objects.owners.read') ??
        list(
          state.owners.filter((owner) => (owner.archived === true) === archived),
          query,
          path,
        )
      );
    }
    if (request.method === 'GET' && path === '/account-info/v3/activity/login') {
      const newestFirst = [...state.logins].sort((a, b) => Date.parse(String(b.loginAt)) - Date.parse(String(a.loginAt)));
      return need('account-info.security.read') ?? list(newestFirst, query, path, 200);
    }
    if (request.method === 'GET' && path === '/crm/v3/pipelines/deals')
      return need('crm.objects.deals.read') ?? { status: 200, body: { results: state.pipelines } };
    const properties = /^\/crm\/v3\/properties\/(\w+)$/.exec(path);
    if (request.method === 'GET' && properties) {
      const names = state.properties[properties[1]];
      if (!names) return error(404, 'OBJECT_NOT_FOUND', `Unable to infer object type from: ${properties[1]}`);
      return (
        need(`crm.objects.${properties[1]}.read`) ?? {
          status: 200,
          body: { results: names.map((name) => ({ name, label: name, type: 'string', fieldType: 'text' })) },
        }
      );
    }
    const associations = /^\/crm\/v4\/associations\/(\w+)\/(\w+)\/batch\/read$/.exec(path);
    if (associations && request.method === 'POST' && state.objects[associations[1]]) {
      const denied = need(readScope(associations[1])) ?? need(readScope(associations[2]));
      return denied ?? batchAssociations(associations[1], associations[2], JSON.parse(request.body || '{}'));
    }
    const objects = /^\/crm\/v3\/objects\/(\w+)(\/search)?$/.exec(path);
    if (objects && state.objects[objects[1]]) {
      const denied = need(readScope(objects[1]));
      if (denied) return denied;
      if (objects[2] && request.method === 'POST') return search(objects[1], JSON.parse(request.body || '{}'));
      if (!objects[2] && request.method === 'GET') {
        const archived = query.get('archived') === 'true';
        const wanted = (query.get('properties') ?? '').split(',').filter(Boolean);
        const rows = state.objects[objects[1]].filter((object) => object.archived === archived).map((object) => shape(object, wanted));
        return list(rows, query, path);
      }
    }
    return error(404, 'OBJECT_NOT_FOUND', `resource not found: ${request.method} ${path}`);
  }

  function batchAssociations(from: string, to: string, body: { inputs?: Array<{ id: string }> }): FakeResponse {
    const now = new Date().toISOString();
    const results: unknown[] = [];
    const errors: unknown[] = [];
    for (const { id } of body.inputs ?? []) {
      const object = state.objects[from].find((candidate) => candidate.id === id && !candidate.archived);
      const targets = object?.associations?.[to] ?? [];
      if (targets.length) {
        results.push({
          from: { id },
          to: targets.map((target) => ({
            toObjectId: Number(target),
            associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: DEAL_ASSOCIATION_TYPE[from] ?? 0, label: null }],
          })),
        });
      } else {
        errors.push({
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
          message: `No ${to} is associated with ${from} ${id}.`,
          context: { fromObjectId: [id] },
        });
      }
    }
    const answer: Record<string, unknown> = { status: 'COMPLETE', results, startedAt: now, completedAt: now };
    if (errors.length) Object.assign(answer, { numErrors: errors.length, errors });
    return { status: errors.length ? 207 : 200, body: answer };
  }

  /** Default properties always returned, as HubSpot does, plus those asked for. */
  function shape(object: FakeHubSpotObject, wanted: string[]): Record<string, unknown> {
    const names = ['createdate', 'hs_lastmodifieddate', 'hs_object_id', ...wanted];
    const properties = Object.fromEntries(
      names.map((name) => [name, name === 'hs_object_id' ? object.id : (object.properties[name] ?? null)]),
    );
    const result: Record<string, unknown> = {
      id: object.id,
      properties,
      createdAt: object.createdAt,
      updatedAt: object.updatedAt,
      archived: object.archived,
    };
    if (object.archivedAt) result.archivedAt = object.archivedAt;
    return result;
  }

  function list(rows: Array<Record<string, unknown>>, query: URLSearchParams, path: string, maxLimit = 100): FakeResponse {
    const limit = Math.min(Number(query.get('limit') ?? 10), maxLimit, state.pageSize);
    const start = Number(query.get('after') ?? 0);
    const end = start + limit;
    const body: Record<string, unknown> = { results: rows.slice(start, end) };
    if (end < rows.length) {
      const next = new URLSearchParams(query);
      next.set('after', String(end));
      body.paging = { next: { after: String(end), link: `https://api.hubapi.com${path}?${next.toString()}` } };
    }
    return { status: 200, body };
  }

  function search(
    objectType: string,
    body: {
      filterGroups?: Array<{ filters: Array<{ propertyName: string; operator: string; value: string }> }>;
      sorts?: Array<{ propertyName: string; direction?: string }>;
      properties?: string[];
      limit?: number;
      after?: string;
    },
  ): FakeResponse {
    const limit = Math.min(body.limit ?? 10, 200, state.pageSize);
    const start = Number(body.after ?? 0);
    if (start >= state.searchWindow) {
      return error(
        400,
        'VALIDATION_ERROR',
        `There was a problem with the request. Paging past ${state.searchWindow} results is not supported.`,
      );
    }
    const value = (object: FakeHubSpotObject, name: string) => asNumber(object.properties[name]);
    let rows = state.objects[objectType].filter((object) => !object.archived);
    const groups = body.filterGroups ?? [];
    if (groups.length) {
      rows = rows.filter((object) =>
        groups.some((group) =>
          group.filters.every((filter) => {
            const left = value(object, filter.propertyName);
            const right = asNumber(filter.value);
            if (left === null || right === null) return false;
            return (
              { GT: left > right, GTE: left >= right, LT: left < right, LTE: left <= right, EQ: left === right }[filter.operator] ?? false
            );
          }),
        ),
      );
    }
    for (const sort of [...(body.sorts ?? [])].reverse()) {
      rows = [...rows].sort(
        (a, b) => ((value(a, sort.propertyName) ?? 0) - (value(b, sort.propertyName) ?? 0)) * (sort.direction === 'DESCENDING' ? -1 : 1),
      );
    }
    const end = Math.min(start + limit, state.searchWindow);
    const answer: Record<string, unknown> = {
      total: rows.length,
      results: rows.slice(start, end).map((object) => shape(object, body.properties ?? [])),
    };
    if (end < rows.length) answer.paging = { next: { after: String(end), link: '' } };
    return { status: 200, body: answer };
  }

  return { url: server.url, state, close: () => server.close() };
}

function asNumber(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (/^\d+$/.test(value)) return Number(value);
  const instant = Date.parse(value);
  return Number.isNaN(instant) ? null : instant;
}

function error(status: number, category: string, message: string): FakeResponse {
  return { status, body: { status: 'error', message, correlationId: randomUUID(), category } };
}
