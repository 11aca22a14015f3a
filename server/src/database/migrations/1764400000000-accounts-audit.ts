import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
const instant = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
const text = (name: string, length: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length,
  isNullable: nullable,
});
const accountFk = { columnNames: ['account_id'], referencedTableName: 'accounts', referencedColumnNames: ['id'], onDelete: 'CASCADE' };

/**
 * Accounts of the dashboard (not CRM users), their sessions and API tokens, and the audit log.
 * Session ids and API tokens are stored only as SHA-256 hashes; passwords as argon2id hashes.
 */
export class AccountsAudit1764400000000 implements MigrationInterface {
  name = 'AccountsAudit1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'accounts',
        columns: [
          id,
          { ...text('email', '320'), isUnique: true },
          text('name', '200', true),
          text('role', '20'),
          { name: 'password_hash', type: 'varchar', length: '255', isNullable: true },
          text('oidc_issuer', '500', true),
          text('oidc_subject', '255', true),
          { name: 'disabled', type: 'boolean', default: 'FALSE' },
          instant('created_at', false),
          instant('last_login_at'),
        ],
        uniques: [{ columnNames: ['oidc_issuer', 'oidc_subject'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'account_departments',
        columns: [
          { name: 'account_id', type: 'integer', isPrimary: true },
          { ...text('department', '200'), isPrimary: true },
        ],
        foreignKeys: [accountFk],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          { ...text('id_hash', '64'), isPrimary: true },
          { name: 'account_id', type: 'integer' },
          text('csrf_token', '64'),
          instant('created_at', false),
          instant('expires_at', false),
          text('ip', '64', true),
          text('user_agent', '300', true),
        ],
        foreignKeys: [accountFk],
        indices: [{ columnNames: ['account_id'] }, { columnNames: ['expires_at'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'api_tokens',
        columns: [
          id,
          { name: 'account_id', type: 'integer' },
          { ...text('token_hash', '64'), isUnique: true },
          text('prefix', '16'),
          text('label', '200', true),
          instant('created_at', false),
          instant('expires_at'),
          instant('last_used_at'),
          instant('revoked_at'),
        ],
        foreignKeys: [accountFk],
        indices: [{ columnNames: ['account_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          id,
          instant('at', false),
          { name: 'actor_account_id', type: 'integer', isNullable: true },
          text('actor', '320'),
          text('actor_role', '20', true),
          text('action', '60'),
          { name: 'target', type: 'text' },
          text('department', '200', true),
          { name: 'detail', type: 'text', default: "'{}'" },
          text('ip', '64', true),
        ],
        // No foreign key to accounts: the log outlives the accounts it names.
        indices: [{ columnNames: ['action', 'at'] }, { columnNames: ['actor', 'at'] }, { columnNames: ['ip', 'at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'api_tokens', 'sessions', 'account_departments', 'accounts']) await queryRunner.dropTable(table);
  }
}
