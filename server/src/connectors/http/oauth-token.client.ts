import { vendorErrorCode, type CrmVendor } from '../../common/error-codes';
import { ConnectorError } from '../connector.port';
import { callWithRetry, type CallContext } from './http.client';
import { describeUrl, type HttpTransport } from './http.transport';
import { exponentialBackoff } from './retry.util';

export interface OAuthToken {
  accessToken: string;
  /** Epoch ms after which the token must not be used; null when the server does not say (Salesforce). */
  expiresAt: number | null;
  /** The whole token response (e.g. Salesforce's `instance_url` and `id`). */
  response: Record<string, unknown>;
}

export interface TokenRequest {
  vendor: CrmVendor;
  url: string;
  /** Form fields, sent as application/x-www-form-urlencoded; never echoed in messages. */
  form: Record<string, string>;
}

/**
 * POSTs an OAuth 2.0 token request (RFC 6749 section 4.4 / 6). A refusal becomes
 * `<VENDOR>_AUTH_FAILED` naming the endpoint and the server's `error` / `error_description`
 * (never a credential); 429 and 5xx are retried with backoff.
 */
export async function requestOAuthToken(transport: HttpTransport, request: TokenRequest, context: CallContext = {}): Promise<OAuthToken> {
  const code = vendorErrorCode(request.vendor, 'AUTH_FAILED');
  const response = await callWithRetry(
    transport,
    {
      method: 'POST',
      url: request.url,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(request.form).toString(),
    },
    {
      vendor: request.vendor,
      maxAttempts: 4,
      backoff: (attempt) => exponentialBackoff(attempt, 1000, 30_000),
      classify: (res, attempt) => {
        if (res.status >= 200 && res.status < 300) return { kind: 'ok' };
        if (res.status === 429 || res.status >= 500) {
          return {
            kind: 'retry',
            delayMs: exponentialBackoff(attempt, 1000, 30_000),
            code,
            reason: `${request.vendor} token endpoint answered ${res.status}`,
          };
        }
        return {
          kind: 'fail',
          error: new ConnectorError(
            code,
            `${request.vendor} refused the credentials at ${describeUrl(request.url)} (HTTP ${res.status}): ${oauthErrorText(res.body, res.text)}`,
          ),
        };
      },
    },
    context,
  );
  const body = (response.body ?? {}) as Record<string, unknown>;
  if (typeof body.access_token !== 'string' || body.access_token === '') {
    throw new ConnectorError(code, `${request.vendor} token endpoint ${describeUrl(request.url)} answered without an access_token`);
  }
  const expiresIn = Number(body.expires_in);
  return {
    accessToken: body.access_token,
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? transport.now() + expiresIn * 1000 : null,
    response: body,
  };
}

/** `invalid_grant (authentication failure)` from a standard OAuth error body, or HubSpot's `status`/`message`. */
function oauthErrorText(body: unknown, text: string): string {
  const value = (body ?? {}) as Record<string, unknown>;
  const error = value.error ?? value.status;
  const description = value.error_description ?? value.message;
  if (typeof error === 'string' && typeof description === 'string') return `${error} (${firstLine(description)})`;
  if (typeof error === 'string') return error;
  return text.trim() === '' ? 'no details given' : firstLine(text).slice(0, 200);
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0];
}

/**
 * Holds the current token: issues one on first use, again when it is about to expire or when a
 * call says it was refused. A failed issue is not cached.
 */
export class TokenCache {
  private current: Promise<OAuthToken> | null = null;

  constructor(
    private readonly issue: (context: CallContext) => Promise<OAuthToken>,
    private readonly now: () => number,
    /** Renew this long before the stated expiry. */
    private readonly marginMs = 60_000,
  ) {}

  /** `context` (abort signal, progress log) is used when a token has to be issued. */
  async get(renew = false, context: CallContext = {}): Promise<OAuthToken> {
    if (this.current && !renew) {
      const token = await this.current;
      if (token.expiresAt === null || token.expiresAt - this.marginMs > this.now()) return token;
    }
    const pending = this.issue(context);
    this.current = pending;
    pending.catch(() => {
      if (this.current === pending) this.current = null;
    });
    return pending;
  }
}
