import { Client } from 'pg';
import { MIGRATIONS } from './data-source.factory';
import { Database, writtenTable } from './database.service';
import { openTestDatabase, testEngines, type TestDatabase } from '../test-support/test-database';

describe(Database.name, () => {
  it('knows which table a statement writes', () => {
    expect(writtenTable('INSERT INTO login_events (a) VALUES (1)')).toBe('login_events');
    expect(writtenTable('  update "connections" SET x = 1')).toBe('connections');
    expect(writtenTable('DELETE FROM record_fields WHERE 1 = 1')).toBe('record_fields');
    expect(writtenTable('SELECT * FROM login_events')).toBeNull();
  });

  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await openTestDatabase(engine);
    });
    afterEach(async () => {
      await database.dispose();
    });

    it('counts the committed writes of this process per table', async () => {
      const { db } = database;
      await db.query("INSERT INTO departments (name, created_at) VALUES ('Sales', 0)");
      await db.transaction(async (tx) => {
        await tx.query("UPDATE departments SET created_at = 1 WHERE name = 'Sales'");
        await tx.insertMany('departments', ['name', 'created_at'], [['Support', 0]]);
      });
      // the insert, then one transaction that wrote departments
      expect(db.writesTo(['departments'])).toBe(2);
      expect(db.writesTo(['login_events'])).toBe(0);
      // reads, in turn on every read connection, see every committed write
      const counts = await Promise.all([1, 2, 3, 4].map(() => db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM departments')));
      expect(counts.map(([row]) => Number(row.n))).toEqual([2, 2, 2, 2]);
    });
  });

  (process.env.UPTAKE_TEST_PG ? it : it.skip)(
    'lets replicas starting together on an empty PostgreSQL database migrate it once',
    async () => {
      const admin = new Client({ connectionString: process.env.UPTAKE_TEST_PG });
      await admin.connect();
      const name = `uptake_migrate_${process.pid}_${Date.now()}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(process.env.UPTAKE_TEST_PG!);
      url.pathname = `/${name}`;
      try {
        const replicas = await Promise.all([Database.open(url.toString()), Database.open(url.toString()), Database.open(url.toString())]);
        const rows = await replicas[0].query<{ name: string }>('SELECT name FROM uptake_migrations ORDER BY id');
        expect(rows.map((row) => row.name)).toEqual(MIGRATIONS.map((migration) => migration.name));
        await Promise.all(replicas.map((replica) => replica.close()));
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    },
  );
});
