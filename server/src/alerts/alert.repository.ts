import { Injectable } from '@nestjs/common';
import { isMetricKey, type AlertChannel, type AlertDeliveryStatus, type AlertRuleKey, type MetricKey } from '@uptake/shared';
import { Database, toNullableNumber, toNumber } from '../database/database.service';
import type { Sql } from '../database/sql';
import { conditionKey, type AlertCondition } from './rules/alert-rule';

export interface StoredAlert {
  id: number;
  conditionKey: string;
  rule: AlertRuleKey;
  department: string;
  metric: MetricKey | null;
  subject: string | null;
  startedOn: string;
  title: string;
  detail: string;
  openedAt: number;
  closedAt: number | null;
}

export interface StoredDelivery {
  id: number;
  alertId: number;
  channel: AlertChannel;
  targetId: number;
  recipient: string;
  status: AlertDeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  leaseHolder: string | null;
  leaseExpiresAt: number | null;
  lastError: string | null;
  sentAt: number | null;
  createdAt: number;
}

/** Where one delivery of a new alert goes: an account's email, or a webhook. */
export interface DeliveryTarget {
  channel: AlertChannel;
  targetId: number;
  recipient: string;
}

interface AlertRow {
  id: number | string;
  condition_key: string;
  rule: string;
  department: string;
  metric: string | null;
  subject: string | null;
  started_on: string;
  title: string;
  detail: string;
  opened_at: number | string;
  closed_at: number | string | null;
}

interface DeliveryRow {
  id: number | string;
  alert_id: number | string;
  channel: string;
  target_id: number | string;
  recipient: string;
  status: string;
  attempts: number | string;
  next_attempt_at: number | string;
  lease_holder: string | null;
  lease_expires_at: number | string | null;
  last_error: string | null;
  sent_at: number | string | null;
  created_at: number | string;
}

function toAlert(row: AlertRow): StoredAlert {
  return {
    id: toNumber(row.id),
    conditionKey: row.condition_key,
    rule: row.rule as AlertRuleKey,
    department: row.department,
    metric: row.metric !== null && isMetricKey(row.metric) ? row.metric : null,
    subject: row.subject,
    startedOn: row.started_on,
    title: row.title,
    detail: row.detail,
    openedAt: toNumber(row.opened_at),
    closedAt: toNullableNumber(row.closed_at),
  };
}

export function toDelivery(row: DeliveryRow): StoredDelivery {
  return {
    id: toNumber(row.id),
    alertId: toNumber(row.alert_id),
    channel: row.channel as AlertChannel,
    targetId: toNumber(row.target_id),
    recipient: row.recipient,
    status: row.status as AlertDeliveryStatus,
    attempts: toNumber(row.attempts),
    nextAttemptAt: toNumber(row.next_attempt_at),
    leaseHolder: row.lease_holder,
    leaseExpiresAt: toNullableNumber(row.lease_expires_at),
    lastError: row.last_error,
    sentAt: toNullableNumber(row.sent_at),
    createdAt: toNumber(row.created_at),
  };
}

export type { DeliveryRow };

/** Alerts (one open row per condition) and their deliveries. */
@Injectable()
export class AlertRepository {
  constructor(private readonly db: Database) {}

  async open(): Promise<StoredAlert[]> {
    return (await this.db.query<AlertRow>('SELECT * FROM alerts WHERE closed_at IS NULL ORDER BY id')).map(toAlert);
  }

  async find(id: number): Promise<StoredAlert | null> {
    const rows = await this.db.query<AlertRow>('SELECT * FROM alerts WHERE id = :id', { id });
    return rows.length ? toAlert(rows[0]) : null;
  }

  /** Newest first; `status` open, closed or all. */
  async list(status: 'open' | 'closed' | 'all', limit: number): Promise<StoredAlert[]> {
    const where = status === 'open' ? 'WHERE closed_at IS NULL' : status === 'closed' ? 'WHERE closed_at IS NOT NULL' : '';
    return (await this.db.query<AlertRow>(`SELECT * FROM alerts ${where} ORDER BY opened_at DESC, id DESC LIMIT :limit`, { limit })).map(
      toAlert,
    );
  }

  async deliveriesOf(alertIds: readonly number[]): Promise<StoredDelivery[]> {
    if (alertIds.length === 0) return [];
    const rows = await this.db.query<DeliveryRow>('SELECT * FROM alert_deliveries WHERE alert_id IN (:...ids) ORDER BY id', {
      ids: [...alertIds],
    });
    return rows.map(toDelivery);
  }

  /**
   * Opens an alert for `condition` and writes its deliveries to the outbox, in one transaction:
   * both are stored or neither. Returns null when the condition already has an open alert (the
   * partial unique index refuses a second, so a condition is never alerted twice while open).
   */
  async openAlert(condition: AlertCondition, targets: readonly DeliveryTarget[], now: number): Promise<StoredAlert | null> {
    const key = conditionKey(condition);
    return this.db.transaction(async (tx) => {
      const existing = await tx.query<{ id: number }>('SELECT id FROM alerts WHERE condition_key = :key AND closed_at IS NULL', { key });
      if (existing.length > 0) return null;
      await tx.query(
        `INSERT INTO alerts (condition_key, rule, department, metric, subject, started_on, title, detail, opened_at, closed_at)
         VALUES (:key, :rule, :department, :metric, :subject, :startedOn, :title, :detail, :now, NULL)`,
        {
          key,
          rule: condition.rule,
          department: condition.department,
          metric: condition.metric,
          subject: condition.subject,
          startedOn: condition.startedOn,
          title: condition.title.slice(0, 500),
          detail: condition.detail.slice(0, 2000),
          now,
        },
      );
      const [row] = await tx.query<AlertRow>('SELECT * FROM alerts WHERE condition_key = :key AND closed_at IS NULL', { key });
      const alert = toAlert(row);
      await insertDeliveries(tx, alert.id, targets, now);
      return alert;
    });
  }

  /** Ends the alerts whose condition cleared. */
  async close(ids: readonly number[], now: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query('UPDATE alerts SET closed_at = :now WHERE id IN (:...ids) AND closed_at IS NULL', { now, ids: [...ids] });
  }
}

async function insertDeliveries(tx: Sql, alertId: number, targets: readonly DeliveryTarget[], now: number): Promise<void> {
  if (targets.length === 0) return;
  await tx.insertMany(
    'alert_deliveries',
    ['alert_id', 'channel', 'target_id', 'recipient', 'status', 'attempts', 'next_attempt_at', 'created_at'],
    targets.map((target) => [alertId, target.channel, target.targetId, target.recipient.slice(0, 400), 'pending', 0, now, now]),
  );
}
