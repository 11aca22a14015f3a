import { z } from 'zod';
import { AlertRuleKeySchema, AlertRulesSchema } from '../alerts/alert-rules.schema';
import { METRIC_KEYS } from '../metrics/metric-catalogue';

export const AlertChannelSchema = z.enum(['email', 'webhook']);
export type AlertChannel = z.infer<typeof AlertChannelSchema>;

/** pending: waiting for its (next) attempt; sent; failed: gave up after the last retry; cancelled: its webhook was removed first. */
export const AlertDeliveryStatusSchema = z.enum(['pending', 'sent', 'failed', 'cancelled']);
export type AlertDeliveryStatus = z.infer<typeof AlertDeliveryStatusSchema>;

export const AlertDeliverySchema = z.object({
  id: z.number().int(),
  channel: AlertChannelSchema,
  /** An email address, or the webhook's name. */
  recipient: z.string(),
  status: AlertDeliveryStatusSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
});
export type AlertDelivery = z.infer<typeof AlertDeliverySchema>;

export const AlertViewSchema = z.object({
  id: z.number().int(),
  rule: AlertRuleKeySchema,
  /** The department, or "*" for an alert about the whole installation (a connection's sync). */
  department: z.string(),
  metric: z.enum(METRIC_KEYS).nullable(),
  /** What else the alert is about, e.g. the connection's name. */
  subject: z.string().nullable(),
  title: z.string(),
  detail: z.string(),
  /** The first day (YYYY-MM-DD, plan time zone) the condition held. */
  startedOn: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  /** Deliveries of this alert; to others than admins only their own. */
  deliveries: z.array(AlertDeliverySchema),
});
export type AlertView = z.infer<typeof AlertViewSchema>;

export const AlertRuleViewSchema = z.object({
  key: AlertRuleKeySchema,
  label: z.string(),
  enabled: z.boolean(),
  description: z.string(),
});

export const AlertsResponseSchema = z.object({
  alerts: z.array(AlertViewSchema),
  rules: z.array(AlertRuleViewSchema),
  settings: AlertRulesSchema,
  /** Whether UPTAKE_SMTP_URL is set: without it no email is sent. */
  emailConfigured: z.boolean(),
});
export type AlertsResponse = z.infer<typeof AlertsResponseSchema>;

export const AlertsListQuerySchema = z.strictObject({
  status: z.enum(['open', 'closed', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const AlertRunResultSchema = z.object({
  evaluatedDay: z.string().nullable(),
  opened: z.number().int(),
  closed: z.number().int(),
  stillOpen: z.number().int(),
  deliveries: z.object({ sent: z.number().int(), retrying: z.number().int(), failed: z.number().int() }),
});
export type AlertRunResult = z.infer<typeof AlertRunResultSchema>;

export const WEBHOOK_FORMATS = ['slack', 'teams', 'json'] as const;
export const WebhookFormatSchema = z.enum(WEBHOOK_FORMATS, { message: `expected one of ${WEBHOOK_FORMATS.join(', ')}` });
export type WebhookFormat = z.infer<typeof WebhookFormatSchema>;

export const WebhookViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Scheme, host and the first characters of the path: webhook URLs carry a secret token. */
  urlHint: z.string(),
  format: WebhookFormatSchema,
  signed: z.boolean(),
  /** Only alerts of these departments (and installation-wide ones); empty: every department. */
  departments: z.array(z.string()),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type WebhookView = z.infer<typeof WebhookViewSchema>;

export const WebhooksResponseSchema = z.object({ webhooks: z.array(WebhookViewSchema) });
export type WebhooksResponse = z.infer<typeof WebhooksResponseSchema>;

export const WebhookNameSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,79}$/,
    'expected 1 to 80 letters, digits, spaces, "_", "." or "-", starting with a letter or digit',
  );

export const WebhookCreateRequestSchema = z.strictObject({
  name: WebhookNameSchema,
  url: z.string().trim().min(1, 'url is required'),
  format: WebhookFormatSchema,
  secret: z.string().min(16, 'a signing secret has at least 16 characters').max(500).optional(),
  departments: z.array(z.string().trim().min(1)).max(500).default([]),
  createdBy: z.string().optional(),
});
export type WebhookCreateRequest = z.input<typeof WebhookCreateRequestSchema>;

export const AlertSubscriptionSchema = z.object({
  email: z.string(),
  /** Departments whose alerts are sent; empty: every department the account may see. */
  departments: z.array(z.string()),
  /** Rules whose alerts are sent; empty: every rule. */
  rules: z.array(AlertRuleKeySchema),
  channel: z.literal('email'),
  active: z.boolean(),
  /** No choice was saved yet: admins get every alert by email, other roles none. */
  isDefault: z.boolean(),
});
export type AlertSubscription = z.infer<typeof AlertSubscriptionSchema>;

export const AlertSubscriptionUpdateSchema = z.strictObject({
  departments: z.array(z.string().trim().min(1)).max(500).default([]),
  rules: z.array(AlertRuleKeySchema).default([]),
  channel: z.literal('email').default('email'),
  active: z.boolean(),
});
export type AlertSubscriptionUpdate = z.input<typeof AlertSubscriptionUpdateSchema>;

export const UnsubscribeQuerySchema = z.strictObject({ token: z.string().min(1).max(2000) });
