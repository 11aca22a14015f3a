import { DataSource } from 'typeorm';
import { freshDatabase, testEngines } from '../../../test/test-database';
import { createDataSource, MIGRATIONS } from '../data-source.factory';
import { parseDatabaseUrl } from '../database-url.util';
import { LateDataRestatements1765220000000 } from './1765220000000-late-data-restatements';

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

describe.each(testEngines())(`${LateDataRestatements1765220000000.name} on %s`, (engine) => {
  it('keeps the stored snapshots and marks each stored day for recomputation after the upgrade, with an empty restatement log', async () => {
    const fresh = await freshDatabase(engine);
    try {
      const old = migratedBefore(fresh.url, LateDataRestatements1765220000000.name);
      await old.initialize();
      await old.runMigrations();
      for (const [day, department] of [
        ['2026-03-01', '*'],
        ['2026-03-01', 'Sales'],
        ['2026-03-02', '*'],
        ['2026-03-02', 'Sales'],
      ]) {
        await old.query(
          `INSERT INTO metric_snapshots (day, department, metric, value, seat_holders, computed_at) VALUES ('${day}', '${department}', 'active_users', 0.5, 4, 1000)`,
        );
      }
      await old.destroy();

      const current = createDataSource(parseDatabaseUrl(fresh.url));
      await current.initialize();
      try {
        await current.runMigrations();
        expect(Number(((await current.query('SELECT COUNT(*) AS n FROM metric_snapshots')) as Array<{ n: string | number }>)[0].n)).toBe(4);
        const marks = (await current.query(
          'SELECT day, generation, scope, cause, cause_ref FROM snapshot_dirty_days ORDER BY day',
        )) as Array<Record<string, unknown>>;
        expect(marks.map((mark) => ({ ...mark, generation: Number(mark.generation) }))).toEqual([
          { day: '2026-03-01', generation: 1, scope: 'all', cause: 'snapshot', cause_ref: 'upgrade' },
          { day: '2026-03-02', generation: 1, scope: 'all', cause: 'snapshot', cause_ref: 'upgrade' },
        ]);
        expect(await current.query('SELECT * FROM metric_restatements')).toEqual([]);
      } finally {
        await current.destroy();
      }
    } finally {
      await fresh.dispose();
    }
  });
});
