import { createHash } from 'node:crypto';
import type { Response } from 'express';

const serialized = new WeakMap<object, string>();

/**
 * JSON.stringify(value), reusing the text of frozen objects and arrays: an answer that is cached
 * and shared (frozen, see deepFreeze) is serialized once, not on every request. A plain object
 * that is not frozen itself (an answer assembled per request from cached parts, such as the
 * overview) is written property by property, each frozen property from its kept text.
 *
 * Gives exactly JSON.stringify's text, property order included.
 */
export function frozenAwareJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (Object.isFrozen(value)) return jsonOfFrozen(value);
  if (!isPlainObject(value)) return JSON.stringify(value);
  const parts: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    if (inner === undefined || typeof inner === 'function' || typeof inner === 'symbol') continue;
    const text = typeof inner === 'object' && inner !== null && Object.isFrozen(inner) ? jsonOfFrozen(inner) : JSON.stringify(inner);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

function jsonOfFrozen(value: object): string {
  let text = serialized.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    serialized.set(value, text);
  }
  return text;
}

/** An object literal (no class instance, no toJSON): safe to write property by property. */
function isPlainObject(value: object): value is Record<string, unknown> {
  if (Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** What `useFrozenAwareJson` needs of an Express application. */
interface ExpressApp {
  response: { json: unknown };
}

/**
 * Makes `res.json` of this Express application (which Nest uses for every object a handler
 * returns) write with frozenAwareJson, so cached answers are not serialized again per request.
 */
export function useFrozenAwareJson(app: ExpressApp): void {
  app.response.json = function json(this: Response, body: unknown) {
    if (!this.get('Content-Type')) this.set('Content-Type', 'application/json; charset=utf-8');
    if (typeof body !== 'object' || body === null || !Object.isFrozen(body)) return this.send(frozenAwareJson(body));
    // A frozen answer is sent from the bytes and ETag kept for it: Express would otherwise encode
    // the text and hash it for its ETag on every request.
    const kept = sendableOfFrozen(body);
    if (!this.get('ETag')) this.set('ETag', kept.etag);
    return this.send(kept.bytes);
  };
}

interface Sendable {
  bytes: Buffer;
  /** A weak ETag in the form Express gives (length and SHA-1). */
  etag: string;
}

const sendables = new WeakMap<object, Sendable>();

function sendableOfFrozen(body: object): Sendable {
  let kept = sendables.get(body);
  if (kept === undefined) {
    const bytes = Buffer.from(frozenAwareJson(body), 'utf8');
    kept = { bytes, etag: `W/"${bytes.length.toString(16)}-${createHash('sha1').update(bytes).digest('base64').slice(0, 27)}"` };
    sendables.set(body, kept);
  }
  return kept;
}
