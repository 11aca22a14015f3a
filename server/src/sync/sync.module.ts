import { forwardRef, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CacheModule } from '../cache/cache.module';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/app.config';
import { ConnectionRepository } from '../connections/connection.repository';
import { ConnectionsModule } from '../connections/connections.module';
import { Database } from '../database/database.service';
import { DatabaseModule } from '../database/database.module';
import { MetricsModule } from '../metrics/metrics.module';
import { RestatementService } from '../metrics/restatement.service';
import { SnapshotService } from '../metrics/snapshot.service';
import { PlanModule } from '../plan/plan.module';
import { PlanInForce } from '../plan/plan-in-force.service';
import { IngestRepository } from './ingest.repository';
import { SyncRepository } from './sync.repository';
import { SyncScheduler } from './sync.scheduler';
import { SyncService } from './sync.service';

/**
 * Syncs: runs, leases, ingest, and the scheduler. The scheduler is part of the domain wherever the
 * modules boot; it creates cron jobs only where the configuration says so (`scheduler`: true for
 * `uptake serve`, false for the other commands and most tests), so in the CLI it has no jobs and
 * every connection's next run is null.
 */
@Module({
  imports: [ScheduleModule.forRoot(), DatabaseModule, CacheModule, forwardRef(() => ConnectionsModule), PlanModule, MetricsModule],
  providers: [
    SyncRepository,
    IngestRepository,
    {
      provide: SyncService,
      useFactory: (config: AppConfig, ...deps: ConstructorParameters<typeof SyncService>) => {
        const service = new SyncService(...deps);
        service.overlapMs = config.syncOverlapMs;
        return service;
      },
      inject: [
        APP_CONFIG,
        Database,
        ConnectionRepository,
        SyncRepository,
        IngestRepository,
        PlanInForce,
        SnapshotService,
        Clock,
        RestatementService,
      ],
    },
    SyncScheduler,
  ],
  exports: [SyncRepository, IngestRepository, SyncService, SyncScheduler],
})
export class SyncModule {}
