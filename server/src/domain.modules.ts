import { AccountsModule } from './auth/accounts.module';
import { AlertsModule } from './alerts/alerts.module';
import { ForecastsModule } from './forecasts/forecasts.module';
import { InterventionsModule } from './interventions/interventions.module';
import { AuditModule } from './auth/audit.module';
import { BootstrapModule } from './bootstrap/bootstrap.module';
import { CacheModule } from './cache/cache.module';
import { ConnectionsModule } from './connections/connections.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { ImportModule } from './import/import.module';
import { MetricsModule } from './metrics/metrics.module';
import { OverviewModule } from './overview/overview.module';
import { PeopleModule } from './people/people.module';
import { PlanModule } from './plan/plan.module';
import { RoiModule } from './roi/roi.module';
import { SecretsModule } from './secrets/secrets.module';
import { SyncModule } from './sync/sync.module';
import { TrainingModule } from './training/training.module';

/**
 * The domain modules, booted alike by the HTTP service (AppModule) and the command line
 * (CliModule): each registers its own controllers and providers and exports what others use.
 * Only the process's configuration and clock (ConfigModule) and, for HTTP, AuthModule come on top.
 */
export const DOMAIN_MODULES = [
  DatabaseModule,
  CacheModule,
  SecretsModule,
  PlanModule,
  MetricsModule,
  ConnectionsModule,
  SyncModule,
  ImportModule,
  BootstrapModule,
  OverviewModule,
  PeopleModule,
  TrainingModule,
  RoiModule,
  HealthModule,
  AccountsModule,
  AuditModule,
  InterventionsModule,
  ForecastsModule,
  AlertsModule,
];
