import type { ErrorTable } from '../common/error-rule';

/** Error codes of alerts, webhooks and subscriptions (server/src/alerts). */
export const ALERTS_ERRORS = {
  WEBHOOK_INVALID: { status: 400, exitCode: 2 },
  WEBHOOK_EXISTS: { status: 409, exitCode: 2 },
  WEBHOOK_NOT_FOUND: { status: 404, exitCode: 2 },
  ALERT_SUBSCRIPTION_INVALID: { status: 400, exitCode: 2 },
  ALERT_TOKEN_INVALID: { status: 400, exitCode: 2 },
} as const satisfies ErrorTable;
