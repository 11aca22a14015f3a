import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * `activities`: the work users log in the CRM (calls, emails, meetings, tasks, notes), one row per
 * activity of a connection, upserted by (connection, external id). A deletion in the CRM sets
 * `deleted`; the row is kept. The metrics `active_contributors` and `activities_per_user` read it,
 * and an activity related to an opportunity is a touch of that opportunity (stale rule).
 */
export class Activities1765240000000 implements MigrationInterface {
  name = 'Activities1765240000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'activities',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'connection_id', type: 'integer' },
          { name: 'external_id', type: 'varchar', length: '255' },
          { name: 'owner_external_id', type: 'varchar', length: '255' },
          { name: 'type', type: 'varchar', length: '50' },
          { name: 'occurred_at', type: 'bigint' },
          { name: 'related_external_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'created_at', type: 'bigint', isNullable: true },
          { name: 'deleted', type: 'boolean', default: 'FALSE' },
        ],
        foreignKeys: [
          { columnNames: ['connection_id'], referencedTableName: 'connections', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
        uniques: [{ columnNames: ['connection_id', 'external_id'] }],
        indices: [
          { columnNames: ['occurred_at'] },
          { columnNames: ['connection_id', 'owner_external_id', 'occurred_at'] },
          { columnNames: ['connection_id', 'related_external_id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('activities');
  }
}
