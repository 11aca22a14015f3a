import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AccountRepository } from '../auth/account.repository';
import { Clock } from '../common/clock';
import { SecretBox } from '../secrets/secret-box.service';
import { alertEmail, webhookRequest } from './alert-message.util';
import { AlertOutboxRepository } from './alert-outbox.repository';
import { AlertSubscriptionRepository } from './alert-subscription.repository';
import { AlertWebhookRepository } from './alert-webhook.repository';
import { AlertRepository, type StoredDelivery } from './alert.repository';
import { ALERTS_SETTINGS, type AlertsSettings } from './alerts.settings';
import { nextAttemptAt } from './delivery-backoff.util';
import { EmailChannel } from './email.channel';
import { unsubscribeToken, WEBHOOK_SECRET_CONTEXT, WEBHOOK_URL_CONTEXT } from './alert-tokens.util';
import { WebhookChannel } from './webhook.channel';

/**
 * How long a claimed delivery is ours: well beyond the longest an attempt may take (SMTP: 30 s to
 * connect, 30 s for the greeting, 60 s of silence at most; a webhook: 15 s), so no other replica
 * takes a message over while it is being sent. One message is claimed at a time for the same reason.
 */
export const DELIVERY_LEASE_MS = 5 * 60_000;
const BATCH = 1;

/** A delivery that is no longer wanted: cancelled, not retried. */
class NotWanted extends Error {}

export interface DeliveryRound {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Sends what the outbox holds: claims due deliveries (a lease per row, so one replica sends each),
 * sends each, and records sent, or a failed attempt with the next try (exponential backoff), or
 * gives up after the last one. A crash leaves the row claimed until its lease runs out, then it is
 * due again: nothing is lost; each attempt carries the same delivery id (webhook header
 * X-Uptake-Delivery, email Message-ID) so a receiver can recognise the rare repeat of a message
 * whose sender died between sending and recording it.
 */
@Injectable()
export class AlertDeliveryService implements OnModuleDestroy {
  private readonly logger = new Logger(AlertDeliveryService.name);
  private readonly holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  private email: EmailChannel | null;
  private running: Promise<DeliveryRound> | null = null;

  constructor(
    private readonly outbox: AlertOutboxRepository,
    private readonly alerts: AlertRepository,
    private readonly webhooks: AlertWebhookRepository,
    private readonly accounts: AccountRepository,
    private readonly subscriptions: AlertSubscriptionRepository,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    @Inject(ALERTS_SETTINGS) private readonly settings: AlertsSettings,
    private readonly webhookChannel: WebhookChannel,
  ) {
    this.email = settings.smtpUrl ? new EmailChannel(settings.smtpUrl, settings.smtpFrom) : null;
  }

  onModuleDestroy(): void {
    this.email?.close();
  }

  /** Sends every due delivery; a round already running in this process is joined, not doubled. */
  deliverDue(): Promise<DeliveryRound> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<DeliveryRound> {
    const round: DeliveryRound = { sent: 0, retrying: 0, failed: 0 };
    for (;;) {
      const { claim, deliveries } = await this.outbox.claimDue(this.holder, this.clock.now(), DELIVERY_LEASE_MS, BATCH);
      if (deliveries.length === 0) return round;
      for (const delivery of deliveries) {
        try {
          await this.send(delivery);
          if (await this.outbox.markSent(delivery.id, claim, this.clock.now())) round.sent += 1;
        } catch (error) {
          if (error instanceof NotWanted) {
            await this.outbox.markCancelled(delivery.id, claim, error.message);
            continue;
          }
          const message = (error as Error).message || String(error);
          const next = nextAttemptAt(delivery.attempts, this.clock.now());
          if (await this.outbox.markFailedAttempt(delivery.id, claim, message, next)) {
            if (next === null) round.failed += 1;
            else round.retrying += 1;
          }
          this.logger.warn(`alert delivery ${delivery.id} to ${delivery.recipient} (attempt ${delivery.attempts}) failed: ${message}`);
        }
      }
      // Failed attempts are not due again in this round (their next attempt is in the future).
    }
  }

  private async send(delivery: StoredDelivery): Promise<void> {
    const alert = await this.alerts.find(delivery.alertId);
    if (!alert) throw new Error(`alert ${delivery.alertId} is gone`);
    const alertsUrl = `${this.settings.publicUrl}/alerts`;
    if (delivery.channel === 'email') {
      if (!this.email) throw new Error('UPTAKE_SMTP_URL is not set');
      const account = await this.accounts.findById(delivery.targetId);
      if (!account || account.disabled) throw new NotWanted(`the account ${delivery.recipient} was disabled or removed`);
      const subscription = await this.subscriptions.find(account.id);
      if (subscription && !subscription.active) throw new NotWanted(`${delivery.recipient} unsubscribed before it was sent`);
      const unsubscribeUrl = `${this.settings.publicUrl}/api/alerts/unsubscribe?token=${encodeURIComponent(unsubscribeToken(this.box, account.id))}`;
      await this.email.send({
        ...alertEmail(alert, { alertsUrl, unsubscribeUrl }),
        to: account.email,
        messageId: `<alert-delivery-${delivery.id}-${delivery.createdAt}@uptake>`,
        unsubscribeUrl,
      });
      return;
    }
    const webhook = await this.webhooks.find(delivery.targetId);
    if (!webhook) throw new Error(`webhook ${delivery.recipient} was removed`);
    const url = this.box.open(webhook.urlSealed, WEBHOOK_URL_CONTEXT, `webhook ${webhook.name} URL`);
    const secret = webhook.secretSealed
      ? this.box.open(webhook.secretSealed, WEBHOOK_SECRET_CONTEXT, `webhook ${webhook.name} secret`)
      : null;
    await this.webhookChannel.send(
      url,
      webhookRequest(alert, {
        format: webhook.format,
        deliveryId: delivery.id,
        alertsUrl,
        secret,
        nowSeconds: Math.floor(this.clock.now() / 1000),
      }),
    );
  }
}
