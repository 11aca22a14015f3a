import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Several replicas on one database: `sync_ticks` records which replica claimed each scheduled tick
 * of a connection (one row per tick, so a tick runs once however many replicas fire it), and
 * `change_counters` counts the changes syncs made to the CRM data, so that a replica can tell its
 * cached metrics are out of date when another replica synced.
 */
export class SyncTicksAndChangeCounters1764500000000 implements MigrationInterface {
  name = 'SyncTicksAndChangeCounters1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'sync_ticks',
        columns: [
          { name: 'connection_id', type: 'integer', isPrimary: true },
          { name: 'tick_at', type: 'bigint', isPrimary: true },
          { name: 'holder', type: 'varchar', length: '200' },
          { name: 'claimed_at', type: 'bigint' },
          { name: 'run_id', type: 'integer', isNullable: true },
        ],
        foreignKeys: [
          { columnNames: ['connection_id'], referencedTableName: 'connections', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'change_counters',
        columns: [
          { name: 'name', type: 'varchar', length: '50', isPrimary: true },
          { name: 'value', type: 'bigint', default: 0 },
        ],
      }),
    );
    await queryRunner.query("INSERT INTO change_counters (name, value) VALUES ('crm_data', 0)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('change_counters');
    await queryRunner.dropTable('sync_ticks');
  }
}
