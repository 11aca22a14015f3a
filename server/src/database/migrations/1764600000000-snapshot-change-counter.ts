import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A change counter for the daily snapshots, bumped by every write of snapshots in the same
 * transaction, so that each replica can tell its cached series are out of date when another
 * process (a replica's sync, `uptake snapshot`) wrote snapshots.
 */
export class SnapshotChangeCounter1764600000000 implements MigrationInterface {
  name = 'SnapshotChangeCounter1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("INSERT INTO change_counters (name, value) VALUES ('snapshots', 0)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM change_counters WHERE name = 'snapshots'");
  }
}
