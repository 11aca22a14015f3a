import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A change counter for the launch plan (cache tag `plan`, see cache/cache-tags.ts): a new plan
 * version bumps it in its transaction, so every replica's caches computed from the plan are stale
 * at once. Cached values used to be keyed by the newest plan version's id read on every stamp.
 */
export class PlanChangeCounter1765230000000 implements MigrationInterface {
  name = 'PlanChangeCounter1765230000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("INSERT INTO change_counters (name, value) VALUES ('plan', 0)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM change_counters WHERE name = 'plan'");
  }
}
