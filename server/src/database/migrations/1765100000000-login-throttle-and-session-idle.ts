import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Tokens made before this version never expired; they now expire this long after the upgrade. */
const LEGACY_TOKEN_TTL_MS = 90 * 86_400_000;

/**
 * Sign-in hardening:
 * - `login_throttle`: one row per email and per client IP that attempted a password check, with
 *   its streak of attempts and the earliest instant the next may start (growing delays instead of
 *   a hard lock); reserved by a compare-and-set UPDATE, so parallel attempts and replicas agree;
 * - `sessions.last_seen_at`: for the idle timeout of browser sessions;
 * - `accounts.oidc_link_allowed`: an admin allowed the next single sign-on with the account's
 *   verified email to link to it (accounts with a password, and admins, are never linked otherwise);
 * - API tokens without an expiry get one.
 */
export class LoginThrottleAndSessionIdle1765100000000 implements MigrationInterface {
  name = 'LoginThrottleAndSessionIdle1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'login_throttle',
        columns: [
          { name: 'throttle_key', type: 'varchar', length: '400', isPrimary: true },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'next_at', type: 'bigint' },
          { name: 'last_at', type: 'bigint' },
        ],
        indices: [{ columnNames: ['last_at'] }],
      }),
    );
    // Plain ALTER TABLE on both engines: TypeORM's addColumn rebuilds a SQLite table, which would
    // drop the triggers that count changes of accounts.
    await queryRunner.query('ALTER TABLE sessions ADD COLUMN last_seen_at bigint');
    await queryRunner.query('UPDATE sessions SET last_seen_at = created_at');
    await queryRunner.query('ALTER TABLE accounts ADD COLUMN oidc_link_allowed boolean NOT NULL DEFAULT FALSE');
    await queryRunner.query(
      `UPDATE api_tokens SET expires_at = ${Date.now() + LEGACY_TOKEN_TTL_MS} WHERE expires_at IS NULL AND revoked_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE accounts DROP COLUMN oidc_link_allowed');
    await queryRunner.query('ALTER TABLE sessions DROP COLUMN last_seen_at');
    await queryRunner.dropTable('login_throttle');
  }
}
