import { envValue } from '../config/environment';

/** The alerts' configuration, read once from the environment (config/environment.ts). */
export interface AlertsSettings {
  /** nodemailer connection URL; null: no email is sent (and none is queued). */
  smtpUrl: string | null;
  smtpFrom: string;
  /** Base of the links in alerts (the Alerts page, unsubscribe). */
  publicUrl: string;
  /** When the rules are evaluated (cron, UTC). */
  cron: string;
  /** How often the outbox is looked at for due deliveries. */
  deliveryIntervalMs: number;
}

export const ALERTS_SETTINGS = Symbol('ALERTS_SETTINGS');

export function alertsSettingsFromEnv(port: number, env: NodeJS.ProcessEnv = process.env): AlertsSettings {
  return {
    smtpUrl: envValue('UPTAKE_SMTP_URL', env)?.trim() || null,
    smtpFrom: envValue('UPTAKE_SMTP_FROM', env),
    publicUrl: (envValue('UPTAKE_PUBLIC_URL', env) ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    cron: envValue('UPTAKE_ALERTS_CRON', env),
    deliveryIntervalMs: 30_000,
  };
}
