import { Injectable } from '@nestjs/common';
import type { Connection, OverviewResponse } from '@uptake/shared';
import { CacheService, type CacheRegion } from '../cache/cache.service';
import { deepFreeze } from '../common/deep-freeze.util';
import { addDays } from '../common/time.util';
import { ConnectionService } from '../connections/connection.service';
import { DataCoverageRepository } from '../metrics/data-coverage.repository';
import { MetricsService } from '../metrics/metrics.service';
import { PlanInForce, timezoneOf } from '../plan/plan-in-force.service';
import { SyncScheduler } from '../sync/sync.scheduler';

/** Assembles the overview page: organisation, departments, a week earlier, sync state. */
@Injectable()
export class OverviewService {
  private readonly cache: CacheRegion<OverviewResponse>;

  constructor(
    cache: CacheService,
    private readonly metrics: MetricsService,
    private readonly planInForce: PlanInForce,
    private readonly connections: ConnectionService,
    private readonly scheduler: SyncScheduler,
    private readonly coverage: DataCoverageRepository,
  ) {
    // the next scheduled runs change with no write: the scheduler's own stamp
    this.cache = cache.region('overview', ['crm_data', 'plan', 'sync_state', 'snapshots'], {
      extraStamp: () => this.scheduler.scheduleStamp(),
    });
  }

  /**
   * The overview of `asOf` (default today in the plan's time zone). Kept until the data, the plan,
   * the connections, their runs or their next scheduled runs change, and shared by every caller: frozen.
   */
  async overview(asOf?: string): Promise<OverviewResponse> {
    const day = asOf ?? (await this.planInForce.today());
    return this.cache.one(day, async () => deepFreeze(await this.assemble(day)));
  }

  private async assemble(day: string): Promise<OverviewResponse> {
    const plan = await this.planInForce.plan();
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
