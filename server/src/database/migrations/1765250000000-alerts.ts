import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
const instant = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
const text = (name: string, length: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length,
  isNullable: nullable,
});

/**
 * Alerts (server/src/alerts):
 * - `alerts`: one row per condition from the moment it held until it cleared (`closed_at`); at most
 *   one open row per condition key, enforced by a partial unique index, so a condition that stays
 *   open is never alerted twice however many replicas evaluate;
 * - `alert_deliveries`: the outbox, written in the transaction of the alert: one row per alert and
 *   recipient (unique), sent by whichever replica claims it (`lease_holder`, `lease_expires_at`),
 *   retried with backoff (`attempts`, `next_attempt_at`);
 * - `alert_webhooks`: Slack, Teams and signed JSON webhooks; URL and signing secret sealed with the
 *   secret key;
 * - `alert_subscriptions`: one per account that chose what it receives by email;
 * - `alert_leases`: named leases (the rule evaluation) so one replica evaluates at a time.
 * New tables only: existing data is untouched.
 */
export class Alerts1765250000000 implements MigrationInterface {
  name = 'Alerts1765250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'alerts',
        columns: [
          id,
          text('condition_key', '700'),
          text('rule', '40'),
          text('department', '200'),
          text('metric', '50', true),
          text('subject', '200', true),
          text('started_on', '10'),
          text('title', '500'),
          text('detail', '2000'),
          instant('opened_at', false),
          instant('closed_at'),
        ],
        indices: [{ columnNames: ['opened_at'] }, { columnNames: ['closed_at'] }],
      }),
    );
    await queryRunner.query('CREATE UNIQUE INDEX alerts_one_open_per_condition ON alerts (condition_key) WHERE closed_at IS NULL');
    await queryRunner.createTable(
      new Table({
        name: 'alert_deliveries',
        columns: [
          id,
          { name: 'alert_id', type: 'integer' },
          text('channel', '20'),
          { name: 'target_id', type: 'integer' },
          text('recipient', '400'),
          text('status', '20'),
          { name: 'attempts', type: 'integer', default: 0 },
          instant('next_attempt_at', false),
          text('lease_holder', '200', true),
          instant('lease_expires_at'),
          text('last_error', '1000', true),
          instant('sent_at'),
          instant('created_at', false),
        ],
        uniques: [{ columnNames: ['alert_id', 'channel', 'target_id'] }],
        indices: [{ columnNames: ['status', 'next_attempt_at'] }],
        foreignKeys: [{ columnNames: ['alert_id'], referencedTableName: 'alerts', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'alert_webhooks',
        columns: [
          id,
          { ...text('name', '80'), isUnique: true },
          text('url_sealed', '4000'),
          text('url_hint', '400'),
          text('format', '20'),
          text('secret_sealed', '2000', true),
          text('departments', '20000'),
          instant('created_at', false),
          text('created_by', '320'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'alert_subscriptions',
        columns: [
          { name: 'account_id', type: 'integer', isPrimary: true },
          text('departments', '20000'),
          text('rules', '1000'),
          text('channel', '20'),
          { name: 'active', type: 'boolean' },
          instant('updated_at', false),
        ],
        foreignKeys: [{ columnNames: ['account_id'], referencedTableName: 'accounts', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'alert_leases',
        columns: [{ ...text('name', '50'), isPrimary: true }, text('holder', '200'), instant('expires_at', false)],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['alert_leases', 'alert_subscriptions', 'alert_webhooks', 'alert_deliveries', 'alerts']) {
      await queryRunner.dropTable(table);
    }
  }
}
