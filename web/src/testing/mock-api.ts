import type { Role } from '@uptake/shared';
import { vi } from 'vitest';
import { session } from './fixtures';

export interface MockRequest {
  method: string;
  path: string;
  /** Values of `:name` segments of the route. */
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export interface MockResponse {
  status?: number;
  body?: unknown;
  /** Raw text instead of JSON (e.g. CSV). */
  text?: string;
}

export type MockHandler = (request: MockRequest) => MockResponse | Promise<MockResponse>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: MockHandler;
}

function compile(route: string, handler: MockHandler): Route {
  const [method, path] = route.split(' ');
  const names: string[] = [];
  const pattern = new RegExp(
    `^${path
      .split('/')
      .map((part) => {
        if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(part.slice(1));
        return '([^/]+)';
      })
      .join('/')}$`,
  );
  return { method, pattern, names, handler };
}

export function json(body: unknown, status = 200): MockResponse {
  return { status, body };
}

/** GET /api/auth/session when nobody is signed in. */
export function signedOut(): MockResponse {
  return json({ authenticated: false });
}

/** GET /api/auth/session for a signed-in account. */
export function signedInAs(session: object): MockResponse {
  return json({ authenticated: true, ...session });
}

export function apiError(status: number, code: string, message: string, details?: unknown): MockResponse {
  return { status, body: { error: { code, message, ...(details === undefined ? {} : { details }) } } };
}

/**
 * A mock HTTP API behind `fetch`: routes like `'GET /api/overview'` or `'POST /api/connections/:id/sync'`
 * answer with a body or a handler; a request nobody set up answers 501 and is recorded in `unhandled`.
 */
export function mockApi(initial: Record<string, MockHandler | MockResponse> = {}) {
  const routes: Route[] = [];
  const requests: MockRequest[] = [];
  const unhandled: string[] = [];

  const on = (route: string, handler: MockHandler | MockResponse) => {
    const fn: MockHandler = typeof handler === 'function' ? handler : () => handler;
    routes.unshift(compile(route, fn));
  };
  for (const [route, handler] of Object.entries(initial)) on(route, handler);

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    for (const route of routes) {
      const match = route.method === method ? route.pattern.exec(url.pathname) : null;
      if (!match) continue;
      const params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1])]));
      const request: MockRequest = { method, path: decodeURIComponent(url.pathname), params, query: url.searchParams, body };
      requests.push(request);
      const answer = await route.handler(request);
      const status = answer.status ?? 200;
      if (answer.text !== undefined) return new Response(answer.text, { status, headers: { 'Content-Type': 'text/plain' } });
      return new Response(status === 204 ? null : JSON.stringify(answer.body ?? null), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    unhandled.push(`${method} ${url.pathname}${url.search}`);
    return new Response(JSON.stringify({ error: { code: 'NOT_MOCKED', message: `no mock for ${method} ${url.pathname}` } }), {
      status: 501,
    });
  });
  vi.stubGlobal('fetch', fetchMock);

  return {
    on,
    fetch: fetchMock,
    requests,
    unhandled,
    /** Requests to one path (and method). */
    calls: (method: string, path: string) => requests.filter((request) => request.method === method && request.path === path),
  };
}

export type MockApi = ReturnType<typeof mockApi>;

/**
 * mockApi for pages behind the sign-in: GET /api/auth/session answers a session of `role` (admin by
 * default) and GET /api/plan an empty history unless the routes say otherwise.
 */
export function mockSignedInApi(routes: Record<string, MockHandler | MockResponse> = {}, role: Role = 'admin') {
  return mockApi({
    'GET /api/auth/session': signedInAs(session(role)),
    'GET /api/plan': json({ current: null, history: [] }),
    'GET /api/interventions': json({ asOf: '2026-03-01', minGroupSize: 5, how: 'how', interventions: [] }),
    'GET /api/forecasts': json({ asOf: '2026-03-01', how: 'how', forecasts: [] }),
    ...routes,
  });
}
