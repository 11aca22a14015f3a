import { DataSource } from 'typeorm';
import { freshDatabase, testEngines } from '../../../test/test-database';
import { createDataSource, MIGRATIONS } from '../data-source.factory';
import { parseDatabaseUrl } from '../database-url.util';
import { CrmVersions1765200000000 } from './1765200000000-crm-versions';

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

type Row = Record<string, unknown>;
const plain = (rows: Row[]) =>
  rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [
        key,
        typeof value === 'boolean' ? String(Number(value)) : value === null ? null : String(value),
      ]),
    ),
  );

describe.each(testEngines())(`${CrmVersions1765200000000.name} on %s`, (engine) => {
  it('makes every existing user, opportunity, record and field value a first version, losing nothing', async () => {
    const fresh = await freshDatabase(engine);
    try {
      const old = migratedBefore(fresh.url, CrmVersions1765200000000.name);
      await old.initialize();
      await old.runMigrations();
      await old.query("INSERT INTO connections (id, name, kind, created_at) VALUES (1, 'crm', 'csv', 1000), (2, 'hr', 'csv', 2000)");
      // connection 1 last ran at 5000; connection 2 never ran (observed when it was created, 2000)
      await old.query(
        "INSERT INTO sync_runs (connection_id, trigger, status, started_at) VALUES (1, 'manual', 'succeeded', 3000), (1, 'manual', 'succeeded', 5000)",
      );
      await old.query("INSERT INTO departments (id, name, created_at) VALUES (1, 'East', 0)");
      await old.query(`INSERT INTO crm_users (connection_id, external_id, name, email, department_id, active, licensed, integration, created_at)
        VALUES (1, 'u1', 'Ann', 'ann@example.com', 1, TRUE, TRUE, FALSE, 100), (2, 'u1', 'Hal', NULL, 1, FALSE, TRUE, FALSE, NULL)`);
      await old.query(`INSERT INTO opportunities (connection_id, external_id, owner_external_id, stage, amount, is_closed, is_won, created_at,
          close_date, last_activity_at, last_modified_at, deleted)
        VALUES (1, 'o1', 'u1', 'Won', 10.5, TRUE, TRUE, 100, '2026-03-01', 200, 4000, FALSE),
               (1, 'o2', 'u1', NULL, NULL, FALSE, FALSE, NULL, NULL, NULL, NULL, TRUE)`);
      await old.query(`INSERT INTO records (connection_id, object_type, external_id, owner_external_id, created_at, last_modified_at, deleted)
        VALUES (1, 'account', 'a1', 'u1', 100, 9000, FALSE)`);
      await old.query(`INSERT INTO record_fields (connection_id, object_type, record_external_id, field, value, filled)
        VALUES (1, 'account', 'a1', 'phone', '123', TRUE), (1, 'account', 'a1', 'website', '', FALSE)`);
      await old.destroy();

      const current = createDataSource(parseDatabaseUrl(fresh.url));
      await current.initialize();
      try {
        await current.runMigrations();
        // users: valid from the connection's latest run (5000), or its creation (2000)
        expect(
          plain(
            await current.query(
              'SELECT connection_id, external_id, valid_from, name, email, active, created_at FROM crm_user_versions ORDER BY connection_id',
            ),
          ),
        ).toEqual([
          {
            connection_id: '1',
            external_id: 'u1',
            valid_from: '5000',
            name: 'Ann',
            email: 'ann@example.com',
            active: '1',
            created_at: '100',
          },
          { connection_id: '2', external_id: 'u1', valid_from: '2000', name: 'Hal', email: null, active: '0', created_at: null },
        ]);
        // opportunities: from their last modification (4000) when it is before the observation, else the observation
        expect(
          plain(
            await current.query(
              'SELECT external_id, valid_from, stage, amount, is_closed, close_date, last_modified_at, deleted FROM opportunity_versions ORDER BY external_id',
            ),
          ),
        ).toEqual([
          {
            external_id: 'o1',
            valid_from: '4000',
            stage: 'Won',
            amount: '10.5',
            is_closed: '1',
            close_date: '2026-03-01',
            last_modified_at: '4000',
            deleted: '0',
          },
          {
            external_id: 'o2',
            valid_from: '5000',
            stage: null,
            amount: null,
            is_closed: '0',
            close_date: null,
            last_modified_at: null,
            deleted: '1',
          },
        ]);
        // a record modified "after" its connection was last observed is taken as of the observation
        expect(plain(await current.query('SELECT external_id, valid_from, owner_external_id FROM record_versions'))).toEqual([
          { external_id: 'a1', valid_from: '5000', owner_external_id: 'u1' },
        ]);
        expect(
          plain(
            await current.query('SELECT record_external_id, valid_from, field, value, filled FROM record_field_versions ORDER BY field'),
          ),
        ).toEqual([
          { record_external_id: 'a1', valid_from: '5000', field: 'phone', value: '123', filled: '1' },
          { record_external_id: 'a1', valid_from: '5000', field: 'website', value: '', filled: '0' },
        ]);
      } finally {
        await current.destroy();
      }
    } finally {
      await fresh.dispose();
    }
  });
});
