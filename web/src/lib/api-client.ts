import { ErrorResponseSchema } from '@uptake/shared';
import { csrfHeaders } from './csrf';
import type { z } from 'zod';
import { env } from '@/config/env';

/** An error answered by the API (`{ error: { code, message, details? } }`) or a failure to reach it. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  params?: Record<string, QueryValue>;
  body?: unknown;
  /** Validates the response body against the shared contract. */
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
}

export function apiUrl(path: string, params: Record<string, QueryValue> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return `${env.API_URL}${path}${query ? `?${query}` : ''}`;
}

async function readError(response: Response, what: string): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = ErrorResponseSchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      return new ApiError(message, response.status, code, details);
    }
  } catch {
    // not JSON: fall through to the status line
  }
  return new ApiError(
    `${what} failed with HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    response.status,
    'HTTP_ERROR',
  );
}

function headersFor(method: string, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (hasBody) headers['Content-Type'] = 'application/json';
  return { ...headers, ...csrfHeaders(method) };
}

export async function request<T>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const what = `${method} ${path}`;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.params), {
      method,
      credentials: 'same-origin',
      headers: headersFor(method, options.body !== undefined),
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(`${what}: the Uptake API cannot be reached (${(error as Error).message})`, 0, 'NETWORK_ERROR');
  }
  if (!response.ok) throw await readError(response, what);
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => {
    throw new ApiError(`${what}: the response is not JSON`, response.status, 'INVALID_RESPONSE');
  });
  if (!options.schema) return body as T;
  const parsed = options.schema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
    throw new ApiError(`${what}: the response does not match the API contract (${problems})`, response.status, 'INVALID_RESPONSE');
  }
  return parsed.data;
}

export const api = {
  get: <T>(path: string, options: Omit<RequestOptions<T>, 'method' | 'body'> = {}) => request<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions<T>, 'method' | 'body'> = {}) =>
    request<T>(path, { ...options, method: 'POST', body }),
  put: <T>(path: string, body: unknown, options: Omit<RequestOptions<T>, 'method' | 'body'> = {}) =>
    request<T>(path, { ...options, method: 'PUT', body }),
  patch: <T>(path: string, body: unknown, options: Omit<RequestOptions<T>, 'method' | 'body'> = {}) =>
    request<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T>(path: string, options: Omit<RequestOptions<T>, 'method' | 'body'> = {}) => request<T>(path, { ...options, method: 'DELETE' }),
};
