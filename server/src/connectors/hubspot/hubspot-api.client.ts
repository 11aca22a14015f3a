import { ConnectorError } from '../connector.port';
import type { ApiUsage } from '../http/api-usage';
import { callWithRetry, type CallContext, type Verdict } from '../http/http.client';
import { describeUrl, type HttpRequest, type HttpResponse, type HttpTransport } from '../http/http.transport';
import { requestOAuthToken, TokenCache } from '../http/oauth-token.client';
import { exponentialBackoff, parseRetryAfter } from '../http/retry.util';
import type { HubSpotOptions } from './hubspot-options.schema';

export interface HubSpotRetrySettings {
  maxAttempts: number;
  /** Backoff base for server errors. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Wait after a TEN_SECONDLY_ROLLING 429 when the answer gives no Retry-After. */
  burstWaitMs: number;
}

export const DEFAULT_HUBSPOT_RETRY: HubSpotRetrySettings = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000, burstWaitMs: 10_000 };

/** A CRM object as CRM API v3 returns it: every property value is a string or null. */
export interface HubSpotObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
  archivedAt?: string;
}

export interface HubSpotPage<T> {
  results: T[];
  paging?: { next?: { after?: string; link?: string } };
  total?: number;
}

/**
 * The HubSpot APIs the connector uses, with `paging.next.after` paging. 429s are told apart by
 * `policyName`: the ten-second (burst) policy is waited out and retried, the daily one stops the
 * run. 5xx are retried with backoff; an expired OAuth token is renewed once.
 */
export class HubSpotApiClient {
  private usage: ApiUsage | null = null;
  private readonly tokens: TokenCache | null;

  constructor(
    private readonly options: HubSpotOptions,
    private readonly transport: HttpTransport,
    private readonly retry: HubSpotRetrySettings = DEFAULT_HUBSPOT_RETRY,
  ) {
    this.tokens = options.access_token
      ? null
      : new TokenCache(
          (context) =>
            requestOAuthToken(
              transport,
              {
                vendor: 'HubSpot',
                url: `${options.base_url}/oauth/v1/token`,
                form: {
                  grant_type: 'refresh_token',
                  client_id: options.client_id!,
                  client_secret: options.client_secret!,
                  refresh_token: options.refresh_token!,
                },
              },
              context,
            ),
          transport.now,
        );
  }

  get baseUrl(): string {
    return this.options.base_url;
  }

  get usesPrivateAppToken(): boolean {
    return this.tokens === null;
  }

  /** Daily requests used and allowed (private apps), from X-HubSpot-RateLimit-Daily[-Remaining]. */
  apiUsage(): ApiUsage | null {
    return this.usage;
  }

  async get<T>(path: string, query: Record<string, string | number | boolean | undefined> = {}, context: CallContext = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const suffix = params.size ? `?${params.toString()}` : '';
    return this.send<T>({ url: `${this.options.base_url}${path}${suffix}` }, context);
  }

  async post<T>(path: string, body: unknown, context: CallContext = {}): Promise<T> {
    return this.send<T>(
      {
        method: 'POST',
        url: `${this.options.base_url}${path}`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      },
      context,
    );
  }

  /** Every page of a GET listing, following `paging.next.after` until there is no `paging`. */
  async *pages<T>(
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    context: CallContext = {},
  ): AsyncGenerator<T[]> {
    let after: string | undefined;
    do {
      const page = await this.get<HubSpotPage<T>>(path, { ...query, after }, context);
      if (!page || !Array.isArray(page.results))
        throw new ConnectorError('HUBSPOT_BAD_RESPONSE', `HubSpot answered GET ${path} without a results list`);
      yield page.results;
      after = page.paging?.next?.after;
    } while (after);
  }

  private async send<T>(request: HttpRequest, context: CallContext): Promise<T> {
    const response = await callWithRetry(
      this.transport,
      { ...request, headers: { Accept: 'application/json', ...request.headers } },
      {
        vendor: 'HubSpot',
        maxAttempts: this.retry.maxAttempts,
        backoff: (attempt) => exponentialBackoff(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs),
        authorize: async (renew, call) => ({
          Authorization: `Bearer ${this.tokens ? (await this.tokens.get(renew, call)).accessToken : this.options.access_token}`,
        }),
        observe: (res) => this.observeLimits(res),
        classify: (res, attempt) => this.classify(res, attempt, `${request.method ?? 'GET'} ${describeUrl(request.url)}`),
      },
      context,
    );
    return response.body as T;
  }

  private classify(response: HttpResponse, attempt: number, where: string): Verdict {
    if (response.status >= 200 && response.status < 300) return { kind: 'ok' };
    const body = (response.body ?? {}) as Record<string, unknown>;
    const message = typeof body.message === 'string' ? body.message : response.text.trim().slice(0, 200) || 'no details given';
    if (response.status === 401) {
      if (this.tokens) return { kind: 'reauthenticate', reason: `${String(body.category ?? 'HTTP 401')}: ${message}` };
      return {
        kind: 'fail',
        error: new ConnectorError(
          'HUBSPOT_AUTH_FAILED',
          `HubSpot refused the private app token (option access_token) on ${where}: ${message}`,
        ),
      };
    }
    if (response.status === 429) {
      const policy = String(body.policyName ?? '').toUpperCase();
      const dailyLeft = response.headers.get('x-hubspot-ratelimit-daily-remaining');
      if (policy === 'DAILY' || (policy === '' && dailyLeft === '0')) {
        const limit = response.headers.get('x-hubspot-ratelimit-daily');
        return {
          kind: 'fail',
          error: new ConnectorError(
            'HUBSPOT_DAILY_LIMIT',
            `HubSpot daily API limit reached${limit ? ` (${limit} requests a day)` : ''} on ${where}: the run stopped; the next run after the daily reset (midnight in the HubSpot account's time zone) continues from where this one got to`,
          ),
        };
      }
      const delayMs = parseRetryAfter(response.headers.get('retry-after'), this.transport.now()) ?? this.retry.burstWaitMs;
      return { kind: 'retry', delayMs, code: 'HUBSPOT_RATE_LIMITED', reason: `HubSpot rate limit (${policy || 'burst'}): ${message}` };
    }
    if (response.status >= 500) {
      return {
        kind: 'retry',
        delayMs: exponentialBackoff(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs),
        code: 'HUBSPOT_UNAVAILABLE',
        reason: `HubSpot server error, HTTP ${response.status}: ${message}`,
      };
    }
    if (response.status === 403 && body.category === 'MISSING_SCOPES') {
      const scopes = missingScopes(body);
      return {
        kind: 'fail',
        error: new ConnectorError(
          'HUBSPOT_SCOPE_MISSING',
          `HubSpot refused ${where}: the app lacks the scope${scopes.length > 1 ? 's' : ''} ${scopes.join(', ') || '(not named)'}; add it to the private app and use its new token`,
        ),
      };
    }
    return {
      kind: 'fail',
      error: new ConnectorError(
        'HUBSPOT_REQUEST_FAILED',
        `HubSpot refused ${where}: HTTP ${response.status}${body.category ? ` ${String(body.category)}` : ''}: ${message}`,
      ),
    };
  }

  private observeLimits(response: HttpResponse): void {
    const limit = Number(response.headers.get('x-hubspot-ratelimit-daily'));
    const remaining = Number(response.headers.get('x-hubspot-ratelimit-daily-remaining'));
    if (response.headers.has('x-hubspot-ratelimit-daily') && Number.isFinite(limit) && Number.isFinite(remaining)) {
      this.usage = { used: limit - remaining, limit };
    }
  }
}

function missingScopes(body: Record<string, unknown>): string[] {
  const errors = Array.isArray(body.errors) ? (body.errors as Array<{ context?: { requiredScopes?: unknown } }>) : [];
  return errors.flatMap((error) => (Array.isArray(error.context?.requiredScopes) ? error.context.requiredScopes.map(String) : []));
}
