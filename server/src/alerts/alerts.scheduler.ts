import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/app.config';
import { AlertDeliveryService } from './alert-delivery.service';
import { AlertEvaluationService } from './alert-evaluation.service';
import { ALERTS_SETTINGS, type AlertsSettings } from './alerts.settings';

const JOB_NAME = 'alerts:evaluate';
const FIRST_EVALUATION_DELAY_MS = 5_000;

/**
 * Evaluates the alert rules 5 seconds after the start and then on UPTAKE_ALERTS_CRON (after the
 * snapshots the syncs computed), and
 * looks at the outbox every 30 seconds. Every replica runs both; the evaluation lease and the
 * per-delivery claims make one replica do each piece of work.
 */
@Injectable()
export class AlertsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertsScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private firstRun: NodeJS.Timeout | null = null;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly evaluation: AlertEvaluationService,
    private readonly delivery: AlertDeliveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ALERTS_SETTINGS) private readonly settings: AlertsSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.scheduler) return;
    const job = CronJob.from({ cronTime: this.settings.cron, onTick: () => this.tick(), start: false, timeZone: 'UTC' });
    this.registry.addCronJob(JOB_NAME, job as never);
    job.start();
    this.timer = setInterval(() => void this.deliver(), this.settings.deliveryIntervalMs);
    this.timer.unref();
    // A first evaluation soon after the start (after the demo seed's first sync and backfill), not only at the first cron tick.
    this.firstRun = setTimeout(() => void this.tick(), FIRST_EVALUATION_DELAY_MS);
    this.firstRun.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.firstRun) clearTimeout(this.firstRun);
    this.timer = null;
    this.firstRun = null;
    if (this.registry.doesExist('cron', JOB_NAME)) this.registry.deleteCronJob(JOB_NAME);
  }

  private async tick(): Promise<void> {
    try {
      const result = await this.evaluation.evaluate();
      if (result === null) this.logger.log('alert evaluation skipped: another replica is evaluating');
    } catch (error) {
      this.logger.warn(`alert evaluation failed: ${(error as Error).message}`);
    }
    await this.deliver();
  }

  private async deliver(): Promise<void> {
    try {
      await this.delivery.deliverDue();
    } catch (error) {
      this.logger.warn(`alert deliveries failed: ${(error as Error).message}`);
    }
  }
}
