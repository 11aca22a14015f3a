import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DESIGN.md "History": users, opportunities and records (with their field values) are kept as
 * versions, each valid from an instant, so that any past day reads the version in force then.
 * One table per family keyed (connection, [object type,] external id, valid_from); on SQLite they
 * are WITHOUT ROWID, so the rows are stored in key order (the window functions and the "version in
 * force" look-ups read them in that order) and the key is not stored twice. The tables of today's
 * copy (crm_users, opportunities, records, record_fields) stay: they are the last version written,
 * which a sync compares an incoming row with to tell whether it changed.
 *
 * Existing rows become first versions, valid from their last modification where known, else from
 * the last time their connection was observed (its latest run, else its creation); the first
 * version of a thing stands in for the days before it, so every past day reads as it did before.
 */
export class CrmVersions1765200000000 implements MigrationInterface {
  name = 'CrmVersions1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const withoutRowid = postgres ? '' : ' WITHOUT ROWID';
    const connection = 'connection_id integer NOT NULL REFERENCES connections (id) ON DELETE CASCADE';
    const flag = (name: string, fallback: boolean) => `${name} boolean NOT NULL DEFAULT ${fallback ? 'TRUE' : 'FALSE'}`;
    await queryRunner.query(`CREATE TABLE crm_user_versions (
      ${connection},
      external_id varchar(255) NOT NULL,
      valid_from bigint NOT NULL,
      name varchar(255) NULL,
      email varchar(255) NULL,
      department_id integer NULL REFERENCES departments (id),
      role varchar(255) NULL,
      manager_external_id varchar(255) NULL,
      ${flag('active', true)},
      ${flag('licensed', true)},
      ${flag('integration', false)},
      created_at bigint NULL,
      PRIMARY KEY (connection_id, external_id, valid_from)
    )${withoutRowid}`);
    await queryRunner.query(`CREATE TABLE opportunity_versions (
      ${connection},
      external_id varchar(255) NOT NULL,
      valid_from bigint NOT NULL,
      owner_external_id varchar(255) NULL,
      stage varchar(255) NULL,
      amount double precision NULL,
      ${flag('is_closed', false)},
      ${flag('is_won', false)},
      created_at bigint NULL,
      close_date varchar(10) NULL,
      last_activity_at bigint NULL,
      last_modified_at bigint NULL,
      ${flag('deleted', false)},
      PRIMARY KEY (connection_id, external_id, valid_from)
    )${withoutRowid}`);
    await queryRunner.query(`CREATE TABLE record_versions (
      ${connection},
      object_type varchar(100) NOT NULL,
      external_id varchar(255) NOT NULL,
      valid_from bigint NOT NULL,
      owner_external_id varchar(255) NULL,
      created_at bigint NULL,
      last_modified_at bigint NULL,
      ${flag('deleted', false)},
      PRIMARY KEY (connection_id, object_type, external_id, valid_from)
    )${withoutRowid}`);
    await queryRunner.query(`CREATE TABLE record_field_versions (
      ${connection},
      object_type varchar(100) NOT NULL,
      record_external_id varchar(255) NOT NULL,
      valid_from bigint NOT NULL,
      field varchar(200) NOT NULL,
      value text NULL,
      filled boolean NOT NULL,
      PRIMARY KEY (connection_id, object_type, record_external_id, valid_from, field)
    )${withoutRowid}`);

    // the instant each connection was last observed: its latest run's start, else its creation
    const observed = (alias: string) =>
      `COALESCE((SELECT MAX(r.started_at) FROM sync_runs r WHERE r.connection_id = ${alias}.connection_id),
                (SELECT c.created_at FROM connections c WHERE c.id = ${alias}.connection_id))`;
    const modifiedOrObserved = (alias: string) =>
      `CASE WHEN ${alias}.last_modified_at IS NOT NULL AND ${alias}.last_modified_at < ${observed(alias)}
            THEN ${alias}.last_modified_at ELSE ${observed(alias)} END`;
    await queryRunner.query(`INSERT INTO crm_user_versions (connection_id, external_id, valid_from, name, email, department_id, role,
        manager_external_id, active, licensed, integration, created_at)
      SELECT u.connection_id, u.external_id, ${observed('u')}, u.name, u.email, u.department_id, u.role,
        u.manager_external_id, u.active, u.licensed, u.integration, u.created_at
      FROM crm_users u`);
    await queryRunner.query(`INSERT INTO opportunity_versions (connection_id, external_id, valid_from, owner_external_id, stage, amount,
        is_closed, is_won, created_at, close_date, last_activity_at, last_modified_at, deleted)
      SELECT o.connection_id, o.external_id, ${modifiedOrObserved('o')}, o.owner_external_id, o.stage, o.amount,
        o.is_closed, o.is_won, o.created_at, o.close_date, o.last_activity_at, o.last_modified_at, o.deleted
      FROM opportunities o`);
    await queryRunner.query(`INSERT INTO record_versions (connection_id, object_type, external_id, valid_from, owner_external_id,
        created_at, last_modified_at, deleted)
      SELECT r.connection_id, r.object_type, r.external_id, ${modifiedOrObserved('r')}, r.owner_external_id,
        r.created_at, r.last_modified_at, r.deleted
      FROM records r`);
    await queryRunner.query(`INSERT INTO record_field_versions (connection_id, object_type, record_external_id, valid_from, field, value, filled)
      SELECT f.connection_id, f.object_type, f.record_external_id, v.valid_from, f.field, f.value, f.filled
      FROM record_fields f
      JOIN record_versions v ON v.connection_id = f.connection_id AND v.object_type = f.object_type AND v.external_id = f.record_external_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['record_field_versions', 'record_versions', 'opportunity_versions', 'crm_user_versions']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
