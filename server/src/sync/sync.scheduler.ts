import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/app.config';
import { ConnectionService } from '../connections/connection.service';
import type { StoredConnection } from '../connections/connection.repository';
import { SyncAlreadyRunningError } from './sync.errors';
import { SyncRepository } from './sync.repository';
import { SyncService } from './sync.service';
import { tickTimeOf } from './tick-time';

const JOB_PREFIX = 'sync:';
/** How often the connections are read again, so that a schedule changed through another replica applies here too. */
export const SCHEDULE_REFRESH_MS = 60_000;
/** The time zone connection schedules (cron expressions) are read in. */
const SCHEDULE_TIME_ZONE = 'UTC';

interface ScheduledJob {
  /** What the job was built from: rebuilt when it changes. */
  signature: string;
  /** The cron time the next tick of the job stands for (epoch ms). */
  nextTickAt: number | null;
}

/**
 * One cron job per enabled connection. Every replica runs the same jobs; a tick first claims its
 * cron time in the database (one row per connection and tick), so only the replica whose claim is
 * stored first runs it: each scheduled sync runs once per tick however many replicas there are.
 * The run itself then takes the connection's lease (and, on PostgreSQL, its advisory lock), which
 * also keeps it apart from manual runs and from a previous tick's run that is still going.
 */
@Injectable()
export class SyncScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SyncScheduler.name);
  private readonly holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  private readonly jobs = new Map<string, ScheduledJob>();
  private jobsChanged = 0;
  private refreshTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly connections: ConnectionService,
    private readonly sync: SyncService,
    private readonly runs: SyncRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    if (this.config.scheduler) {
      this.refreshTimer = setInterval(() => {
        this.refresh().catch((error: Error) => this.logger.warn(`re-reading the sync schedules failed: ${error.message}`));
      }, SCHEDULE_REFRESH_MS);
      this.refreshTimer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.refreshTimer = null;
    for (const name of [...this.jobs.keys()]) this.removeJob(name);
  }

  /** Re-reads the connections and (re)creates the jobs whose connection was added, changed or removed. */
  async refresh(): Promise<void> {
    if (!this.config.scheduler) return;
    const wanted = new Map<string, StoredConnection>();
    for (const connection of await this.connections.list()) {
      if (connection.enabled) wanted.set(`${JOB_PREFIX}${connection.name}`, connection);
    }
    for (const name of [...this.jobs.keys()]) {
      const connection = wanted.get(name);
      if (!connection || this.jobs.get(name)!.signature !== signatureOf(connection)) this.removeJob(name);
    }
    for (const [name, connection] of wanted) {
      if (this.jobs.has(name)) continue;
      const entry: ScheduledJob = { signature: signatureOf(connection), nextTickAt: null };
      const job = CronJob.from({
        cronTime: connection.schedule,
        onTick: (): Promise<void> => {
          // cron fires on the system clock, so the tick is placed on it too (not on the injectable Clock)
          const now = Date.now();
          const nextAfter = (at: number): number => job.cronTime.getNextDateFrom(new Date(at), SCHEDULE_TIME_ZONE).toMillis();
          const tickAt: number = entry.nextTickAt === null ? now : tickTimeOf(entry.nextTickAt, now, nextAfter);
          entry.nextTickAt = job.nextDate().toMillis();
          return this.tick(connection.name, tickAt);
        },
        start: false,
        timeZone: SCHEDULE_TIME_ZONE,
      });
      entry.nextTickAt = job.nextDate().toMillis();
      this.jobs.set(name, entry);
      this.jobsChanged += 1;
      this.registry.addCronJob(name, job as never);
      job.start();
    }
  }

  /** Changes whenever a `nextRunAt` may have: a job added or removed, or a tick moving a job's next run on. */
  scheduleStamp(): string {
    return `${this.jobsChanged}:${[...this.jobs.values()].map((entry) => entry.nextTickAt ?? '').join(',')}`;
  }

  nextRunAt(connection: Pick<StoredConnection, 'name'>): number | null {
    const name = `${JOB_PREFIX}${connection.name}`;
    if (!this.registry.doesExist('cron', name)) return null;
    const next = this.registry.getCronJob(name).nextDate();
    return next ? next.toMillis() : null;
  }

  private removeJob(name: string): void {
    this.jobs.delete(name);
    this.jobsChanged += 1;
    if (this.registry.doesExist('cron', name)) this.registry.deleteCronJob(name);
  }

  /** Claims the tick; the replica that got it runs the sync, every other one leaves it. */
  private async tick(name: string, tickAt: number): Promise<void> {
    const at = new Date(tickAt).toISOString();
    try {
      const connection = await this.connections.get(name);
      if (!(await this.runs.claimTick(connection.id, tickAt, this.holder, this.clock.now()))) {
        this.logger.log(`${name}: the tick of ${at} was claimed by another replica`);
        return;
      }
      const { run, done } = await this.sync.start(connection, { trigger: 'schedule' });
      await this.runs.recordTickRun(connection.id, tickAt, run.id);
      await done;
    } catch (error) {
      if (error instanceof SyncAlreadyRunningError) this.logger.log(`${name}: skipped the tick of ${at}, ${error.message}`);
      else this.logger.warn(`${name}: scheduled sync of ${at} failed: ${(error as Error).message}`);
    }
  }
}

function signatureOf(connection: StoredConnection): string {
  return `${connection.id}\u0000${connection.schedule}`;
}
