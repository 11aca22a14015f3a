import { Client } from 'pg';
import { MIGRATIONS } from './data-source.factory';
import { Database, isReadOnly } from './database.service';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';

describe(Database.name, () => {
  it('sends reads to the read connections and every write, also a WITH ... UPDATE, to the writer', () => {
    expect(isReadOnly('SELECT * FROM login_events')).toBe(true);
    expect(isReadOnly('  with d AS (SELECT 1 AS x) SELECT x FROM d')).toBe(true);
    expect(isReadOnly('SELECT updated_at FROM records')).toBe(true);
    expect(
      isReadOnly('WITH d AS (SELECT id FROM departments) UPDATE crm_users SET active = FALSE WHERE department_id IN (SELECT id FROM d)'),
    ).toBe(false);
    expect(isReadOnly('WITH d AS (SELECT 1 AS x) INSERT INTO departments (name, created_at) SELECT x, 0 FROM d')).toBe(false);
    expect(isReadOnly('WITH gone AS (SELECT id FROM sessions) DELETE FROM sessions WHERE id IN (SELECT id FROM gone)')).toBe(false);
    expect(isReadOnly('INSERT INTO login_events (a) VALUES (1)')).toBe(false);
  });

  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await openTestDatabase(engine);
    });
    afterEach(async () => {
      await database.dispose();
    });

    it('counts the changes this process notes per change counter, those of a transaction once it ends', async () => {
      const { db } = database;
      await db.query("INSERT INTO departments (name, created_at) VALUES ('Sales', 0)");
      db.changed(['crm_data']);
      let inside = -1;
      await db.transaction(async (tx) => {
        await tx.query("UPDATE departments SET created_at = 1 WHERE name = 'Sales'");
        await tx.insertMany('departments', ['name', 'created_at'], [['Support', 0]]);
        tx.changed(['crm_data', 'plan']);
        inside = db.changesOf(['crm_data']);
      });
      expect(inside).toBe(1); // not counted before the commit
      expect(db.changesOf(['crm_data'])).toBe(2);
      expect(db.changesOf(['plan'])).toBe(1);
      expect(db.changesOf(['snapshots'])).toBe(0);
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
