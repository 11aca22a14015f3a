import { vendorErrorCode, type CrmVendor, type ErrorCode } from '../../common/error-codes';
import { ConnectorError } from '../connector.port';
import { describeUrl, NetworkError, sendRequest, type HttpRequest, type HttpResponse, type HttpTransport } from './http.transport';
import { formatDelay } from './retry.util';

/** What to do with one response. */
export type Verdict =
  | { kind: 'ok' }
  /** Wait and send again (rate limit, server error), at most `maxAttempts` in all. */
  | { kind: 'retry'; delayMs: number; code: ErrorCode; reason: string }
  /** The token was refused: get a new one and send again, once per request. */
  | { kind: 'reauthenticate'; reason: string }
  | { kind: 'fail'; error: ConnectorError };

/** A vendor's rules for one kind of call. */
export interface CallPolicy {
  /** Vendor name for messages and error codes, e.g. "Salesforce". */
  vendor: CrmVendor;
  /** Attempts in all for retryable answers and network failures (reauthentication not counted). */
  maxAttempts: number;
  /** Delay before retry `attempt` after a network failure. */
  backoff(attempt: number): number;
  classify(response: HttpResponse, attempt: number): Verdict;
  /** Authorization headers; `renew` asks for a new token because the last one was refused. */
  authorize?(renew: boolean, context: CallContext): Promise<Record<string, string>>;
  /** Sees every response (e.g. to read API usage headers). */
  observe?(response: HttpResponse): void;
}

export interface CallContext {
  signal?: AbortSignal;
  /** Progress messages (retries, waits). */
  log?: (message: string) => void;
}

/**
 * Sends a request under a vendor's policy: retries what the policy says is transient with the
 * delay it gives, renews the token once when it is refused, and turns everything else into a
 * ConnectorError that names the vendor, the call and the reason.
 */
export async function callWithRetry(
  transport: HttpTransport,
  request: HttpRequest,
  policy: CallPolicy,
  context: CallContext = {},
): Promise<HttpResponse> {
  const method = request.method ?? 'GET';
  const where = `${method} ${describeUrl(request.url)}`;
  let renew = false;
  let reauthenticated = false;
  for (let attempt = 1; ; attempt++) {
    const auth = policy.authorize ? await policy.authorize(renew, context) : {};
    renew = false;
    let response: HttpResponse;
    try {
      response = await sendRequest(transport, { ...request, headers: { ...request.headers, ...auth } }, policy.vendor, context.signal);
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      if (attempt >= policy.maxAttempts) throw new ConnectorError(error.code, `${error.message} (gave up after ${attempt} attempts)`);
      const delay = policy.backoff(attempt);
      context.log?.(`${error.message}; retrying in ${formatDelay(delay)} (attempt ${attempt + 1} of ${policy.maxAttempts})`);
      await transport.sleep(delay, context.signal);
      continue;
    }
    policy.observe?.(response);
    const verdict = policy.classify(response, attempt);
    switch (verdict.kind) {
      case 'ok':
        return response;
      case 'fail':
        throw verdict.error;
      case 'reauthenticate':
        if (reauthenticated || !policy.authorize) {
          throw new ConnectorError(
            vendorErrorCode(policy.vendor, 'AUTH_REJECTED'),
            `${policy.vendor} refused a newly issued token for ${where}: ${verdict.reason}`,
          );
        }
        context.log?.(`${policy.vendor} refused the token (${verdict.reason}); getting a new one`);
        reauthenticated = true;
        renew = true;
        attempt--;
        continue;
      case 'retry':
        if (attempt >= policy.maxAttempts) {
          throw new ConnectorError(verdict.code, `${verdict.reason} on ${where}; gave up after ${attempt} attempts`);
        }
        context.log?.(
          `${verdict.reason} on ${where}; retrying in ${formatDelay(verdict.delayMs)} (attempt ${attempt + 1} of ${policy.maxAttempts})`,
        );
        await transport.sleep(verdict.delayMs, context.signal);
    }
  }
}
