import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Connections get a `priority` (DESIGN.md "a person is one human across connections": the user of
 * the connection with the highest priority is a person's primary user; NULL means the default of
 * its kind) and `removed_at`, the instant a connection was removed with its data kept (marked
 * deleted): it no longer syncs, and only purging deletes it. Plain ALTER TABLE on both engines, so
 * that SQLite does not rebuild the table that every CRM table references.
 */
export class ConnectionPriorityAndRemoval1764700000000 implements MigrationInterface {
  name = 'ConnectionPriorityAndRemoval1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE connections ADD COLUMN priority integer NULL');
    await queryRunner.query('ALTER TABLE connections ADD COLUMN removed_at bigint NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE connections DROP COLUMN removed_at');
    await queryRunner.query('ALTER TABLE connections DROP COLUMN priority');
  }
}
