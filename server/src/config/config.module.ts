import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { APP_CONFIG } from './app-config.token';
import type { AppConfig } from './app.config';

/**
 * The validated configuration (APP_CONFIG) and the Clock, given once by whoever boots the modules
 * (AppModule for `uptake serve`, CliModule for the other commands, tests with a fixed clock).
 * Global like Nest's own ConfigModule: these two values are read by nearly every domain and hold
 * no domain's services; everything else is imported from the module that owns it.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, clock: Clock = new Clock()): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
