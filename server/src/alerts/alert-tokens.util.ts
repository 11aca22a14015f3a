import { UptakeError } from '../common/error-codes';
import type { SecretBox } from '../secrets/secret-box.service';

export const WEBHOOK_URL_CONTEXT = 'uptake alert_webhooks.url';
export const WEBHOOK_SECRET_CONTEXT = 'uptake alert_webhooks.secret';
const UNSUBSCRIBE_CONTEXT = 'uptake alerts.unsubscribe';

/**
 * The token of an unsubscribe link: the account id sealed (AES-256-GCM, authenticated) with the
 * installation's secret key, so it cannot be forged or altered and works without signing in.
 */
export function unsubscribeToken(box: SecretBox, accountId: number): string {
  return box.seal(JSON.stringify({ a: accountId }), UNSUBSCRIBE_CONTEXT);
}

/** The account an unsubscribe token names; ALERT_TOKEN_INVALID when it was not made by this installation. */
export function accountOfUnsubscribeToken(box: SecretBox, token: string): number {
  let opened: unknown;
  try {
    opened = JSON.parse(box.open(token, UNSUBSCRIBE_CONTEXT));
  } catch {
    throw new UptakeError('ALERT_TOKEN_INVALID', 'this unsubscribe link is not valid (altered, or made with another secret key)');
  }
  const accountId = (opened as { a?: unknown }).a;
  if (typeof accountId !== 'number' || !Number.isInteger(accountId)) {
    throw new UptakeError('ALERT_TOKEN_INVALID', 'this unsubscribe link is not valid');
  }
  return accountId;
}
