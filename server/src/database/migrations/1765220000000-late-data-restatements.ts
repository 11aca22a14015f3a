import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Late data (DESIGN.md "History", "Late data"):
 * - `snapshot_dirty_days`: stored snapshot days that a write of data they read has made out of
 *   date, one row per day, with the cause of the latest mark and a generation that every new mark
 *   of the day raises (a recomputation clears the mark only if no newer one came meanwhile), and
 *   whether only logins changed it (then only the login metrics are recomputed);
 * - `metric_restatements`: every change of a stored snapshot value, with the old and new value,
 *   when and why (no number changes silently).
 * Every day already stored is marked (cause `snapshot`, ref `upgrade`): it was stored before late
 * data reached snapshots, so the syncs after the upgrade recompute it (a capped number of days per
 * run) and log any value that was out of date as a restatement; until then it is computed, not read.
 */
export class LateDataRestatements1765220000000 implements MigrationInterface {
  name = 'LateDataRestatements1765220000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'snapshot_dirty_days',
        columns: [
          { name: 'day', type: 'varchar', length: '10', isPrimary: true },
          { name: 'generation', type: 'bigint', default: 1 },
          // 'logins': only logins changed it (only the login metrics need recomputing); 'all': anything else
          { name: 'scope', type: 'varchar', length: '20', default: "'all'" },
          { name: 'cause', type: 'varchar', length: '20' },
          { name: 'cause_ref', type: 'varchar', length: '100', isNullable: true },
          { name: 'marked_at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metric_restatements',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'day', type: 'varchar', length: '10' },
          { name: 'department', type: 'varchar', length: '200' },
          { name: 'metric', type: 'varchar', length: '50' },
          { name: 'old_value', type: 'double precision', isNullable: true },
          { name: 'new_value', type: 'double precision', isNullable: true },
          { name: 'restated_at', type: 'bigint' },
          { name: 'cause', type: 'varchar', length: '20' },
          { name: 'cause_ref', type: 'varchar', length: '100', isNullable: true },
        ],
        indices: [{ columnNames: ['department', 'day'] }, { columnNames: ['day'] }],
      }),
    );
    await queryRunner.query(
      `INSERT INTO snapshot_dirty_days (day, generation, scope, cause, cause_ref, marked_at)
       SELECT DISTINCT day, 1, 'all', 'snapshot', 'upgrade', ${Date.now()} FROM metric_snapshots WHERE department = '*'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('metric_restatements');
    await queryRunner.dropTable('snapshot_dirty_days');
  }
}
