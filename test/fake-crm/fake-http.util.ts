import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a fake saw it. */
export interface FakeRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A planned answer that replaces the normal one for matching requests (rate limits, server
 * errors): answered `times` times (default once), then dropped.
 */
export interface Fault extends FakeResponse {
  when: (request: FakeRequest) => boolean;
  times?: number;
}

export interface FakeServer {
  url: string;
  close(): Promise<void>;
}

export type FakeHandler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/** A node:http server on a random 127.0.0.1 port answering JSON; no external network. */
export async function startFakeHttpServer(handle: FakeHandler): Promise<FakeServer> {
  const server = createServer((req, res) => {
    void respond(req, res, handle);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function respond(req: IncomingMessage, res: ServerResponse, handle: FakeHandler): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const request: FakeRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
  let answer: FakeResponse;
  try {
    answer = await handle(request);
  } catch (error) {
    answer = { status: 500, body: { message: `fake server failed: ${error instanceof Error ? error.message : String(error)}` } };
  }
  const text = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'Content-Type': 'application/json;charset=UTF-8', ...answer.headers });
  res.end(text);
}

/** Takes the first fault matching the request (and uses up one of its times). */
export function takeFault(faults: Fault[], request: FakeRequest): Fault | null {
  const index = faults.findIndex((fault) => fault.when(request));
  if (index < 0) return null;
  const fault = faults[index];
  const left = (fault.times ?? 1) - 1;
  if (left <= 0) faults.splice(index, 1);
  else fault.times = left;
  return fault;
}

export function bearerToken(request: FakeRequest): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer (.+)$/i.exec(header) : null;
  return match ? match[1] : null;
}

/** Epoch ms of an ISO text, including Salesforce's `+0000` form; NaN when not a date. */
export function instantOf(text: string): number {
  return Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}
