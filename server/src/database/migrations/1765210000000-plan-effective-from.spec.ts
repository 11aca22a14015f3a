import { DataSource } from 'typeorm';
import { freshDatabase, testEngines } from '../../../test/test-database';
import { createDataSource, MIGRATIONS } from '../data-source.factory';
import { parseDatabaseUrl } from '../database-url.util';
import { PlanEffectiveFrom1765210000000 } from './1765210000000-plan-effective-from';

/** The data source of `url`, with the migrations up to (without) `before` only. */
function migratedBefore(url: string, before: string): DataSource {
  const source = createDataSource(parseDatabaseUrl(url));
  source.setOptions({
    migrations: MIGRATIONS.slice(
      0,
      MIGRATIONS.findIndex((migration) => migration.name === before),
    ),
  });
  return source;
}

describe.each(testEngines())(`${PlanEffectiveFrom1765210000000.name} on %s`, (engine) => {
  it('makes every existing plan version effective from the day it was applied, in its time zone', async () => {
    const fresh = await freshDatabase(engine);
    try {
      const old = migratedBefore(fresh.url, PlanEffectiveFrom1765210000000.name);
      await old.initialize();
      await old.runMigrations();
      // 2026-03-01 23:30 UTC is already 2 March in Tokyo (UTC+9); 2026-03-05 10:00 UTC is 5 March in UTC
      const insert = (version: number, createdAt: string, timezone: string) =>
        old.query(
          `INSERT INTO plan_versions (version, created_at, created_by, source, launch_date, timezone, document)
           VALUES (${version}, ${Date.parse(createdAt)}, 'admin', NULL, '2026-01-15', '${timezone}', '{}')`,
        );
      await insert(1, '2026-03-01T23:30:00Z', 'Asia/Tokyo');
      await insert(2, '2026-03-05T10:00:00Z', 'UTC');
      await old.destroy();

      const current = createDataSource(parseDatabaseUrl(fresh.url));
      await current.initialize();
      try {
        await current.runMigrations();
        const rows = (await current.query('SELECT version, effective_from, created_by FROM plan_versions ORDER BY version')) as Array<{
          version: number | string;
          effective_from: string;
          created_by: string;
        }>;
        expect(rows.map((row) => [Number(row.version), row.effective_from, row.created_by])).toEqual([
          [1, '2026-03-02', 'admin'],
          [2, '2026-03-05', 'admin'],
        ]);
      } finally {
        await current.destroy();
      }
    } finally {
      await fresh.dispose();
    }
  });
});
