import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** API tokens read `upt_<43 base64url characters>` (256 bits), so they are easy to spot in a leak scan. */
export const API_TOKEN_PREFIX = 'upt_';

/** 256 random bits as base64url. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 (hex) of a high-entropy secret: how session ids and API tokens are stored. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Constant-time comparison of two strings. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
