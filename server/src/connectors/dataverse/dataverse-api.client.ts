import { ConnectorError } from '../connector.port';
import { callWithRetry, type CallContext, type Verdict } from '../http/http.client';
import { describeUrl, type HttpResponse, type HttpTransport } from '../http/http.transport';
import { requestOAuthToken, TokenCache } from '../http/oauth-token.client';
import { exponentialBackoff, parseRetryAfter } from '../http/retry.util';
import { assertTrustedUrl } from '../http/trusted-url.util';
import type { DataverseOptions } from './dataverse-options.schema';

export interface DataverseRetrySettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Microsoft's domain of Dataverse environments (`*.crm.dynamics.com`, `*.crm4.dynamics.com`, ...): a nextLink may name an https host under it. */
export const DATAVERSE_DOMAINS = ['dynamics.com'] as const;

export const DEFAULT_DATAVERSE_RETRY: DataverseRetrySettings = { maxAttempts: 5, baseDelayMs: 2000, maxDelayMs: 60_000 };

/** A row as the Web API returns it: lower-case logical names, lookups as `_x_value`, annotations as `name@annotation`. */
export type DataverseRow = Record<string, unknown>;

export interface DataverseAttribute {
  LogicalName: string;
  AttributeType: string;
}

export interface DataverseEntity {
  LogicalName: string;
  EntitySetName: string;
  PrimaryIdAttribute: string;
  Attributes: DataverseAttribute[];
}

/** Lookup columns are read through their `_<name>_value` property. */
const LOOKUP_TYPES = new Set(['Lookup', 'Owner', 'Customer']);

export function columnOf(attribute: DataverseAttribute): string {
  return LOOKUP_TYPES.has(attribute.AttributeType) ? `_${attribute.LogicalName}_value` : attribute.LogicalName;
}

/**
 * The Dataverse Web API (OData v4) as the connector uses it: Entra client-credentials token for
 * `{instance_url}/.default`, `@odata.nextLink` paging with `Prefer: odata.maxpagesize`, formatted
 * values, and service-protection 429s waited out by `Retry-After`.
 */
export class DataverseApiClient {
  private readonly tokens: TokenCache;
  private readonly entities = new Map<string, Promise<DataverseEntity>>();

  constructor(
    private readonly options: DataverseOptions,
    private readonly transport: HttpTransport,
    private readonly retry: DataverseRetrySettings = DEFAULT_DATAVERSE_RETRY,
  ) {
    this.tokens = new TokenCache(
      (context) =>
        requestOAuthToken(
          transport,
          {
            vendor: 'Dataverse',
            url: `${options.authority}/${encodeURIComponent(options.tenant_id)}/oauth2/v2.0/token`,
            form: {
              grant_type: 'client_credentials',
              client_id: options.client_id,
              client_secret: options.client_secret,
              scope: `${options.instance_url}/.default`,
            },
          },
          context,
        ),
      transport.now,
    );
  }

  get apiBase(): string {
    return `${this.options.instance_url}/api/data/v${this.options.api_version}`;
  }

  /**
   * One GET of a path under the API base (e.g. `WhoAmI`) or of an absolute URL (a nextLink),
   * which must be on the environment's origin or an https host of Dataverse's domain.
   */
  async get<T>(pathOrUrl: string, context: CallContext = {}, pageSize = this.options.page_size): Promise<T> {
    const url =
      /^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl) || pathOrUrl.startsWith('//')
        ? assertTrustedUrl(
            new URL(pathOrUrl, this.apiBase).toString(),
            { origins: [this.options.instance_url], domains: DATAVERSE_DOMAINS },
            'Dataverse',
            'an @odata.nextLink',
          )
        : `${this.apiBase}/${pathOrUrl}`;
    const response = await callWithRetry(
      this.transport,
      {
        url,
        headers: {
          Accept: 'application/json',
          'OData-MaxVersion': '4.0',
          'OData-Version': '4.0',
          Prefer: `odata.include-annotations="OData.Community.Display.V1.FormattedValue",odata.maxpagesize=${pageSize}`,
        },
      },
      {
        vendor: 'Dataverse',
        maxAttempts: this.retry.maxAttempts,
        backoff: (attempt) => exponentialBackoff(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs),
        authorize: async (renew, call) => ({ Authorization: `Bearer ${(await this.tokens.get(renew, call)).accessToken}` }),
        classify: (res, attempt) => this.classify(res, attempt, url),
      },
      context,
    );
    return response.body as T;
  }

  /** Pages of a collection, following `@odata.nextLink` verbatim until it is absent. */
  async *pages(path: string, context: CallContext = {}): AsyncGenerator<DataverseRow[]> {
    let next: string | null = path;
    while (next !== null) {
      const body: { value?: unknown; '@odata.nextLink'?: unknown } = await this.get(next, context);
      if (!body || !Array.isArray(body.value))
        throw new ConnectorError('DATAVERSE_BAD_RESPONSE', `Dataverse answered GET ${describeUrl(next)} without a value list`);
      yield body.value as DataverseRow[];
      next = typeof body['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : null;
    }
  }

  /** Table metadata with its columns; a table that does not exist is a clear error. */
  entity(logicalName: string, context: CallContext = {}): Promise<DataverseEntity> {
    let pending = this.entities.get(logicalName);
    if (!pending) {
      const path = `EntityDefinitions(LogicalName='${logicalName.replace(/'/g, "''")}')?$select=LogicalName,EntitySetName,PrimaryIdAttribute&$expand=Attributes($select=LogicalName,AttributeType)`;
      pending = this.get<DataverseEntity>(path, context).then((entity) => {
        if (!entity || !Array.isArray(entity.Attributes))
          throw new ConnectorError(
            'DATAVERSE_BAD_RESPONSE',
            `Dataverse answered the definition of table ${logicalName} without its columns`,
          );
        return entity;
      });
      pending.catch(() => this.entities.delete(logicalName));
      this.entities.set(logicalName, pending);
    }
    return pending;
  }

  private classify(response: HttpResponse, attempt: number, url: string): Verdict {
    if (response.status >= 200 && response.status < 300) return { kind: 'ok' };
    const error = ((response.body ?? {}) as { error?: { code?: string; message?: string } }).error;
    const detail = error?.message
      ? `${error.code ? `${error.code} ` : ''}${error.message}`
      : response.text.trim().slice(0, 200) || 'no details given';
    if (response.status === 401) return { kind: 'reauthenticate', reason: `HTTP 401 ${detail}` };
    if (response.status === 429) {
      const delayMs =
        parseRetryAfter(response.headers.get('retry-after'), this.transport.now()) ??
        exponentialBackoff(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs);
      return { kind: 'retry', delayMs, code: 'DATAVERSE_THROTTLED', reason: `Dataverse service protection limit, HTTP 429: ${detail}` };
    }
    if (response.status >= 500) {
      return {
        kind: 'retry',
        delayMs: exponentialBackoff(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs),
        code: 'DATAVERSE_UNAVAILABLE',
        reason: `Dataverse server error, HTTP ${response.status}: ${detail}`,
      };
    }
    return {
      kind: 'fail',
      error: new DataverseRequestError(response.status, `Dataverse refused GET ${describeUrl(url)}: HTTP ${response.status} ${detail}`),
    };
  }
}

/** Dataverse refused a request (4xx other than 401 and 429). */
export class DataverseRequestError extends ConnectorError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super('DATAVERSE_REQUEST_FAILED', message);
  }
}

/** An OData dateTimeOffset literal (unquoted, UTC). */
export function odataDateTime(instant: number): string {
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}
