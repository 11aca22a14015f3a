import { Logger } from '@nestjs/common';
import { FirstAdminBootstrap } from './auth/first-admin.bootstrap';
import { DemoSeedService } from './bootstrap/demo-seed.service';
import { exitCodeOf } from './common/error-codes';
import { loadConfig } from './config/app.config';
import { redactDatabaseUrl } from './database/database-url.util';
import { createHttpApp } from './http-app.factory';

/** `npm start`: serve the API and dashboard; on an empty database, seed the demo CRM first. */
export async function serve(overrides: Partial<ReturnType<typeof loadConfig>> = {}): Promise<void> {
  const config = loadConfig(process.env, overrides);
  const logger = new Logger('Uptake');
  logger.log(`database ${redactDatabaseUrl(config.databaseUrl)}`);
  const app = await createHttpApp(config);
  const firstAdmin = app.get(FirstAdminBootstrap);
  firstAdmin.deferAnnouncement();
  if (config.demo) {
    let lastReported = -1;
    await app.get(DemoSeedService).seedIfEmpty({
      onBackfillProgress: (done, total) => {
        const percent = Math.floor((done / total) * 10) * 10;
        if (percent !== lastReported) logger.log(`backfilling daily snapshots: ${done}/${total} days`);
        lastReported = percent;
      },
    });
  }
  await app.listen(config.port, config.host);
  const url = `http://localhost:${config.port}/`;
  logger.log(`Uptake is ready: dashboard ${url}  API ${url}api  docs ${url}api/docs`);
  firstAdmin.announce();
}

if (require.main === module) {
  serve().catch((error: Error) => {
    // eslint-disable-next-line no-console
    console.error(`uptake: ${error.message}`);
    process.exit(exitCodeOf(error));
  });
}
