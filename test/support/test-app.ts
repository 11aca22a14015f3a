import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  type AuthOverrides,
  type Clock,
  loadConfig,
  type AppConfig,
  createHttpApp,
  freshDatabase,
  type FreshDatabase,
  type TestEngine,
} from '../../server/test/testing';

export { freshDatabase, testEngines, type FreshDatabase } from '../../server/test/testing';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  database: FreshDatabase;
  close(): Promise<void>;
}

/** The HTTP app on a fresh database, initialised (routes registered, first-start hooks run), no scheduler, no demo. */
export async function startApp(
  engine: TestEngine,
  options: { clock?: Clock; auth?: AuthOverrides; config?: Partial<AppConfig>; logger?: false } = {},
): Promise<TestApp> {
  const database = await freshDatabase(engine);
  const config = loadConfig({}, { databaseUrl: database.url, demo: false, scheduler: false, webDist: null, ...options.config });
  const app = await createHttpApp(config, { clock: options.clock, auth: options.auth, logger: options.logger ?? false });
  await app.init();
  return {
    app,
    config,
    database,
    close: async () => {
      await app.close();
      await database.dispose();
    },
  };
}
