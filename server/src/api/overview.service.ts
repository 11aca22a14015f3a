import { Injectable } from '@nestjs/common';
import type { Connection, OverviewResponse } from '@uptake/shared';
import { Clock } from '../common/clock';
import { addDays, dayOf } from '../common/time.util';
import { ConnectionService } from '../connections/connection.service';
import { MetricsService } from '../metrics/metrics.service';
import { PlanRepository } from '../plan/plan.repository';
import { SyncScheduler } from '../sync/sync.scheduler';

/** Assembles the overview page: organisation, departments, a week earlier, sync state. */
@Injectable()
export class OverviewService {
  constructor(
    private readonly metrics: MetricsService,
    private readonly plans: PlanRepository,
    private readonly connections: ConnectionService,
    private readonly scheduler: SyncScheduler,
    private readonly clock: Clock,
  ) {}

  /** The day to show when the caller names none: today in the plan's time zone. */
  async today(): Promise<string> {
    const plan = (await this.plans.current())?.plan;
    return dayOf(this.clock.now(), plan?.timezone ?? 'UTC');
  }

  async overview(asOf?: string): Promise<OverviewResponse> {
    const day = asOf ?? (await this.today());
    const plan = (await this.plans.current())?.plan ?? null;
    const [report, weekEarlier, connections] = await Promise.all([
      this.metrics.report(day),
      this.metrics.report(addDays(day, -7)),
      this.describeConnections(),
    ]);
    return {
      asOf: day,
      launchDate: plan?.launch_date ?? null,
      timezone: plan?.timezone ?? 'UTC',
      organisation: report.organisation,
      weekEarlier: weekEarlier.organisation.metrics,
      departments: report.departments,
      connections,
    };
  }

  async describeConnections(): Promise<Connection[]> {
    const list = await this.connections.list();
    return Promise.all(list.map((connection) => this.connections.describe(connection, this.scheduler.nextRunAt(connection))));
  }
}
