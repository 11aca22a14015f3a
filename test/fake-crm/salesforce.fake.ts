import { bearerToken, instantOf, startFakeHttpServer, takeFault, type Fault, type FakeRequest, type FakeResponse } from './fake-http.util';

/**
 * A fake Salesforce org speaking the REST API wire format the connector uses:
 * - POST /services/oauth2/token (client_credentials, refresh_token) -> access_token, instance_url, id;
 * - every /services/data/vNN.N call needs a live Bearer token, else 401 [{ errorCode: INVALID_SESSION_ID }],
 *   and answers with `Sforce-Limit-Info: api-usage=used/limit`;
 * - GET sobjects (global describe), sobjects/{Object}/describe;
 * - GET query / queryAll?q=SOQL with pages of `pageSize` records linked by nextRecordsUrl until done;
 *   the SOQL subset: SELECT fields (incl. Relation.Field, COUNT()) FROM Object [WHERE a op literal
 *   [AND ...]] [ORDER BY f [ASC|DESC], ...] [LIMIT n]; unknown fields 400 INVALID_FIELD;
 *   query hides IsDeleted rows, queryAll returns them;
 * - planned faults (rate limits, server errors) answered instead of the normal response.
 */

export interface FakeSalesforceField {
  name: string;
  type: string;
  relationshipName?: string;
  referenceTo?: string[];
}

export interface FakeSalesforceObject {
  fields: FakeSalesforceField[];
  /** Rows by API name; a lookup's related record is a nested object under its relationship name. */
  rows: Array<Record<string, unknown>>;
}

export interface FakeSalesforceState {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** The user the tokens are issued for (identity URL `/id/<org>/<user>`). */
  apiUserId: string;
  orgId: string;
  objects: Record<string, FakeSalesforceObject>;
  /** Records per query page; a list gives successive page sizes (the last one repeats). */
  pageSize: number | number[];
  /** Observed quirk: the last page also carries a (dead) nextRecordsUrl next to done: true. */
  nextRecordsUrlWhenDone: boolean;
  apiUsage: { used: number; limit: number };
  faults: Fault[];
  /** Every request, in order. */
  requests: FakeRequest[];
  /** Token requests answered with a token. */
  tokensIssued: number;
  /** Makes every issued token invalid (session expiry): the next data call gets 401 INVALID_SESSION_ID. */
  expireTokens(): void;
  /** The SOQL texts received, in order. */
  queries(): string[];
}

export interface FakeSalesforce {
  url: string;
  state: FakeSalesforceState;
  close(): Promise<void>;
}

export async function startFakeSalesforce(
  objects: Record<string, FakeSalesforceObject>,
  credentials: Partial<Pick<FakeSalesforceState, 'clientId' | 'clientSecret' | 'refreshToken' | 'apiUserId'>> = {},
): Promise<FakeSalesforce> {
  const liveTokens = new Set<string>();
  const cursors = new Map<string, { rows: Array<Record<string, unknown>>; sizes: number[] }>();
  let tokenCounter = 0;
  let cursorCounter = 0;
  let url = '';
  const state: FakeSalesforceState = {
    clientId: credentials.clientId ?? '3MVG9fake-client-id',
    clientSecret: credentials.clientSecret ?? 'fake-client-secret-0123456789',
    refreshToken: credentials.refreshToken ?? '5Aep861fake-refresh-token',
    apiUserId: credentials.apiUserId ?? '0055j000000INTEGAAA',
    orgId: '00D5j000000FAKEEAA',
    objects,
    pageSize: 2000,
    nextRecordsUrlWhenDone: false,
    apiUsage: { used: 0, limit: 15000 },
    faults: [],
    requests: [],
    tokensIssued: 0,
    expireTokens: () => liveTokens.clear(),
    queries: () => state.requests.filter((request) => /\/query(All)?$/.test(request.path)).map((request) => request.query.get('q') ?? ''),
  };

  const server = await startFakeHttpServer((request) => {
    state.requests.push(request);
    if (request.method === 'POST' && request.path === '/services/oauth2/token') return token(request);
    const data = /^\/services\/data\/v(\d+\.\d)(\/.*)$/.exec(request.path);
    if (!data) return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
    const presented = bearerToken(request);
    if (!presented || !liveTokens.has(presented)) {
      return {
        status: 401,
        body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
        headers: { 'WWW-Authenticate': 'Token' },
      };
    }
    state.apiUsage.used += 1;
    const limitHeader = { 'Sforce-Limit-Info': `api-usage=${state.apiUsage.used}/${state.apiUsage.limit}` };
    const fault = takeFault(state.faults, request);
    const answer = fault ?? route(data[1], data[2], request);
    return { ...answer, headers: { ...limitHeader, ...answer.headers } };
  });
  url = server.url;

  function token(request: FakeRequest): FakeResponse {
    const form = new URLSearchParams(request.body);
    const grant = form.get('grant_type');
    if (grant !== 'client_credentials' && grant !== 'refresh_token') {
      return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant type not supported' } };
    }
    if (form.get('client_id') !== state.clientId)
      return { status: 400, body: { error: 'invalid_client_id', error_description: 'client identifier invalid' } };
    if (form.get('client_secret') !== state.clientSecret)
      return { status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } };
    if (grant === 'refresh_token' && form.get('refresh_token') !== state.refreshToken) {
      return { status: 400, body: { error: 'invalid_grant', error_description: 'expired access/refresh token' } };
    }
    tokenCounter += 1;
    state.tokensIssued += 1;
    const accessToken = `${state.orgId}!AQ4AQFakeSession${tokenCounter}`;
    liveTokens.add(accessToken);
    return {
      status: 200,
      body: {
        access_token: accessToken,
        instance_url: url,
        id: `${url}/id/${state.orgId}/${state.apiUserId}`,
        token_type: 'Bearer',
        issued_at: String(Date.now()),
        signature: 'ZmFrZS1zaWduYXR1cmU=',
      },
    };
  }

  function route(version: string, rest: string, request: FakeRequest): FakeResponse {
    if (rest === '/sobjects') {
      return {
        status: 200,
        body: {
          encoding: 'UTF-8',
          maxBatchSize: 200,
          sobjects: Object.keys(state.objects).map((name) => ({ name, label: name, queryable: true })),
        },
      };
    }
    const describe = /^\/sobjects\/([^/]+)\/describe$/.exec(rest);
    if (describe) {
      const object = state.objects[decodeURIComponent(describe[1])];
      if (!object) return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
      return { status: 200, body: { name: decodeURIComponent(describe[1]), queryable: true, fields: object.fields } };
    }
    if (rest === '/query' || rest === '/queryAll') return runQuery(version, request.query.get('q') ?? '', rest === '/queryAll');
    const next = /^\/query\/(01gFAKE\d+)-(\d+)$/.exec(rest);
    if (next) {
      const cursor = cursors.get(next[1]);
      if (!cursor) return { status: 400, body: [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }] };
      return page(version, next[1], cursor, Number(next[2]));
    }
    return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
  }

  function runQuery(version: string, soql: string, all: boolean): FakeResponse {
    let parsed: ParsedSoql;
    try {
      parsed = parseSoql(soql);
    } catch (error) {
      return { status: 400, body: [{ errorCode: 'MALFORMED_QUERY', message: (error as Error).message }] };
    }
    const objectName = Object.keys(state.objects).find((name) => name.toLowerCase() === parsed.from.toLowerCase());
    if (!objectName)
      return { status: 400, body: [{ errorCode: 'INVALID_TYPE', message: `sObject type '${parsed.from}' is not supported.` }] };
    const resolver = fieldResolver(state.objects, objectName);
    let rows: Array<Record<string, unknown>>;
    let fields: string[][];
    try {
      fields = parsed.fields.filter((field) => field.toUpperCase() !== 'COUNT()').map(resolver);
      const conditions = parsed.where.map((condition) => ({ ...condition, path: resolver(condition.field) }));
      const order = parsed.orderBy.map((entry) => ({ ...entry, path: resolver(entry.field) }));
      const object = state.objects[objectName];
      const hasDeleted = object.fields.some((field) => field.name === 'IsDeleted');
      // Without Manage Users an API user sees only its own LoginHistory rows (API v37.0 and later).
      const ownLoginsOnly = objectName === 'LoginHistory' && !canManageUsers();
      rows = object.rows.filter(
        (row) =>
          (all || !hasDeleted || row.IsDeleted !== true) &&
          (!ownLoginsOnly || row.UserId === state.apiUserId) &&
          conditions.every((condition) =>
            matches(valueAt(state.objects, objectName, row, condition.path), condition.op, condition.literal),
          ),
      );
      rows.sort((a, b) => {
        for (const entry of order) {
          const difference = compare(valueAt(state.objects, objectName, a, entry.path), valueAt(state.objects, objectName, b, entry.path));
          if (difference !== 0) return entry.descending ? -difference : difference;
        }
        return 0;
      });
      if (parsed.limit !== null) rows = rows.slice(0, parsed.limit);
    } catch (error) {
      return { status: 400, body: [{ errorCode: 'INVALID_FIELD', message: (error as Error).message }] };
    }
    if (parsed.fields.some((field) => field.toUpperCase() === 'COUNT()')) {
      return { status: 200, body: { totalSize: rows.length, done: true, records: [] } };
    }
    const projected = rows.map((row) => project(state.objects, version, objectName, row, fields));
    cursorCounter += 1;
    const id = `01gFAKE${cursorCounter}`;
    const sizes = Array.isArray(state.pageSize) ? [...state.pageSize] : [state.pageSize];
    const cursor = { rows: projected, sizes };
    cursors.set(id, cursor);
    return page(version, id, cursor, 0);
  }

  function canManageUsers(): boolean {
    return (state.objects.PermissionSetAssignment?.rows ?? []).some(
      (row) =>
        row.AssigneeId === state.apiUserId && (row.PermissionSet as Record<string, unknown> | undefined)?.PermissionsManageUsers === true,
    );
  }

  function page(
    version: string,
    id: string,
    cursor: { rows: Array<Record<string, unknown>>; sizes: number[] },
    offset: number,
  ): FakeResponse {
    let index = 0;
    let start = 0;
    while (start < offset) start += cursor.sizes[Math.min(index++, cursor.sizes.length - 1)];
    const size = cursor.sizes[Math.min(index, cursor.sizes.length - 1)];
    const end = Math.min(cursor.rows.length, offset + size);
    const done = end >= cursor.rows.length;
    const body: Record<string, unknown> = { totalSize: cursor.rows.length, done, records: cursor.rows.slice(offset, end) };
    if (!done) body.nextRecordsUrl = `/services/data/v${version}/query/${id}-${end}`;
    else if (state.nextRecordsUrlWhenDone) body.nextRecordsUrl = `/services/data/v${version}/query/01gGONE-${end}`;
    return { status: 200, body };
  }

  return { url, state, close: () => server.close() };
}

interface ParsedSoql {
  fields: string[];
  from: string;
  where: Array<{ field: string; op: string; literal: unknown }>;
  orderBy: Array<{ field: string; descending: boolean }>;
  limit: number | null;
}

const SOQL = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+ORDER\s+BY\s+(.+?))?(?:\s+LIMIT\s+(\d+))?\s*$/is;
const CONDITION = /^([\w.]+)\s*(=|!=|<=|>=|<|>)\s*(.+)$/s;

function parseSoql(soql: string): ParsedSoql {
  const match = SOQL.exec(soql);
  if (!match) throw new Error(`unexpected token in query: ${soql.slice(0, 60)}`);
  const where = match[3]
    ? match[3].split(/\s+AND\s+/i).map((text) => {
        const condition = CONDITION.exec(text.trim());
        if (!condition) throw new Error(`unexpected token: '${text.trim()}'`);
        return { field: condition[1], op: condition[2], literal: parseLiteral(condition[3].trim()) };
      })
    : [];
  const orderBy = match[4]
    ? match[4].split(',').map((text) => {
        const [field, direction] = text.trim().split(/\s+/);
        return { field, descending: direction?.toUpperCase() === 'DESC' };
      })
    : [];
  return {
    fields: match[1].split(',').map((field) => field.trim()),
    from: match[2],
    where,
    orderBy,
    limit: match[5] ? Number(match[5]) : null,
  };
}

/** SOQL literals: 'text' (with \' escapes), true/false, null, numbers, dates and unquoted dateTimes. */
function parseLiteral(text: string): unknown {
  if (text.startsWith("'") && text.endsWith("'")) return text.slice(1, -1).replace(/\\(.)/g, '$1');
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if (/^null$/i.test(text)) return null;
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2}))?$/.test(text))
    return { instant: instantOf(text.length === 10 ? `${text}T00:00:00Z` : text) };
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  throw new Error(`unexpected token: '${text}'`);
}

/** Resolves `userrole.name` to the canonical path `['UserRole', 'Name']`, or throws INVALID_FIELD's message. */
function fieldResolver(objects: Record<string, FakeSalesforceObject>, objectName: string): (field: string) => string[] {
  return (field) => {
    const parts = field.split('.');
    let object = objects[objectName];
    let current = objectName;
    const path: string[] = [];
    for (const [index, part] of parts.entries()) {
      if (index === parts.length - 1) {
        const found = object.fields.find((candidate) => candidate.name.toLowerCase() === part.toLowerCase());
        if (!found)
          throw new Error(
            `No such column '${part}' on entity '${current}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`,
          );
        path.push(found.name);
      } else {
        const relation = object.fields.find((candidate) => candidate.relationshipName?.toLowerCase() === part.toLowerCase());
        if (!relation?.referenceTo?.[0] || !objects[relation.referenceTo[0]])
          throw new Error(`Didn't understand relationship '${part}' in field path.`);
        path.push(relation.relationshipName!);
        current = relation.referenceTo[0];
        object = objects[current];
      }
    }
    return path;
  };
}

/** The record a lookup points to: nested in the row under the relationship name, or found by the lookup's id. */
function relatedRow(
  objects: Record<string, FakeSalesforceObject>,
  objectName: string,
  row: Record<string, unknown>,
  relationshipName: string,
): Record<string, unknown> | null {
  if (row[relationshipName] !== undefined) return (row[relationshipName] as Record<string, unknown> | null) ?? null;
  const relation = objects[objectName]?.fields.find((field) => field.relationshipName === relationshipName);
  const target = relation?.referenceTo?.[0];
  if (!relation || !target || row[relation.name] == null) return null;
  return objects[target]?.rows.find((candidate) => candidate.Id === row[relation.name]) ?? null;
}

function valueAt(objects: Record<string, FakeSalesforceObject>, objectName: string, row: Record<string, unknown>, path: string[]): unknown {
  if (path.length === 1) return row[path[0]] ?? null;
  const related = relatedRow(objects, objectName, row, path[0]);
  return related ? (related[path[1]] ?? null) : null;
}

function comparable(value: unknown): unknown {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return instantOf(value.length === 10 ? `${value}T00:00:00Z` : value);
  return value;
}

function compare(a: unknown, b: unknown): number {
  const x = comparable(a);
  const y = comparable(b);
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return (x as number) < (y as number) ? -1 : 1;
}

function matches(value: unknown, op: string, literal: unknown): boolean {
  const right = literal && typeof literal === 'object' && 'instant' in literal ? (literal as { instant: number }).instant : literal;
  const left = right !== null && typeof right === 'number' && typeof value === 'string' ? comparable(value) : value;
  switch (op) {
    case '=':
      return left === right;
    case '!=':
      return left !== right;
    default: {
      if (left === null || right === null) return false;
      const difference = compare(left, right);
      return op === '<' ? difference < 0 : op === '<=' ? difference <= 0 : op === '>' ? difference > 0 : difference >= 0;
    }
  }
}

/** A record as the REST API writes it: `attributes`, the selected fields, lookups nested under their relationship name. */
function project(
  objects: Record<string, FakeSalesforceObject>,
  version: string,
  objectName: string,
  row: Record<string, unknown>,
  fields: string[][],
): Record<string, unknown> {
  const record: Record<string, unknown> = {
    attributes: { type: objectName, url: `/services/data/v${version}/sobjects/${objectName}/${String(row.Id)}` },
  };
  for (const path of fields) {
    if (path.length === 1) {
      record[path[0]] = row[path[0]] ?? null;
      continue;
    }
    const related = relatedRow(objects, objectName, row, path[0]);
    if (!related) {
      record[path[0]] = null;
      continue;
    }
    const target = (record[path[0]] ??= { attributes: { type: path[0] } }) as Record<string, unknown>;
    target[path[1]] = related[path[1]] ?? null;
  }
  return record;
}
