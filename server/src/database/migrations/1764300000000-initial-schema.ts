import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
const connectionId: TableColumnOptions = { name: 'connection_id', type: 'integer' };
const externalId = (name = 'external_id'): TableColumnOptions => ({ name, type: 'varchar', length: '255' });
const instant = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
const flag = (name: string, fallback: boolean): TableColumnOptions => ({ name, type: 'boolean', default: fallback ? 'TRUE' : 'FALSE' });
const connectionFk = {
  columnNames: ['connection_id'],
  referencedTableName: 'connections',
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
};

/**
 * The whole schema. Instants are epoch milliseconds (bigint) so that window arithmetic is plain
 * integer comparison on SQLite and PostgreSQL alike; calendar dates (close dates, plan dates,
 * snapshot days) are YYYY-MM-DD text.
 */
export class InitialSchema1764300000000 implements MigrationInterface {
  name = 'InitialSchema1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'departments',
        columns: [id, { name: 'name', type: 'varchar', length: '200', isUnique: true }, instant('created_at', false)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'connections',
        columns: [
          id,
          { name: 'name', type: 'varchar', length: '100', isUnique: true },
          { name: 'kind', type: 'varchar', length: '30' },
          { name: 'options', type: 'text', default: "'{}'" },
          { name: 'schedule', type: 'varchar', length: '100', default: "'0 * * * *'" },
          flag('enabled', true),
          instant('created_at', false),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sync_runs',
        columns: [
          id,
          connectionId,
          { name: 'trigger', type: 'varchar', length: '20' },
          { name: 'status', type: 'varchar', length: '20' },
          instant('started_at', false),
          instant('finished_at'),
          { name: 'counts', type: 'text', default: "'{}'" },
          { name: 'error', type: 'text', isNullable: true },
        ],
        foreignKeys: [connectionFk],
        indices: [{ columnNames: ['connection_id', 'started_at'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sync_watermarks',
        columns: [
          { ...connectionId, isPrimary: true },
          { name: 'entity', type: 'varchar', length: '100', isPrimary: true },
          instant('watermark', false),
          instant('updated_at', false),
        ],
        foreignKeys: [connectionFk],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sync_leases',
        columns: [
          { ...connectionId, isPrimary: true },
          { name: 'holder', type: 'varchar', length: '200' },
          { name: 'run_id', type: 'integer', isNullable: true },
          instant('expires_at', false),
        ],
        foreignKeys: [connectionFk],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'crm_users',
        columns: [
          id,
          connectionId,
          externalId(),
          { name: 'name', type: 'varchar', length: '255', isNullable: true },
          { name: 'email', type: 'varchar', length: '255', isNullable: true },
          { name: 'department_id', type: 'integer', isNullable: true },
          { name: 'role', type: 'varchar', length: '255', isNullable: true },
          { ...externalId('manager_external_id'), isNullable: true },
          flag('active', true),
          flag('licensed', true),
          flag('integration', false),
          instant('created_at'),
        ],
        foreignKeys: [connectionFk, { columnNames: ['department_id'], referencedTableName: 'departments', referencedColumnNames: ['id'] }],
        uniques: [{ columnNames: ['connection_id', 'external_id'] }],
        indices: [{ columnNames: ['department_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'login_events',
        columns: [
          id,
          connectionId,
          externalId(),
          externalId('user_external_id'),
          instant('login_at', false),
          { name: 'success', type: 'boolean' },
          { name: 'channel', type: 'varchar', length: '10', default: "'web'" },
        ],
        foreignKeys: [connectionFk],
        uniques: [{ columnNames: ['connection_id', 'external_id'] }],
        indices: [{ columnNames: ['login_at'] }, { columnNames: ['connection_id', 'user_external_id', 'login_at'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'opportunities',
        columns: [
          id,
          connectionId,
          externalId(),
          { ...externalId('owner_external_id'), isNullable: true },
          { name: 'stage', type: 'varchar', length: '255', isNullable: true },
          { name: 'amount', type: 'double precision', isNullable: true },
          flag('is_closed', false),
          flag('is_won', false),
          instant('created_at'),
          { name: 'close_date', type: 'varchar', length: '10', isNullable: true },
          instant('last_activity_at'),
          instant('last_modified_at'),
          flag('deleted', false),
        ],
        foreignKeys: [connectionFk],
        uniques: [{ columnNames: ['connection_id', 'external_id'] }],
        indices: [{ columnNames: ['connection_id', 'owner_external_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'records',
        columns: [
          id,
          connectionId,
          { name: 'object_type', type: 'varchar', length: '100' },
          externalId(),
          { ...externalId('owner_external_id'), isNullable: true },
          instant('created_at'),
          instant('last_modified_at'),
          flag('deleted', false),
        ],
        foreignKeys: [connectionFk],
        uniques: [{ columnNames: ['connection_id', 'object_type', 'external_id'] }],
        indices: [{ columnNames: ['connection_id', 'owner_external_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'record_fields',
        columns: [
          { ...connectionId, isPrimary: true },
          { name: 'object_type', type: 'varchar', length: '100', isPrimary: true },
          { ...externalId('record_external_id'), isPrimary: true },
          { name: 'field', type: 'varchar', length: '200', isPrimary: true },
          { name: 'value', type: 'text', isNullable: true },
          { name: 'filled', type: 'boolean' },
        ],
        foreignKeys: [connectionFk],
        indices: [{ columnNames: ['object_type', 'field'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'training_assignments',
        columns: [
          id,
          connectionId,
          externalId('user_external_id'),
          { name: 'course', type: 'varchar', length: '200' },
          flag('required', false),
          instant('completed_at'),
        ],
        foreignKeys: [connectionFk],
        uniques: [{ columnNames: ['connection_id', 'user_external_id', 'course'] }],
        indices: [{ columnNames: ['course', 'required'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'plan_versions',
        columns: [
          id,
          { name: 'version', type: 'integer', isUnique: true },
          instant('created_at', false),
          { name: 'created_by', type: 'varchar', length: '200' },
          { name: 'source', type: 'varchar', length: '500', isNullable: true },
          { name: 'launch_date', type: 'varchar', length: '10' },
          { name: 'timezone', type: 'varchar', length: '64' },
          { name: 'document', type: 'text' },
        ],
      }),
    );
    const planFk = {
      columnNames: ['plan_version_id'],
      referencedTableName: 'plan_versions',
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    };
    await queryRunner.createTable(
      new Table({
        name: 'plan_goals',
        columns: [
          id,
          { name: 'plan_version_id', type: 'integer' },
          { name: 'department', type: 'varchar', length: '200' },
          { name: 'metric', type: 'varchar', length: '50' },
          { name: 'target', type: 'double precision' },
          { name: 'target_date', type: 'varchar', length: '10' },
          { name: 'baseline', type: 'double precision', isNullable: true },
        ],
        foreignKeys: [planFk],
        indices: [{ columnNames: ['plan_version_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'plan_required_fields',
        columns: [
          { name: 'plan_version_id', type: 'integer', isPrimary: true },
          { name: 'object_type', type: 'varchar', length: '100', isPrimary: true },
          { name: 'field', type: 'varchar', length: '200', isPrimary: true },
        ],
        foreignKeys: [planFk],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'plan_departments',
        columns: [
          { name: 'plan_version_id', type: 'integer', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200', isPrimary: true },
          { name: 'seats', type: 'integer' },
          { name: 'licence_cost_per_seat_month', type: 'double precision' },
        ],
        foreignKeys: [planFk],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'metric_snapshots',
        columns: [
          { name: 'day', type: 'varchar', length: '10', isPrimary: true },
          { name: 'department', type: 'varchar', length: '200', isPrimary: true },
          { name: 'metric', type: 'varchar', length: '50', isPrimary: true },
          { name: 'value', type: 'double precision', isNullable: true },
          { name: 'seat_holders', type: 'integer' },
          instant('computed_at', false),
        ],
      }),
    );
    await queryRunner.createIndex('metric_snapshots', new TableIndex({ columnNames: ['department', 'day'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'metric_snapshots',
      'plan_departments',
      'plan_required_fields',
      'plan_goals',
      'plan_versions',
      'training_assignments',
      'record_fields',
      'records',
      'opportunities',
      'login_events',
      'crm_users',
      'sync_leases',
      'sync_watermarks',
      'sync_runs',
      'connections',
      'departments',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
