import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training rows may name a person by email instead of a user of their own connection (DESIGN.md
 * `training.csv` with `user_email`, and LMS connections such as Moodle, which hold no CRM users):
 * `user_email` holds the trimmed, lower-case address, and such a row's `user_external_id` is that
 * same address, so the unique key (connection, user, course) still holds one row per person and
 * course. Existing rows name users and keep a NULL email. Plain ALTER TABLE on both engines (no
 * SQLite table rebuild), plus an index for resolving the rows to people by email.
 */
export class TrainingByEmail1765260000000 implements MigrationInterface {
  name = 'TrainingByEmail1765260000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE training_assignments ADD COLUMN user_email varchar(255) NULL');
    await queryRunner.query('CREATE INDEX idx_training_assignments_user_email ON training_assignments (user_email)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX idx_training_assignments_user_email');
    await queryRunner.query('ALTER TABLE training_assignments DROP COLUMN user_email');
  }
}
