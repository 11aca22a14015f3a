import { CacheModule } from '../cache/cache.module';
import { ConnectionsModule } from '../connections/connections.module';
import { DatabaseModule } from '../database/database.module';
import { MetricsModule } from '../metrics/metrics.module';
import { PlanModule } from '../plan/plan.module';
import { SecretsModule } from '../secrets/secrets.module';
import { SyncModule } from '../sync/sync.module';
import { Module } from '@nestjs/common';
import { AccountsModule } from '../auth/accounts.module';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/app.config';
import { AlertDeliveryService } from './alert-delivery.service';
import { AlertEvaluationService } from './alert-evaluation.service';
import { AlertFactsRepository } from './alert-facts.repository';
import { AlertLeaseRepository } from './alert-lease.repository';
import { AlertOutboxRepository } from './alert-outbox.repository';
import { AlertSubscriptionRepository } from './alert-subscription.repository';
import { AlertSubscriptionService } from './alert-subscription.service';
import { AlertWebhookRepository } from './alert-webhook.repository';
import { AlertWebhookService } from './alert-webhook.service';
import { AlertRepository } from './alert.repository';
import { AlertsController } from './alerts.controller';
import { AlertsScheduler } from './alerts.scheduler';
import { AlertsService } from './alerts.service';
import { ALERTS_SETTINGS, alertsSettingsFromEnv } from './alerts.settings';
import { WebhookChannel } from './webhook.channel';

const SERVICES = [
  AlertRepository,
  AlertOutboxRepository,
  AlertLeaseRepository,
  AlertFactsRepository,
  AlertWebhookRepository,
  AlertSubscriptionRepository,
  AlertEvaluationService,
  AlertDeliveryService,
  AlertWebhookService,
  AlertSubscriptionService,
  AlertsService,
];

/** Alerts without HTTP or a schedule: rules, outbox, webhooks, subscriptions (the CLI imports this). */
@Module({
  imports: [AccountsModule, DatabaseModule, CacheModule, SecretsModule, PlanModule, MetricsModule, SyncModule, ConnectionsModule],
  providers: [
    { provide: ALERTS_SETTINGS, useFactory: (config: AppConfig) => alertsSettingsFromEnv(config.port), inject: [APP_CONFIG] },
    { provide: WebhookChannel, useFactory: () => new WebhookChannel() },
    ...SERVICES,
  ],
  exports: [ALERTS_SETTINGS, WebhookChannel, ...SERVICES],
})
export class AlertsModule {}

/** The server's part: the API and the schedule (evaluation and outbox). */
@Module({
  imports: [AlertsModule],
  controllers: [AlertsController],
  providers: [AlertsScheduler],
})
export class AlertsHttpModule {}
