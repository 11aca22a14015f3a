import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/app.config';
import { ConnectionService } from '../connections/connection.service';
import type { StoredConnection } from '../connections/connection.repository';
import { SyncAlreadyRunningError } from './sync.errors';
import { SyncService } from './sync.service';

const JOB_PREFIX = 'sync:';

/** One cron job per enabled connection; a tick only starts a sync (the lease keeps it to one run). */
@Injectable()
export class SyncScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SyncScheduler.name);

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly connections: ConnectionService,
    private readonly sync: SyncService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
  }

  onApplicationShutdown(): void {
    for (const name of this.registry.getCronJobs().keys()) {
      if (name.startsWith(JOB_PREFIX)) this.registry.deleteCronJob(name);
    }
  }

  /** Re-reads the connections and (re)creates their jobs; call after a connection or schedule changes. */
  async refresh(): Promise<void> {
    this.onApplicationShutdown();
    if (!this.config.scheduler) return;
    for (const connection of await this.connections.list()) {
      if (!connection.enabled) continue;
      const job = CronJob.from({ cronTime: connection.schedule, onTick: () => this.tick(connection.name), start: true, timeZone: 'UTC' });
      this.registry.addCronJob(`${JOB_PREFIX}${connection.name}`, job as never);
    }
  }

  nextRunAt(connection: StoredConnection): number | null {
    const name = `${JOB_PREFIX}${connection.name}`;
    if (!this.registry.doesExist('cron', name)) return null;
    const next = this.registry.getCronJob(name).nextDate();
    return next ? next.toMillis() : null;
  }

  private async tick(name: string): Promise<void> {
    try {
      const connection = await this.connections.get(name);
      await this.sync.run(connection, { trigger: 'schedule' });
    } catch (error) {
      if (error instanceof SyncAlreadyRunningError) this.logger.log(`${name}: skipped this tick, ${error.message}`);
      else this.logger.warn(`${name}: scheduled sync failed: ${(error as Error).message}`);
    }
  }
}
