import { vendorErrorCode, type CrmVendor } from '../../common/error-codes';
import { ConnectorError } from '../connector.port';
import { createGuardedFetch } from './guarded-fetch';
import { assertPublicHost, PrivateHostError } from './outbound-policy';

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;
export type SleepFn = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What a connector needs from the outside world to talk HTTP; tests inject a fast `sleep`. */
export interface HttpTransport {
  fetch: FetchFn;
  sleep: SleepFn;
  /** Epoch ms; used for token expiry. */
  now: () => number;
  /** Largest response body read, in bytes (default MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
}

/** A CRM answer larger than this is refused: no documented page comes near it, and a server that sends more is broken or hostile. */
export const MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  body: unknown;
  text: string;
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export const sleep: SleepFn = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** HTTP that refuses private hosts at connection time (see createGuardedFetch), and real time. */
export function defaultTransport(): HttpTransport {
  return { fetch: createGuardedFetch(), sleep, now: () => Date.now() };
}

/** `https://host:port` of a URL, for messages about where an answer came from or pointed to. */
export function describeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(not a URL)';
  }
}

/** `https://host/path` of a URL, without its query string (which may hold a long query), for messages. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url.split('?')[0];
  }
}

/**
 * Sends one request and reads the whole body. A failure to reach the server becomes a
 * ConnectorError `<VENDOR>_UNREACHABLE`; an abort is passed through unchanged. The host must not
 * be private (unless allowed), a redirect is not followed but refused (it would carry the
 * credentials to wherever it points), and a body over the transport's cap is refused.
 */
export async function sendRequest(
  transport: HttpTransport,
  request: HttpRequest,
  vendor: CrmVendor,
  signal?: AbortSignal,
): Promise<HttpResponse> {
  assertPublicHost(request.url);
  let response: Response;
  try {
    response = await transport.fetch(request.url, {
      method: request.method ?? 'GET',
      headers: request.headers,
      body: request.body,
      signal,
      redirect: 'manual',
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    const refused = privateHostErrorIn(error);
    if (refused) throw refused;
    throw new NetworkError(vendor, request.url, error);
  }
  if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
    await response.body?.cancel().catch(() => undefined);
    throw new RedirectRefusedError(vendor, request, response);
  }
  const text = await readCappedText(response, transport.maxResponseBytes ?? MAX_RESPONSE_BYTES, vendor, request.url);
  let body: unknown;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** The body as text, counted while it streams in: stops reading as soon as it passes `cap` bytes. */
async function readCappedText(response: Response, cap: number, vendor: CrmVendor, url: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > cap) {
    await response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(vendor, url, cap);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(vendor, url, cap);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function privateHostErrorIn(error: unknown): PrivateHostError | null {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    if (current instanceof PrivateHostError) return current;
  }
  return null;
}

/** The CRM answered with a redirect; following it would send the credentials to wherever it points. */
export class RedirectRefusedError extends ConnectorError {
  constructor(vendor: CrmVendor, request: HttpRequest, response: Response) {
    const location = response.headers.get('location') ?? '';
    const target = URL.canParse(location, request.url)
      ? describeOrigin(new URL(location, request.url).toString())
      : 'an address that is not a URL';
    super(
      'CRM_REDIRECT_REFUSED',
      `${vendor} answered ${request.method ?? 'GET'} ${describeUrl(request.url)} with a redirect (HTTP ${response.status}) to ${target}; redirects are not followed: set the connection's URL to the address that answers directly`,
    );
  }
}

/** The CRM sent a body larger than the cap. */
export class ResponseTooLargeError extends ConnectorError {
  constructor(vendor: CrmVendor, url: string, cap: number) {
    super(
      'CRM_RESPONSE_TOO_LARGE',
      `${vendor} at ${describeOrigin(url)} sent a response larger than ${formatBytes(cap)}; it was not read to its end`,
    );
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/** The server could not be reached at all (refused, reset, DNS); retryable. */
export class NetworkError extends ConnectorError {
  constructor(vendor: CrmVendor, url: string, cause: unknown) {
    const reason =
      (cause as { cause?: { code?: string; message?: string } })?.cause?.code ?? (cause instanceof Error ? cause.message : String(cause));
    super(vendorErrorCode(vendor, 'UNREACHABLE'), `could not reach ${vendor} at ${describeUrl(url)}: ${reason}`);
  }
}
