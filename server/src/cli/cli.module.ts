import { DynamicModule, Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { AccountsModule } from '../auth/accounts.module';
import type { AppConfig } from '../config/app.config';
import { CoreModule } from '../core.module';
import { InterventionsModule } from '../interventions/interventions.module';

/** What the command line boots: the core services and accounts, without HTTP or the scheduler. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [CoreModule.forRoot(config), AccountsModule, InterventionsModule, AlertsModule] };
  }
}
