import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CatalogueController } from './api/catalogue.controller';
import { ConnectionsController } from './api/connections.controller';
import { DepartmentsController } from './api/departments.controller';
import { HealthController } from './api/health.controller';
import { OverviewController } from './api/overview.controller';
import { OverviewService } from './api/overview.service';
import { PlanController } from './api/plan.controller';
import type { Clock } from './common/clock';
import type { AppConfig } from './config/app.config';
import { CoreModule } from './core.module';
import { SyncScheduler } from './sync/sync.scheduler';

/** The HTTP service: core, the API controllers and the sync scheduler. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, overrides: { clock?: Clock } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(config, overrides), ScheduleModule.forRoot()],
      controllers: [HealthController, OverviewController, DepartmentsController, ConnectionsController, PlanController, CatalogueController],
      providers: [OverviewService, SyncScheduler],
    };
  }
}
