import { randomUUID } from 'node:crypto';
import { bearerToken, instantOf, startFakeHttpServer, takeFault, type Fault, type FakeRequest, type FakeResponse } from './fake-http.util';

/**
 * A fake Dataverse environment and Microsoft Entra token endpoint on one loopback server:
 * - POST /{tenant}/oauth2/v2.0/token (client_credentials, scope `{url}/.default`) -> access_token, expires_in;
 *   Entra errors as `{ error, error_description: "AADSTS...", error_codes, ... }`;
 * - /api/data/v9.2/* needs a live Bearer token (else 401, empty body);
 * - collections with $select, $filter (eq ne gt ge lt le, `and`, parenthesised `or`), $orderby, $top,
 *   $count; `Prefer: odata.maxpagesize` pages linked by an absolute `@odata.nextLink` with a
 *   $skiptoken; FormattedValue annotations only when asked for; unknown columns 400;
 * - EntityDefinitions(LogicalName='x') with Attributes, WhoAmI, organizations (audit settings);
 * - privileges the application user's role lacks per entity set (`missingPrivileges`): 403 with
 *   Dataverse's 0x80040220 "is missing prvReadX privilege" error;
 * - planned faults (429 with Retry-After, 5xx) answered instead of the normal response.
 */

export interface FakeDataverseTable {
  logicalName: string;
  primaryId: string;
  /** Columns and their AttributeType (Lookup columns are read as `_x_value`). */
  attributes: Array<{ LogicalName: string; AttributeType: string }>;
  /** Rows as the Web API writes them, annotations included (`col@OData.Community.Display.V1.FormattedValue`). */
  rows: Array<Record<string, unknown>>;
}

export interface FakeDataverseState {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  applicationUserId: string;
  /** Tables by entity set name (`systemusers`, `audits`, `opportunities`, ...). */
  tables: Record<string, FakeDataverseTable>;
  organization: { organizationid: string; isauditenabled: boolean; isuseraccessauditenabled: boolean; useraccessauditinginterval: number };
  /** Rows per page at most, whatever the client prefers. */
  pageSize: number;
  tokenLifetimeSeconds: number;
  /** Entity set -> the read privilege the application user lacks for it (`activitypointers` -> `prvReadActivityPointer`). */
  missingPrivileges: Record<string, string>;
  faults: Fault[];
  requests: FakeRequest[];
  tokensIssued: number;
  expireTokens(): void;
}

export interface FakeDataverse {
  url: string;
  state: FakeDataverseState;
  close(): Promise<void>;
}

const FORMATTED = '@OData.Community.Display.V1.FormattedValue';

export async function startFakeDataverse(tables: Record<string, FakeDataverseTable>): Promise<FakeDataverse> {
  const liveTokens = new Set<string>();
  const cursors = new Map<string, { rows: Array<Record<string, unknown>>; context: string }>();
  let url = '';
  const state: FakeDataverseState = {
    tenantId: 'contoso.onmicrosoft.com',
    clientId: '51f81489-12ee-4a9e-aaae-a2591f45987d',
    clientSecret: 'fake~secret~value.0123456789',
    applicationUserId: 'a0000000-0000-0000-0000-000000000004',
    tables,
    organization: {
      organizationid: '883278f5-07af-45eb-a0bc-3fea67caa544',
      isauditenabled: true,
      isuseraccessauditenabled: true,
      useraccessauditinginterval: 4,
    },
    pageSize: 5000,
    tokenLifetimeSeconds: 3599,
    missingPrivileges: {},
    faults: [],
    requests: [],
    tokensIssued: 0,
    expireTokens: () => liveTokens.clear(),
  };

  const server = await startFakeHttpServer((request) => {
    state.requests.push(request);
    const tokenPath = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(request.path);
    if (request.method === 'POST' && tokenPath) return token(decodeURIComponent(tokenPath[1]), request);
    const api = /^\/api\/data\/v(\d+\.\d+)\/(.+)$/.exec(request.path);
    if (!api)
      return { status: 404, body: { error: { code: '0x80060888', message: `Resource not found for the segment '${request.path}'.` } } };
    const presented = bearerToken(request);
    if (!presented || !liveTokens.has(presented))
      return {
        status: 401,
        body: '',
        headers: { 'WWW-Authenticate': `Bearer authorization_uri=${url}/${state.tenantId}/oauth2/authorize, resource_id=${url}` },
      };
    const fault = takeFault(state.faults, request);
    if (fault) return fault;
    return route(api[1], decodeURIComponent(api[2]), request);
  });
  url = server.url;

  function token(tenant: string, request: FakeRequest): FakeResponse {
    const form = new URLSearchParams(request.body);
    const entraError = (status: number, error: string, code: number, description: string): FakeResponse => ({
      status,
      body: {
        error,
        error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${randomUUID()}\r\nCorrelation ID: ${randomUUID()}\r\nTimestamp: 2024-04-01 00:00:00Z`,
        error_codes: [code],
        timestamp: '2024-04-01 00:00:00Z',
        trace_id: randomUUID(),
        correlation_id: randomUUID(),
      },
    });
    if (tenant !== state.tenantId) return entraError(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
    if (form.get('grant_type') !== 'client_credentials')
      return entraError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    if (form.get('client_id') !== state.clientId)
      return entraError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${form.get('client_id')}' was not found in the directory.`,
      );
    if (form.get('client_secret') !== state.clientSecret)
      return entraError(
        401,
        'invalid_client',
        7000215,
        'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
      );
    if (form.get('scope') !== `${url}/.default`)
      return entraError(400, 'invalid_scope', 1002012, `The provided value for scope ${form.get('scope')} is not valid.`);
    state.tokensIssued += 1;
    const accessToken = `eyJ0eXAiOiJKV1QiFake.${state.tokensIssued}.${randomUUID()}`;
    liveTokens.add(accessToken);
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: state.tokenLifetimeSeconds,
        ext_expires_in: state.tokenLifetimeSeconds,
        access_token: accessToken,
      },
    };
  }

  function route(version: string, resource: string, request: FakeRequest): FakeResponse {
    const base = `${url}/api/data/v${version}`;
    if (resource === 'WhoAmI')
      return {
        status: 200,
        body: {
          '@odata.context': `${base}/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
          BusinessUnitId: 'b0000000-0000-0000-0000-00000000bu01',
          UserId: state.applicationUserId,
          OrganizationId: state.organization.organizationid,
        },
      };
    if (resource === 'organizations')
      return {
        status: 200,
        body: { '@odata.context': `${base}/$metadata#organizations`, value: [select(state.organization, request.query.get('$select'))] },
      };
    const definition = /^EntityDefinitions\(LogicalName='([^']+)'\)$/.exec(resource);
    if (definition) {
      const [set, table] = Object.entries(state.tables).find(([, candidate]) => candidate.logicalName === definition[1]) ?? [];
      if (!table || !set)
        return { status: 404, body: { error: { code: '0x80040217', message: `Could not find entity with name '${definition[1]}'.` } } };
      return {
        status: 200,
        body: { LogicalName: table.logicalName, EntitySetName: set, PrimaryIdAttribute: table.primaryId, Attributes: table.attributes },
      };
    }
    const privilege = state.missingPrivileges[resource];
    if (privilege) {
      const logicalName = state.tables[resource]?.logicalName ?? resource;
      return {
        status: 403,
        body: {
          error: {
            code: '0x80040220',
            message: `Principal user (Id=${state.applicationUserId}, type=8, roleCount=1, privilegeCount=312, accessMode=4), is missing ${privilege} privilege (Id=${randomUUID()}) on OTC=4200 for entity '${logicalName}'. context.Caller=${state.applicationUserId}`,
          },
        },
      };
    }
    const table = state.tables[resource];
    if (!table)
      return { status: 404, body: { error: { code: '0x80060888', message: `Resource not found for the segment '${resource}'.` } } };
    const skip = request.query.get('$skiptoken');
    const prefer = String(request.headers.prefer ?? '');
    const pageSize = Math.min(state.pageSize, Number(/odata\.maxpagesize=(\d+)/.exec(prefer)?.[1] ?? 5000));
    if (skip) {
      const cursor = cursors.get(skip.split(':')[0]);
      if (!cursor) return { status: 400, body: { error: { code: '0x80040203', message: 'Invalid paging cookie.' } } };
      return page(base, resource, cursor, skip.split(':')[0], Number(skip.split(':')[1]), pageSize, request);
    }
    let rows: Array<Record<string, unknown>>;
    try {
      const filter = request.query.get('$filter');
      rows = table.rows.filter((row) => (filter ? evaluate(filter, row, table) : true));
      const orderby = request.query.get('$orderby');
      if (orderby) {
        const keys = orderby.split(',').map((part) => part.trim().split(/\s+/));
        for (const [column] of keys) assertColumn(table, column);
        rows = [...rows].sort((a, b) => {
          for (const [column, direction] of keys) {
            const difference = compare(a[column], b[column]);
            if (difference) return direction === 'desc' ? -difference : difference;
          }
          return 0;
        });
      }
      const top = request.query.get('$top');
      if (top) rows = rows.slice(0, Number(top));
      const columns = request.query.get('$select');
      for (const column of columns ? columns.split(',') : []) assertColumn(table, column);
      const annotations = /include-annotations="(\*|OData\.Community\.Display\.V1\.FormattedValue)"/.test(prefer);
      rows = rows.map((row) => select(row, columns, annotations, table.primaryId));
    } catch (error) {
      return { status: 400, body: { error: { code: '0x80060888', message: (error as Error).message } } };
    }
    const id = randomUUID();
    const cursor = { rows, context: `${base}/$metadata#${resource}` };
    cursors.set(id, cursor);
    const answer = page(base, resource, cursor, id, 0, request.query.get('$top') ? rows.length || 1 : pageSize, request);
    if (request.query.get('$count') === 'true') (answer.body as Record<string, unknown>)['@odata.count'] = rows.length;
    return answer;
  }

  function page(
    base: string,
    resource: string,
    cursor: { rows: Array<Record<string, unknown>>; context: string },
    id: string,
    offset: number,
    size: number,
    request: FakeRequest,
  ): FakeResponse {
    const end = offset + size;
    const body: Record<string, unknown> = { '@odata.context': cursor.context, value: cursor.rows.slice(offset, end) };
    if (end < cursor.rows.length) {
      const query = new URLSearchParams(request.query);
      query.set('$skiptoken', `${id}:${end}`);
      body['@odata.nextLink'] = `${base}/${resource}?${query.toString()}`;
    }
    return { status: 200, body };
  }

  return { url, state, close: () => server.close() };
}

function assertColumn(table: FakeDataverseTable, column: string): void {
  const lookup = /^_(.+)_value$/.exec(column);
  const known = table.attributes.some((attribute) =>
    lookup
      ? attribute.LogicalName === lookup[1] && ['Lookup', 'Owner', 'Customer'].includes(attribute.AttributeType)
      : attribute.LogicalName === column && !['Lookup', 'Owner', 'Customer'].includes(attribute.AttributeType),
  );
  if (!known) throw new Error(`Could not find a property named '${column}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`);
}

/** The selected columns (all when no $select), the primary id, the etag and, when asked for, formatted values. */
function select(row: Record<string, unknown>, columns: string | null, annotations = false, primaryId?: string): Record<string, unknown> {
  const wanted = columns ? columns.split(',') : Object.keys(row).filter((key) => !key.includes('@'));
  const result: Record<string, unknown> = primaryId ? { '@odata.etag': `W/"${Math.abs(hash(JSON.stringify(row)))}"` } : {};
  for (const column of [...new Set([...(primaryId ? [primaryId] : []), ...wanted])]) {
    result[column] = row[column] ?? null;
    if (annotations && row[`${column}${FORMATTED}`] !== undefined) result[`${column}${FORMATTED}`] = row[`${column}${FORMATTED}`];
  }
  return result;
}

function hash(text: string): number {
  let value = 0;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) | 0;
  return value;
}

/** `$filter`: terms joined by `and`, a term being `(a or b ...)` or `column op value`. */
function evaluate(filter: string, row: Record<string, unknown>, table: FakeDataverseTable): boolean {
  return splitTopLevel(filter, 'and').every((term) => {
    const trimmed = term.trim();
    if (trimmed.startsWith('(') && trimmed.endsWith(')'))
      return splitTopLevel(trimmed.slice(1, -1), 'or').some((inner) => evaluate(inner, row, table));
    const match = /^(\w+)\s+(eq|ne|gt|ge|lt|le)\s+(.+)$/.exec(trimmed);
    if (!match) throw new Error(`Syntax error at position 0 in '${trimmed}'.`);
    assertColumn(table, match[1]);
    const left = row[match[1]] ?? null;
    const right = literal(match[3].trim());
    const difference = compare(left, right);
    switch (match[2]) {
      case 'eq':
        return left === null || right === null ? left === right : difference === 0;
      case 'ne':
        return left === null || right === null ? left !== right : difference !== 0;
      default:
        if (left === null || right === null) return false;
        return { gt: difference > 0, ge: difference >= 0, lt: difference < 0, le: difference <= 0 }[match[2] as 'gt'] as boolean;
    }
  });
}

function splitTopLevel(text: string, word: 'and' | 'or'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  const pattern = new RegExp(`^\\s${word}\\s`, 'i');
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '(') depth++;
    else if (text[index] === ')') depth--;
    else if (depth === 0 && pattern.test(text.slice(index, index + word.length + 2))) {
      parts.push(text.slice(start, index));
      start = index + word.length + 2;
      index = start - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function literal(text: string): unknown {
  if (text.startsWith("'") && text.endsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  if (text === 'null') return null;
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

function comparable(value: unknown): unknown {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return instantOf(value);
  return value;
}

function compare(a: unknown, b: unknown): number {
  const x = comparable(a);
  const y = comparable(b);
  if (x === y) return 0;
  if (x === null || x === undefined) return -1;
  if (y === null || y === undefined) return 1;
  return (x as number) < (y as number) ? -1 : 1;
}
