import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * People across connections and training (DESIGN.md "a person is one human across connections",
 * `training.csv` with `user_email`, the plan's `training.required_courses`):
 * - training rows may name a person by email instead of a user of their own connection (a learning
 *   system such as Moodle holds no CRM users): `user_email` holds the trimmed, lower-case address,
 *   and such a row's `user_external_id` is that same address, so the unique key (connection, user,
 *   course) still holds one row per person and course. Existing rows name users and keep NULL.
 *   Plain ALTER TABLE on both engines (no SQLite table rebuild), plus an index for resolving rows
 *   to people by email;
 * - `plan_required_courses`: the courses a plan version requires per department (or `*`), beside
 *   `plan_required_fields`. Plans stored before have no training section: nothing to move;
 * - `person_overrides`: admins' merges (an email key joined to another person's key) and splits (a
 *   user taken out of its email's person), kept as versions: a change supersedes the row in force
 *   for the same subject (`superseded_at`), with who and when. Empty at first.
 */
export class TrainingByEmail1765260000000 implements MigrationInterface {
  name = 'TrainingByEmail1765260000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE training_assignments ADD COLUMN user_email varchar(255) NULL');
    await queryRunner.query('CREATE INDEX idx_training_assignments_user_email ON training_assignments (user_email)');
    await queryRunner.createTable(
      new Table({
        name: 'plan_required_courses',
        columns: [
          { name: 'plan_version_id', type: 'integer', isPrimary: true },
          { name: 'department', type: 'varchar', length: '200', isPrimary: true },
          { name: 'course', type: 'varchar', length: '200', isPrimary: true },
        ],
        foreignKeys: [
          { columnNames: ['plan_version_id'], referencedTableName: 'plan_versions', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'person_overrides',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          // 'merge': the users of email_key belong to the person of target_key; 'split': user_id is a person alone;
          // 'unmerge' / 'unsplit': back to the email (the row supersedes the one in force, keeping the history)
          { name: 'kind', type: 'varchar', length: '10' },
          { name: 'email_key', type: 'varchar', length: '255', isNullable: true },
          { name: 'target_key', type: 'varchar', length: '255', isNullable: true },
          { name: 'user_id', type: 'integer', isNullable: true },
          { name: 'created_by', type: 'varchar', length: '255' },
          { name: 'created_at', type: 'bigint' },
          { name: 'superseded_at', type: 'bigint', isNullable: true },
        ],
        // no foreign key to crm_users: a rebuild of that table must not take the history with it; rows of a deleted user are inert
        indices: [{ columnNames: ['email_key', 'superseded_at'] }, { columnNames: ['user_id', 'superseded_at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('person_overrides');
    await queryRunner.dropTable('plan_required_courses');
    await queryRunner.query('DROP INDEX idx_training_assignments_user_email');
    await queryRunner.query('ALTER TABLE training_assignments DROP COLUMN user_email');
  }
}
