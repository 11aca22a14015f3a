import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * The interventions log of the adoption programme (server/src/interventions): what was done
 * (training session, coaching, communication, process or configuration change, data clean-up), on
 * which day, for which departments (a JSON array of names), by whom, and who logged it when.
 * Removing one keeps the row (`removed_at`, `removed_by`): the log is never rewritten.
 * A new table: no existing data moves.
 */
export class Interventions1765270000000 implements MigrationInterface {
  name = 'Interventions1765270000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'interventions',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'day', type: 'varchar', length: '10' },
          { name: 'kind', type: 'varchar', length: '40' },
          { name: 'departments', type: 'text' },
          { name: 'description', type: 'text' },
          { name: 'who', type: 'varchar', length: '200' },
          { name: 'logged_by', type: 'varchar', length: '320' },
          { name: 'logged_at', type: 'bigint' },
          { name: 'removed_at', type: 'bigint', isNullable: true },
          { name: 'removed_by', type: 'varchar', length: '320', isNullable: true },
        ],
        indices: [{ columnNames: ['day'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('interventions');
  }
}
