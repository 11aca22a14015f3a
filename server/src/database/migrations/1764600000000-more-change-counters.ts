import { MigrationInterface, QueryRunner } from 'typeorm';

const EVENTS = ['INSERT', 'UPDATE', 'DELETE'];
/** The counters bumped by triggers, and the tables whose every write bumps them. */
const TRIGGER_COUNTED: Record<string, string[]> = {
  sync_state: ['connections', 'sync_runs'],
  access: ['accounts', 'account_departments', 'api_tokens'],
};

/**
 * More change counters, so that each replica can tell which of its cached answers another
 * process made out of date:
 * - `snapshots`, bumped by every write of daily snapshots in its transaction (written in bulk, in
 *   one place: SnapshotRepository);
 * - `sync_state` (connections and their sync runs) and `access` (accounts, their departments, API
 *   tokens), bumped by triggers on every write to their tables: a few rows written from many
 *   places, where a trigger cannot be forgotten by a new one.
 */
export class MoreChangeCounters1764600000000 implements MigrationInterface {
  name = 'MoreChangeCounters1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("INSERT INTO change_counters (name, value) VALUES ('snapshots', 0), ('sync_state', 0), ('access', 0)");
    const postgres = queryRunner.connection.options.type === 'postgres';
    for (const [counter, tables] of Object.entries(TRIGGER_COUNTED)) {
      const bump = `UPDATE change_counters SET value = value + 1 WHERE name = '${counter}'`;
      if (postgres)
        await queryRunner.query(
          `CREATE FUNCTION uptake_count_${counter}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${bump}; RETURN NULL; END $$`,
        );
      for (const table of tables) {
        if (postgres) {
          await queryRunner.query(
            `CREATE TRIGGER ${table}_count_${counter} AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION uptake_count_${counter}()`,
          );
        } else {
          for (const event of EVENTS)
            await queryRunner.query(
              `CREATE TRIGGER ${table}_count_${counter}_${event.toLowerCase()} AFTER ${event} ON ${table} BEGIN ${bump}; END`,
            );
        }
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    for (const [counter, tables] of Object.entries(TRIGGER_COUNTED)) {
      for (const table of tables) {
        if (postgres) await queryRunner.query(`DROP TRIGGER ${table}_count_${counter} ON ${table}`);
        else for (const event of EVENTS) await queryRunner.query(`DROP TRIGGER ${table}_count_${counter}_${event.toLowerCase()}`);
      }
      if (postgres) await queryRunner.query(`DROP FUNCTION uptake_count_${counter}()`);
    }
    await queryRunner.query("DELETE FROM change_counters WHERE name IN ('snapshots', 'sync_state', 'access')");
  }
}
