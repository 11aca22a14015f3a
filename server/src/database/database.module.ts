import { Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/app.config';
import { Database } from './database.service';

@Injectable()
class DatabaseCloser implements OnModuleDestroy {
  constructor(private readonly db: Database) {}

  async onModuleDestroy(): Promise<void> {
    await this.db.close();
  }
}

/** The one database of the process (DATABASE_URL), migrated on open and closed with the application. */
@Module({
  providers: [
    { provide: Database, useFactory: (config: AppConfig) => Database.open(config.databaseUrl), inject: [APP_CONFIG] },
    DatabaseCloser,
  ],
  exports: [Database],
})
export class DatabaseModule {}
