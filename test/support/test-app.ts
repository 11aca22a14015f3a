import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import type { AuthOverrides } from '../../server/src/auth/auth.config';
import type { Clock } from '../../server/src/common/clock';
import { loadConfig, type AppConfig } from '../../server/src/config/app.config';
import { createHttpApp } from '../../server/src/http-app.factory';
import type { TestEngine } from '../../server/src/test-support/test-database';

export { testEngines } from '../../server/src/test-support/test-database';

export interface FreshDatabase {
  url: string;
  /** Folder of the SQLite file (and its key file); null on PostgreSQL. */
  dir: string | null;
  dispose(): Promise<void>;
}

/** An empty database: a SQLite file in a temporary folder, or a new PostgreSQL database (UPTAKE_TEST_PG). */
export async function freshDatabase(engine: TestEngine): Promise<FreshDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'uptake-security-'));
    return { url: `sqlite:${join(dir, 'uptake.sqlite')}`, dir, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const adminUrl = process.env.UPTAKE_TEST_PG;
  if (!adminUrl) throw new Error('UPTAKE_TEST_PG is not set');
  const name = `uptake_sec_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dir: null,
    dispose: async () => {
      const cleanup = new Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  database: FreshDatabase;
  close(): Promise<void>;
}

/** The HTTP app on a fresh database, initialised (routes registered, first-start hooks run), no scheduler, no demo. */
export async function startApp(engine: TestEngine, options: { clock?: Clock; auth?: AuthOverrides; config?: Partial<AppConfig>; logger?: false } = {}): Promise<TestApp> {
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
