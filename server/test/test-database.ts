import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Database } from '../src/database/database.service';

export type TestEngine = 'sqlite' | 'postgres';

/**
 * Engines the database-level tests run on: SQLite always; PostgreSQL when UPTAKE_TEST_PG names a
 * server database (e.g. postgres://postgres@127.0.0.1:5432/test). Use with `describe.each`.
 */
export function testEngines(): TestEngine[] {
  return process.env.UPTAKE_TEST_PG ? ['sqlite', 'postgres'] : ['sqlite'];
}

let announced = false;
function announceSkip(): void {
  if (announced || process.env.UPTAKE_TEST_PG) return;
  announced = true;
  // eslint-disable-next-line no-console
  console.info('PostgreSQL tests skipped: set UPTAKE_TEST_PG=postgres://postgres@127.0.0.1:5432/test to run them.');
}

export interface TestDatabase {
  db: Database;
  url: string;
  /** Closes the database and removes its file or drops its PostgreSQL database. */
  dispose(): Promise<void>;
}

export interface FreshDatabase {
  url: string;
  /** Folder of the SQLite file (and its key file); null on PostgreSQL. */
  dir: string | null;
  /** Removes the SQLite folder or drops the PostgreSQL database. */
  dispose(): Promise<void>;
}

/** An empty, unmigrated database: a SQLite file in a temporary folder, or a new PostgreSQL database (UPTAKE_TEST_PG). */
export async function freshDatabase(engine: TestEngine): Promise<FreshDatabase> {
  announceSkip();
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'uptake-test-'));
    return { url: `sqlite:${join(dir, 'test.sqlite')}`, dir, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const adminUrl = process.env.UPTAKE_TEST_PG;
  if (!adminUrl) throw new Error('UPTAKE_TEST_PG is not set');
  const name = `uptake_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
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

/** A fresh, migrated database of its own: a temporary SQLite file, or a new PostgreSQL database. */
export async function openTestDatabase(engine: TestEngine = 'sqlite'): Promise<TestDatabase> {
  const fresh = await freshDatabase(engine);
  const db = await Database.open(fresh.url);
  return {
    db,
    url: fresh.url,
    dispose: async () => {
      await db.close();
      await fresh.dispose();
    },
  };
}
