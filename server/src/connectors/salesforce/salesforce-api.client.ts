import { ConnectorError } from '../connector.port';
import type { ApiUsage } from '../http/api-usage';
import { callWithRetry, type CallContext, type Verdict } from '../http/http.client';
import { describeUrl, type HttpResponse, type HttpTransport } from '../http/http.transport';
import { requestOAuthToken, TokenCache, type OAuthToken } from '../http/oauth-token.client';
import { exponentialBackoff } from '../http/retry.util';
import { assertTrustedUrl } from '../http/trusted-url.util';
import type { SalesforceOptions } from './salesforce-options.schema';

export interface RetrySettings {
  /** Attempts in all for a rate-limited or failing call. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Salesforce's own domains (My Domain `*.my.salesforce.com`, `login.salesforce.com`, `*.force.com`): a token's instance_url may name any https host under them. */
export const SALESFORCE_DOMAINS = ['salesforce.com', 'force.com'] as const;

export const DEFAULT_SALESFORCE_RETRY: RetrySettings = { maxAttempts: 5, baseDelayMs: 2000, maxDelayMs: 60_000 };

/** A record as the REST API returns it: `attributes` plus fields; lookups are nested objects. */
export type SalesforceRecord = Record<string, unknown> & { attributes?: { type?: string; url?: string } };

export interface SalesforceQueryPage {
  records: SalesforceRecord[];
  totalSize: number;
}

export interface SalesforceFieldDescribe {
  name: string;
  type: string;
  relationshipName?: string | null;
  referenceTo?: string[];
}

export interface SalesforceObjectDescribe {
  name: string;
  queryable?: boolean;
  fields: SalesforceFieldDescribe[];
}

/** Who the API user is, from the token response's identity URL (`.../id/<orgId>/<userId>`). */
export interface SalesforceIdentity {
  instanceUrl: string;
  orgId: string | null;
  userId: string | null;
}

/**
 * The Salesforce REST API as the connector uses it: OAuth 2.0 token (client credentials or
 * refresh token), SOQL query/queryAll with `nextRecordsUrl` paging, describe. A 401 gets a new
 * token and one more try; REQUEST_LIMIT_EXCEEDED, 429 and 5xx are retried with exponential
 * backoff; `Sforce-Limit-Info` is read from every response.
 */
export class SalesforceApiClient {
  private readonly tokens: TokenCache;
  private usage: ApiUsage | null = null;
  private readonly describes = new Map<string, Promise<SalesforceObjectDescribe>>();
  private globalDescribe: Promise<string[]> | null = null;

  constructor(
    private readonly options: SalesforceOptions,
    private readonly transport: HttpTransport,
    private readonly retry: RetrySettings = DEFAULT_SALESFORCE_RETRY,
  ) {
    this.tokens = new TokenCache((context) => this.issueToken(context), transport.now);
  }

  /** Daily API requests used/allowed, from the last `Sforce-Limit-Info` header seen. */
  apiUsage(): ApiUsage | null {
    return this.usage;
  }

  get apiVersion(): string {
    return this.options.api_version;
  }

  async identity(context: CallContext = {}): Promise<SalesforceIdentity> {
    const token = await this.tokens.get(false, context);
    const id = typeof token.response.id === 'string' ? token.response.id : '';
    const match = /\/id\/([^/]+)\/([^/?#]+)\/?$/.exec(id);
    return { instanceUrl: this.instanceUrl(token), orgId: match?.[1] ?? null, userId: match?.[2] ?? null };
  }

  /** Pages of a SOQL query, following `nextRecordsUrl` until `done` (a short page is not the end). */
  async *query(soql: string, options: { all?: boolean } & CallContext = {}): AsyncGenerator<SalesforceQueryPage> {
    let path: string | null = `${this.dataPath()}/${options.all ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`;
    let what = 'a query URL';
    while (path !== null) {
      const body = (await this.getJson(path, options, { 'Sforce-Query-Options': `batchSize=${this.options.batch_size}` }, what)) as Record<
        string,
        unknown
      >;
      if (!body || !Array.isArray(body.records) || typeof body.done !== 'boolean') {
        throw new ConnectorError(
          'SALESFORCE_BAD_RESPONSE',
          `Salesforce answered a query with something that is not a query result (no records/done) at ${describeUrl(path)}`,
        );
      }
      yield { records: body.records as SalesforceRecord[], totalSize: Number(body.totalSize ?? body.records.length) };
      if (body.done) return;
      if (typeof body.nextRecordsUrl !== 'string' || body.nextRecordsUrl === '') {
        throw new ConnectorError(
          'SALESFORCE_BAD_RESPONSE',
          `Salesforce answered done=false without a nextRecordsUrl for query on ${soqlObject(soql)}`,
        );
      }
      path = body.nextRecordsUrl;
      what = 'a nextRecordsUrl';
    }
  }

  /** `totalSize` of a `SELECT COUNT() ...` query. */
  async count(soql: string, context: CallContext = {}): Promise<number> {
    for await (const page of this.query(soql, context)) return page.totalSize;
    return 0;
  }

  /** API names of every object in the org (global describe). */
  objectNames(context: CallContext = {}): Promise<string[]> {
    this.globalDescribe ??= this.getJson(`${this.dataPath()}/sobjects`, context).then((body) => {
      const sobjects = (body as { sobjects?: Array<{ name?: unknown }> })?.sobjects;
      if (!Array.isArray(sobjects))
        throw new ConnectorError('SALESFORCE_BAD_RESPONSE', 'Salesforce global describe answered without a list of sobjects');
      return sobjects.map((sobject) => String(sobject.name));
    });
    this.globalDescribe.catch(() => (this.globalDescribe = null));
    return this.globalDescribe;
  }

  describe(objectName: string, context: CallContext = {}): Promise<SalesforceObjectDescribe> {
    let pending = this.describes.get(objectName);
    if (!pending) {
      pending = this.getJson(`${this.dataPath()}/sobjects/${encodeURIComponent(objectName)}/describe`, context).then((body) => {
        const describe = body as SalesforceObjectDescribe;
        if (!describe || !Array.isArray(describe.fields)) {
          throw new ConnectorError('SALESFORCE_BAD_RESPONSE', `Salesforce describe of ${objectName} answered without a list of fields`);
        }
        return describe;
      });
      pending.catch(() => this.describes.delete(objectName));
      this.describes.set(objectName, pending);
    }
    return pending;
  }

  private dataPath(): string {
    return `/services/data/v${this.options.api_version}`;
  }

  /**
   * The token's instance_url (the base of every later call) when it is the configured org or
   * login URL or an https host of Salesforce's domains; anything else is refused, so a token
   * answer cannot send the bearer token to another host.
   */
  private instanceUrl(token: OAuthToken): string {
    const fromToken = token.response.instance_url;
    if (typeof fromToken !== 'string' || fromToken === '') return this.options.instance_url;
    const trust = {
      origins: [this.options.instance_url, this.options.login_url ?? this.options.instance_url],
      domains: SALESFORCE_DOMAINS,
    };
    return assertTrustedUrl(fromToken, trust, 'Salesforce', 'an instance_url in its token answer').replace(/\/+$/, '');
  }

  private issueToken(context: CallContext): Promise<OAuthToken> {
    const { client_id, client_secret, refresh_token } = this.options;
    const form: Record<string, string> = refresh_token
      ? { grant_type: 'refresh_token', refresh_token, client_id, client_secret }
      : { grant_type: 'client_credentials', client_id, client_secret };
    const loginUrl = this.options.login_url ?? this.options.instance_url;
    return requestOAuthToken(this.transport, { vendor: 'Salesforce', url: `${loginUrl}/services/oauth2/token`, form }, context);
  }

  /** GETs a path or URL of the instance; `what` names it in the error when it points to another host (a nextRecordsUrl). */
  private async getJson(pathOrUrl: string, context: CallContext, headers: Record<string, string> = {}, what = 'a URL'): Promise<unknown> {
    const base = this.instanceUrl(await this.tokens.get(false, context));
    const url = assertTrustedUrl(new URL(pathOrUrl, `${base}/`).toString(), { origins: [base], domains: [] }, 'Salesforce', what);
    const response = await callWithRetry(
      this.transport,
      { url, headers: { Accept: 'application/json', ...headers } },
      {
        vendor: 'Salesforce',
        maxAttempts: this.retry.maxAttempts,
        backoff: (attempt) => exponentialBackoff(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs),
        authorize: async (renew, call) => ({ Authorization: `Bearer ${(await this.tokens.get(renew, call)).accessToken}` }),
        observe: (res) => this.observeLimits(res),
        classify: (res, attempt) => this.classify(res, attempt, url),
      },
      context,
    );
    return response.body;
  }

  private classify(response: HttpResponse, attempt: number, url: string): Verdict {
    if (response.status >= 200 && response.status < 300) return { kind: 'ok' };
    const error = salesforceError(response);
    const detail = `${error.errorCode}: ${error.message}`;
    if (response.status === 401) return { kind: 'reauthenticate', reason: detail };
    const delayMs = exponentialBackoff(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs);
    const usage = this.usage ? ` (API usage ${this.usage.used}/${this.usage.limit})` : '';
    if ((response.status === 403 && error.errorCode === 'REQUEST_LIMIT_EXCEEDED') || response.status === 429) {
      return {
        kind: 'retry',
        delayMs,
        code: 'SALESFORCE_LIMIT_EXCEEDED',
        reason: `Salesforce API limit reached, HTTP ${response.status} ${detail}${usage}`,
      };
    }
    if (response.status >= 500) {
      return {
        kind: 'retry',
        delayMs,
        code: 'SALESFORCE_UNAVAILABLE',
        reason: `Salesforce server error, HTTP ${response.status} ${detail}`,
      };
    }
    return {
      kind: 'fail',
      error: new ConnectorError(
        'SALESFORCE_REQUEST_FAILED',
        `Salesforce refused GET ${describeUrl(url)}: HTTP ${response.status} ${detail}`,
      ),
    };
  }

  /** `Sforce-Limit-Info: api-usage=18/5000` (possibly with more, comma-separated entries). */
  private observeLimits(response: HttpResponse): void {
    const header = response.headers.get('sforce-limit-info');
    const match = header ? /api-usage=(\d+)\/(\d+)/.exec(header) : null;
    if (match) this.usage = { used: Number(match[1]), limit: Number(match[2]) };
  }
}

/** The first entry of Salesforce's error array `[{ message, errorCode }]`, or what can be read of the body. */
export function salesforceError(response: HttpResponse): { errorCode: string; message: string } {
  const first = Array.isArray(response.body)
    ? (response.body[0] as Record<string, unknown> | undefined)
    : (response.body as Record<string, unknown> | undefined);
  const errorCode =
    typeof first?.errorCode === 'string' ? first.errorCode : typeof first?.error === 'string' ? first.error : `HTTP_${response.status}`;
  const message =
    typeof first?.message === 'string'
      ? first.message
      : typeof first?.error_description === 'string'
        ? first.error_description
        : response.text.trim().slice(0, 200) || 'no details given';
  return { errorCode, message };
}

function soqlObject(soql: string): string {
  return /\bFROM\s+(\w+)/i.exec(soql)?.[1] ?? 'an object';
}
