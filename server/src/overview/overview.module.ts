import { Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module';
import { ConnectionsModule } from '../connections/connections.module';
import { MetricsModule } from '../metrics/metrics.module';
import { PlanModule } from '../plan/plan.module';
import { SyncModule } from '../sync/sync.module';
import { OverviewWarmer } from './overview-warmer.service';
import { OverviewController } from './overview.controller';
import { OverviewService } from './overview.service';

/** The overview page (organisation, departments, a week earlier, sync state) and its warm-up. */
@Module({
  imports: [CacheModule, MetricsModule, PlanModule, ConnectionsModule, SyncModule],
  controllers: [OverviewController],
  providers: [OverviewService, OverviewWarmer],
  exports: [OverviewService],
})
export class OverviewModule {}
