import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { assertPublicHost, guardedLookup } from './outbound-policy';
import type { FetchFn } from './http.transport';

/** Statuses whose answer has no body (a Response refuses one). */
const NO_BODY = new Set([204, 205, 304]);

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
/** A connection silent this long is given up (the default of Node's fetch for headers and body). */
const IDLE_TIMEOUT_MS = 300_000;

/**
 * `fetch` for connectors on node:http(s): never follows a redirect (the 3xx answer is returned
 * as is), refuses a private host written as an IP literal or `localhost`, and connects through
 * `guardedLookup`, so a name that resolves to a private address is refused at connection time.
 */
export function createGuardedFetch(lookup: LookupFunction = guardedLookup()): FetchFn {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      let url: URL;
      try {
        assertPublicHost(input);
        url = new URL(input);
      } catch (error) {
        return reject(error);
      }
      const secure = url.protocol === 'https:';
      if (!secure && url.protocol !== 'http:') return reject(new TypeError(`unsupported protocol ${url.protocol}`));
      const body = typeof init.body === 'string' ? Buffer.from(init.body, 'utf8') : null;
      const headers: Record<string, string> = { 'User-Agent': 'uptake', ...(init.headers as Record<string, string> | undefined) };
      if (body) headers['Content-Length'] = String(body.length);
      const send = secure ? httpsRequest : httpRequest;
      const request = send(
        url,
        { method: init.method ?? 'GET', headers, lookup, agent: secure ? agents.https : agents.http, signal: init.signal ?? undefined },
        (response) => {
          try {
            resolve(toResponse(response, init.method ?? 'GET'));
          } catch (error) {
            response.destroy();
            reject(error);
          }
        },
      );
      request.setTimeout(IDLE_TIMEOUT_MS, () =>
        request.destroy(Object.assign(new Error(`no answer for ${IDLE_TIMEOUT_MS / 1000} s`), { code: 'ETIMEDOUT' })),
      );
      request.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
      request.end(body ?? undefined);
    });
}

function toResponse(response: IncomingMessage, method: string): Response {
  const headers = new Headers();
  for (let i = 0; i < response.rawHeaders.length; i += 2) headers.append(response.rawHeaders[i], response.rawHeaders[i + 1]);
  const status = response.statusCode ?? 0;
  const empty = method === 'HEAD' || NO_BODY.has(status);
  if (empty) response.resume();
  const stream = empty ? null : (Readable.toWeb(response) as unknown as ReadableStream<Uint8Array>);
  return new Response(stream, { status, statusText: response.statusMessage, headers });
}
