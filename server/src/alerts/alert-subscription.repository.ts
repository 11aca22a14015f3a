import { Injectable } from '@nestjs/common';
import type { AlertRuleKey } from '@uptake/shared';
import { Database, toBoolean, toNumber } from '../database/database.service';

export interface StoredSubscription {
  accountId: number;
  departments: string[];
  rules: AlertRuleKey[];
  channel: 'email';
  active: boolean;
  updatedAt: number;
}

interface SubscriptionRow {
  account_id: number | string;
  departments: string;
  rules: string;
  channel: string;
  active: unknown;
  updated_at: number | string;
}

function toSubscription(row: SubscriptionRow): StoredSubscription {
  return {
    accountId: toNumber(row.account_id),
    departments: JSON.parse(row.departments) as string[],
    rules: JSON.parse(row.rules) as AlertRuleKey[],
    channel: 'email',
    active: toBoolean(row.active),
    updatedAt: toNumber(row.updated_at),
  };
}

/** What each account chose to receive by email (no row: the default of its role). */
@Injectable()
export class AlertSubscriptionRepository {
  constructor(private readonly db: Database) {}

  async all(): Promise<Map<number, StoredSubscription>> {
    const rows = await this.db.query<SubscriptionRow>('SELECT * FROM alert_subscriptions');
    return new Map(rows.map((row) => [toNumber(row.account_id), toSubscription(row)]));
  }

  async find(accountId: number): Promise<StoredSubscription | null> {
    const rows = await this.db.query<SubscriptionRow>('SELECT * FROM alert_subscriptions WHERE account_id = :accountId', { accountId });
    return rows.length ? toSubscription(rows[0]) : null;
  }

  async save(subscription: StoredSubscription): Promise<void> {
    await this.db.query(
      `INSERT INTO alert_subscriptions (account_id, departments, rules, channel, active, updated_at)
       VALUES (:accountId, :departments, :rules, :channel, :active, :updatedAt)
       ON CONFLICT (account_id) DO UPDATE SET departments = excluded.departments, rules = excluded.rules,
         channel = excluded.channel, active = excluded.active, updated_at = excluded.updated_at`,
      {
        accountId: subscription.accountId,
        departments: JSON.stringify(subscription.departments),
        rules: JSON.stringify(subscription.rules),
        channel: subscription.channel,
        active: subscription.active,
        updatedAt: subscription.updatedAt,
      },
    );
  }
}
