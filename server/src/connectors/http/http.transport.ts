import { vendorErrorCode, type CrmVendor } from '../../common/error-codes';
import { ConnectorError } from '../connector.port';

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;
export type SleepFn = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What a connector needs from the outside world to talk HTTP; tests inject a fast `sleep`. */
export interface HttpTransport {
  fetch: FetchFn;
  sleep: SleepFn;
  /** Epoch ms; used for token expiry. */
  now: () => number;
}

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

/** Node's global fetch and real time. */
export function defaultTransport(): HttpTransport {
  return { fetch: (input, init) => globalThis.fetch(input, init), sleep, now: () => Date.now() };
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
 * ConnectorError `<VENDOR>_UNREACHABLE`; an abort is passed through unchanged.
 */
export async function sendRequest(transport: HttpTransport, request: HttpRequest, vendor: CrmVendor, signal?: AbortSignal): Promise<HttpResponse> {
  let response: Response;
  try {
    response = await transport.fetch(request.url, { method: request.method ?? 'GET', headers: request.headers, body: request.body, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError(vendor, request.url, error);
  }
  const text = await response.text();
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

/** The server could not be reached at all (refused, reset, DNS); retryable. */
export class NetworkError extends ConnectorError {
  constructor(vendor: CrmVendor, url: string, cause: unknown) {
    const reason = (cause as { cause?: { code?: string; message?: string } })?.cause?.code ?? (cause instanceof Error ? cause.message : String(cause));
    super(vendorErrorCode(vendor, 'UNREACHABLE'), `could not reach ${vendor} at ${describeUrl(url)}: ${reason}`);
  }
}
