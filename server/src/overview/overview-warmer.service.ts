import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/app.config';
import { CacheService } from '../cache/cache.service';
import { METRICS_TAGS } from '../metrics/metrics.repository';
import { OverviewService } from './overview.service';

/** How often the warmer looks whether the data changed. */
export const WARM_CHECK_MS = 15_000;

/**
 * Computes today's overview (and so the departments' report) ahead of its first reader, in the
 * background: at start and again once the data has settled after a change (a sync of any replica,
 * an import, a new plan), i.e. when the metrics stamp is the same at two checks in a row. At 50,000
 * seats a day takes tens of seconds to compute from the raw data; the first person to open the
 * dashboard after a sync should not wait for it. Runs where the scheduler runs (`uptake serve`).
 */
@Injectable()
export class OverviewWarmer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Warm-up');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastSeen: string | null = null;
  private warmed: string | null = null;
  private stopped = false;

  constructor(
    private readonly cache: CacheService,
    private readonly overview: OverviewService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.scheduler) return;
    this.timer = setInterval(() => void this.check(), WARM_CHECK_MS);
    this.timer.unref();
    void this.check(true);
  }

  /** Stops checking; a computation still running ends with the database, unreported. */
  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Warms when the data is unchanged since the last check (or at once with `now`) and not yet warmed. */
  async check(now = false): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = this.warmIfSettled(now)
      .catch((error: Error) => {
        if (!this.stopped) this.logger.warn(`computing today's overview ahead failed: ${error.message}`);
      })
      .finally(() => (this.running = null));
    await this.running;
  }

  private async warmIfSettled(now: boolean): Promise<void> {
    const stamp = await this.cache.stamp(METRICS_TAGS); // the data the overview is computed from
    const settled = now || stamp === this.lastSeen;
    this.lastSeen = stamp;
    if (!settled || stamp === this.warmed) return;
    const started = Date.now();
    await this.overview.overview();
    this.warmed = stamp;
    const seconds = (Date.now() - started) / 1000;
    if (seconds >= 1) this.logger.log(`today's overview computed ahead in ${seconds.toFixed(1)} s`);
  }
}
