import { DynamicModule, Module } from '@nestjs/common';
import type { AuthOverrides } from './auth/auth.config';
import { AuthModule } from './auth/auth.module';
import type { Clock } from './common/clock';
import type { AppConfig } from './config/app.config';
import { ConfigModule } from './config/config.module';
import { DOMAIN_MODULES } from './domain.modules';
import { AlertsHttpModule } from './alerts/alerts.module';

/** The HTTP service: every domain module, the alerts' API and schedule, with sign-in, the route policy and the privacy interceptor (AuthModule). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, overrides: { clock?: Clock; auth?: AuthOverrides } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, overrides.clock),
        ...DOMAIN_MODULES,
        AlertsHttpModule,
        AuthModule.forRoot(config, overrides.auth),
      ],
    };
  }
}
