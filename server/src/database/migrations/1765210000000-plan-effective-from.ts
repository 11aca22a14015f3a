import { MigrationInterface, QueryRunner } from 'typeorm';
import { dayOf } from '../../common/time.util';

/**
 * Plan versions get `effective_from` (YYYY-MM-DD), the day from which a version is the plan in
 * force (DESIGN.md "History": `plan apply --effective-from DATE`, default the day it is applied).
 * A version applied before this migration took effect when it was applied: its effective day is
 * the day of its `created_at` in its own time zone. Plain ALTER TABLE on both engines; the column
 * stays nullable for the engines' sake, and every version written from now on has it.
 */
export class PlanEffectiveFrom1765210000000 implements MigrationInterface {
  name = 'PlanEffectiveFrom1765210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE plan_versions ADD COLUMN effective_from varchar(10) NULL');
    const versions = (await queryRunner.query('SELECT id, created_at, timezone FROM plan_versions')) as Array<{
      id: number | string;
      created_at: number | string;
      timezone: string;
    }>;
    for (const version of versions) {
      const effectiveFrom = dayOf(Number(version.created_at), version.timezone);
      const id = Number(version.id);
      if (queryRunner.connection.options.type === 'postgres') {
        await queryRunner.query('UPDATE plan_versions SET effective_from = $1 WHERE id = $2', [effectiveFrom, id]);
      } else {
        await queryRunner.query('UPDATE plan_versions SET effective_from = ? WHERE id = ?', [effectiveFrom, id]);
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE plan_versions DROP COLUMN effective_from');
  }
}
