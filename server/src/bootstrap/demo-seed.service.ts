import { Injectable, Logger } from '@nestjs/common';
import { LaunchPlanSchema } from '@uptake/shared';
import { Clock } from '../common/clock';
import { ConnectionService } from '../connections/connection.service';
import { demoLaunchPlan } from '../connectors/demo/demo-plan';
import { PlanRepository } from '../plan/plan.repository';
import { SyncService, type SyncOptions } from '../sync/sync.service';

export const DEMO_CONNECTION = 'demo';

/** On an empty database: the demo CRM connection, its launch plan, the first sync and the backfill. */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly connections: ConnectionService,
    private readonly plans: PlanRepository,
    private readonly sync: SyncService,
    private readonly clock: Clock,
  ) {}

  /** True when it seeded; false when the database already had connections or a plan. */
  async seedIfEmpty(progress: Pick<SyncOptions, 'onProgress' | 'onBackfillProgress'> = {}): Promise<boolean> {
    const empty = (await this.connections.list()).length === 0 && (await this.plans.current()) === null;
    if (!empty) return false;
    const now = this.clock.now();
    const plan = LaunchPlanSchema.parse(demoLaunchPlan(now));
    this.logger.log(`empty database: creating the demo CRM (launched ${plan.launch_date}) and its launch plan`);
    await this.plans.addVersion(plan, 'uptake (demo)', 'built-in demo plan', now);
    const connection = await this.connections.add({ name: DEMO_CONNECTION, kind: 'demo', options: { launch_date: plan.launch_date } });
    const run = await this.sync.run(connection, { trigger: 'startup', ...progress });
    this.logger.log(
      `demo CRM synced: ${Object.entries(run.counts)
        .map(([entity, count]) => `${count} ${entity}`)
        .join(', ')}`,
    );
    return true;
  }
}
