import { DynamicModule, Module } from '@nestjs/common';
import { AlertsHttpModule } from './alerts/alerts.module';
import { ScheduleModule } from '@nestjs/schedule';
import { CatalogueController } from './metrics/catalogue.controller';
import { ConnectionsController } from './connections/connections.controller';
import { DepartmentsController } from './metrics/departments.controller';
import { RestatementsController } from './metrics/restatements.controller';
import { HealthController } from './health/health.controller';
import { OverviewController } from './overview/overview.controller';
import { OverviewWarmer } from './overview/overview-warmer.service';
import { OverviewService } from './overview/overview.service';
import { PeopleController } from './people/people.controller';
import { PresenceController } from './presence/presence.controller';
import { PresenceService } from './presence/presence.service';
import { PlanEditService } from './plan/plan-edit.service';
import { PlanController } from './plan/plan.controller';
import { RoiController } from './roi/roi.controller';
import { TrainingController } from './training/training.controller';
import type { AuthOverrides } from './auth/auth.config';
import { AuthModule } from './auth/auth.module';
import type { Clock } from './common/clock';
import type { AppConfig } from './config/app.config';
import { CoreModule } from './core.module';
import { PeopleRepository } from './people/people.repository';
import { PeopleService } from './people/people.service';
import { RoiRepository } from './roi/roi.repository';
import { RoiService } from './roi/roi.service';
import { SyncScheduler } from './sync/sync.scheduler';
import { TrainingRepository } from './training/training.repository';
import { TrainingService } from './training/training.service';
import { ForecastsController } from './forecasts/forecasts.controller';
import { ForecastsModule } from './forecasts/forecasts.module';
import { InterventionsController } from './interventions/interventions.controller';
import { InterventionsModule } from './interventions/interventions.module';

/** The HTTP service: core, the API controllers and the sync scheduler. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, overrides: { clock?: Clock; auth?: AuthOverrides } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, overrides),
        ScheduleModule.forRoot(),
        AuthModule.forRoot(config, overrides.auth),
        InterventionsModule,
        ForecastsModule,
        AlertsHttpModule,
      ],
      controllers: [
        HealthController,
        OverviewController,
        DepartmentsController,
        PeopleController,
        ConnectionsController,
        PlanController,
        CatalogueController,
        RoiController,
        TrainingController,
        InterventionsController,
        ForecastsController,
        RestatementsController,
        PresenceController,
      ],
      providers: [
        OverviewService,
        OverviewWarmer,
        SyncScheduler,
        PeopleRepository,
        PeopleService,
        RoiRepository,
        RoiService,
        TrainingRepository,
        TrainingService,
        PlanEditService,
        PresenceService,
      ],
    };
  }
}
