import { DynamicModule, Global, Inject, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { DemoSeedService } from './bootstrap/demo-seed.service';
import { Clock } from './common/clock';
import { APP_CONFIG } from './config/app-config.token';
import type { AppConfig } from './config/app.config';
import { ConnectionRepository } from './connections/connection.repository';
import { ConnectionService } from './connections/connection.service';
import { Database } from './database/database.service';
import { ImportService } from './import/import.service';
import { DataCoverageRepository } from './metrics/data-coverage.repository';
import { MetricsRepository } from './metrics/metrics.repository';
import { MetricsService } from './metrics/metrics.service';
import { ProvenanceRepository } from './metrics/provenance.repository';
import { SnapshotRepository } from './metrics/snapshot.repository';
import { SnapshotService } from './metrics/snapshot.service';
import { RestatementRepository } from './metrics/restatement.repository';
import { RestatementService } from './metrics/restatement.service';
import { StoredDayRepository } from './metrics/stored-day.repository';
import { PlanInForce } from './plan/plan-in-force.service';
import { PlanRepository } from './plan/plan.repository';
import { PlanService } from './plan/plan.service';
import { SecretsModule } from './secrets/secrets.module';
import { IngestRepository } from './sync/ingest.repository';
import { SyncRepository } from './sync/sync.repository';
import { SyncService } from './sync/sync.service';

@Injectable()
class DatabaseCloser implements OnModuleDestroy {
  constructor(private readonly db: Database) {}

  async onModuleDestroy(): Promise<void> {
    await this.db.close();
  }
}

/** Everything but HTTP and the scheduler: what the CLI and the server share. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, overrides: { clock?: Clock } = {}): DynamicModule {
    const services = [
      ConnectionRepository,
      ConnectionService,
      SyncRepository,
      IngestRepository,
      PlanRepository,
      PlanService,
      PlanInForce,
      MetricsRepository,
      DataCoverageRepository,
      ProvenanceRepository,
      MetricsService,
      SnapshotRepository,
      SnapshotService,
      ImportService,
      DemoSeedService,
      RestatementRepository,
      RestatementService,
      StoredDayRepository,
    ];
    return {
      module: CoreModule,
      imports: [SecretsModule.forRoot(config)],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: overrides.clock ?? new Clock() },
        { provide: Database, useFactory: () => Database.open(config.databaseUrl) },
        DatabaseCloser,
        {
          provide: SyncService,
          useFactory: (...deps: ConstructorParameters<typeof SyncService>) => {
            const service = new SyncService(...deps);
            service.overlapMs = config.syncOverlapMs;
            return service;
          },
          inject: [
            Database,
            ConnectionRepository,
            SyncRepository,
            IngestRepository,
            PlanRepository,
            SnapshotService,
            Clock,
            RestatementService,
          ],
        },
        ...services,
      ],
      exports: [APP_CONFIG, Clock, Database, SyncService, ...services],
    };
  }
}

export const InjectConfig = () => Inject(APP_CONFIG);
