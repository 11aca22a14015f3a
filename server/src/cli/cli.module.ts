import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app.config';
import { ConfigModule } from '../config/config.module';
import { DOMAIN_MODULES } from '../domain.modules';

/**
 * What the command line boots: the same domain modules as the server, as an application context
 * (no HTTP server; the scheduler and the warm-up stay idle as `scheduler` is false).
 */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [ConfigModule.forRoot(config), ...DOMAIN_MODULES] };
  }
}
