import { Injectable } from '@nestjs/common';
import type { Connection, OverviewResponse } from '@uptake/shared';
import { Clock } from '../common/clock';
import { deepFreeze } from '../common/deep-freeze.util';
import { StampedCache } from '../common/stamped-cache';
import { addDays, dayOf } from '../common/time.util';
import { ConnectionService } from '../connections/connection.service';
import { DataStamps } from '../database/data-stamps';
import { Database } from '../database/database.service';
import { DataCoverageRepository } from '../metrics/data-coverage.repository';
import { MetricsService } from '../metrics/metrics.service';
import { PlanRepository } from '../plan/plan.repository';
import { SyncScheduler } from '../sync/sync.scheduler';
import { timezoneOf } from '../plan/plan-in-force.service';

/** Assembles the overview page: organisation, departments, a week earlier, sync state. */
@Injectable()
export class OverviewService {
  private readonly cache = new StampedCache<OverviewResponse>();
  private readonly stamps: DataStamps;

  constructor(
    db: Database,
    private readonly metrics: MetricsService,
    private readonly plans: PlanRepository,
    private readonly connections: ConnectionService,
    private readonly scheduler: SyncScheduler,
    private readonly clock: Clock,
    private readonly coverage: DataCoverageRepository,
  ) {
    this.stamps = DataStamps.of(db);
  }

  /** The day to show when the caller names none: today in the plan's time zone. */
  async today(): Promise<string> {
    const plan = (await this.plans.current())?.plan;
    return dayOf(this.clock.now(), timezoneOf(plan));
  }

  /**
   * The overview of `asOf` (default today). Kept until the data, the plan, the connections, their
   * runs or their next scheduled runs change, and shared by every caller: frozen.
   */
  async overview(asOf?: string): Promise<OverviewResponse> {
    const day = asOf ?? (await this.today());
    const stamp = `${await this.stamps.snapshots()} ${await this.stamps.syncState()} ${this.scheduler.scheduleStamp()}`;
    return this.cache.one(stamp, day, async () => deepFreeze(await this.assemble(day)));
  }

  private async assemble(day: string): Promise<OverviewResponse> {
    const plan = (await this.plans.current())?.plan ?? null;
    // A week before the earliest day a request may read has no values to compare with (day-bounds.util.ts).
    const bounds = await this.metrics.dayBounds();
    const weekBefore = addDays(day, -7);
    const [report, weekEarlier, connections, dataCoverage] = await Promise.all([
      this.metrics.report(day),
      bounds.earliest !== null && weekBefore < bounds.earliest ? null : this.metrics.report(weekBefore),
      this.describeConnections(),
      this.coverage.coverage(timezoneOf(plan)),
    ]);
    return {
      asOf: day,
      launchDate: plan?.launch_date ?? null,
      timezone: timezoneOf(plan),
      organisation: report.organisation,
      weekEarlier: weekEarlier?.organisation.metrics ?? null,
      departments: report.departments,
      connections,
      dataCoverage,
    };
  }

  describeConnections(): Promise<Connection[]> {
    return this.connections.describeAll((connection) => this.scheduler.nextRunAt(connection));
  }
}
