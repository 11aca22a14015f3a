import { DataSource } from 'typeorm';
import { freshDatabase, testEngines } from '../../../test/test-database';
import { createDataSource, MIGRATIONS } from '../data-source.factory';
import { parseDatabaseUrl } from '../database-url.util';
import { TrainingByEmail1765260000000 } from './1765260000000-training-by-email';

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

describe.each(testEngines())(`${TrainingByEmail1765260000000.name} on %s`, (engine) => {
  it('keeps existing training rows (keyed by user, no email) and counts changes of them as before', async () => {
    const fresh = await freshDatabase(engine);
    try {
      const old = migratedBefore(fresh.url, TrainingByEmail1765260000000.name);
      await old.initialize();
      await old.runMigrations();
      await old.query("INSERT INTO connections (name, kind, created_at) VALUES ('crm', 'csv', 0)");
      const [{ id }] = (await old.query("SELECT id FROM connections WHERE name = 'crm'")) as Array<{ id: number }>;
      await old.query(
        `INSERT INTO training_assignments (connection_id, user_external_id, course, required, completed_at) VALUES (${id}, 'u1', 'Basics', TRUE, 1000)`,
      );
      await old.destroy();

      const current = createDataSource(parseDatabaseUrl(fresh.url));
      await current.initialize();
      try {
        await current.runMigrations();
        const rows = (await current.query('SELECT user_external_id, user_email, course FROM training_assignments')) as unknown[];
        expect(rows).toEqual([{ user_external_id: 'u1', user_email: null, course: 'Basics' }]);
        await current.query(
          `INSERT INTO training_assignments (connection_id, user_external_id, user_email, course, required) VALUES (${id}, 'ann@x.com', 'ann@x.com', 'Basics', TRUE)`,
        );
        expect(await current.query('SELECT COUNT(*) AS n FROM person_overrides')).toEqual([{ n: expect.anything() }]);
        expect(await current.query('SELECT COUNT(*) AS n FROM plan_required_courses')).toEqual([{ n: expect.anything() }]);
        await current.undoLastMigration();
        const back = (await current.query(
          'SELECT user_external_id, course FROM training_assignments ORDER BY user_external_id',
        )) as unknown[];
        expect(back).toEqual([
          { user_external_id: 'ann@x.com', course: 'Basics' },
          { user_external_id: 'u1', course: 'Basics' },
        ]);
      } finally {
        await current.destroy();
      }
    } finally {
      await fresh.dispose();
    }
  });
});
