import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a signed JSON webhook (docs/alerts.md "Verifying a JSON webhook"). */
export const SIGNATURE_HEADER = 'X-Uptake-Signature';
export const TIMESTAMP_HEADER = 'X-Uptake-Timestamp';
export const DELIVERY_HEADER = 'X-Uptake-Delivery';

/**
 * `v1=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>`; the timestamp is Unix seconds,
 * sent in X-Uptake-Timestamp, so a receiver can refuse an old (replayed) message.
 */
export function signWebhookBody(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** What a receiver does: recompute, compare in constant time, refuse a timestamp older than `toleranceSeconds`. */
export function verifyWebhookSignature(args: {
  secret: string;
  body: string;
  timestamp: string | undefined;
  signature: string | undefined;
  nowSeconds: number;
  toleranceSeconds?: number;
}): boolean {
  const { secret, body, timestamp, signature, nowSeconds } = args;
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > (args.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhookBody(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
