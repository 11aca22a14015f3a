import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { toDelivery, type DeliveryRow, type StoredDelivery } from './alert.repository';

const DUE = `status = 'pending' AND next_attempt_at <= :now AND (lease_expires_at IS NULL OR lease_expires_at < :now)`;

/**
 * The outbox of alert deliveries. A sender claims due rows with a lease (one UPDATE: on
 * PostgreSQL concurrent claimers skip the rows another is claiming (SKIP LOCKED), and a row claimed
 * meanwhile is re-checked against the WHERE clause and left; SQLite runs one writer at a time),
 * sends them, and records the
 * outcome only while it still holds the claim. A row whose lease ran out without an outcome (the
 * sender died) is due again.
 */
@Injectable()
export class AlertOutboxRepository {
  constructor(private readonly db: Database) {}

  /** Claims up to `limit` due deliveries for `leaseMs`; each claim counts as an attempt. */
  async claimDue(holder: string, now: number, leaseMs: number, limit: number): Promise<{ claim: string; deliveries: StoredDelivery[] }> {
    const claim = `${holder}:${randomUUID()}`;
    await this.db.query(
      `UPDATE alert_deliveries SET lease_holder = :claim, lease_expires_at = :expiresAt, attempts = attempts + 1
       WHERE ${DUE} AND id IN (SELECT id FROM alert_deliveries WHERE ${DUE} ORDER BY id LIMIT :limit${this.db.engine === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : ''})`,
      { claim, expiresAt: now + leaseMs, now, limit },
    );
    const rows = await this.db.query<DeliveryRow>(
      `SELECT * FROM alert_deliveries WHERE lease_holder = :claim AND status = 'pending' ORDER BY id`,
      { claim },
    );
    return { claim, deliveries: rows.map(toDelivery) };
  }

  /** Records a send; false when the claim was lost (its lease ran out and another sender took the row). */
  async markSent(id: number, claim: string, now: number): Promise<boolean> {
    return this.finish(
      `UPDATE alert_deliveries SET status = 'sent', sent_at = :now, last_error = NULL, lease_holder = NULL, lease_expires_at = NULL
       WHERE id = :id AND lease_holder = :claim AND status = 'pending'`,
      { id, claim, now },
    );
  }

  /** Records a failed attempt: due again at `nextAttemptAt`, or given up (`failed`) when that is null. */
  async markFailedAttempt(id: number, claim: string, error: string, nextAttemptAt: number | null): Promise<boolean> {
    return this.finish(
      `UPDATE alert_deliveries SET status = :status, last_error = :error, next_attempt_at = :next, lease_holder = NULL, lease_expires_at = NULL
       WHERE id = :id AND lease_holder = :claim AND status = 'pending'`,
      { id, claim, error: error.slice(0, 1000), status: nextAttemptAt === null ? 'failed' : 'pending', next: nextAttemptAt ?? 0 },
    );
  }

  /** A claimed delivery that must not be sent any more (its reader unsubscribed, or was disabled). */
  async markCancelled(id: number, claim: string, reason: string): Promise<boolean> {
    return this.finish(
      `UPDATE alert_deliveries SET status = 'cancelled', last_error = :reason, lease_holder = NULL, lease_expires_at = NULL
       WHERE id = :id AND lease_holder = :claim AND status = 'pending'`,
      { id, claim, reason: reason.slice(0, 1000) },
    );
  }

  /** Pending deliveries to a removed webhook will never be sent. */
  async cancelForWebhook(webhookId: number): Promise<void> {
    await this.db.query(
      `UPDATE alert_deliveries SET status = 'cancelled', last_error = 'the webhook was removed', lease_holder = NULL, lease_expires_at = NULL
       WHERE channel = 'webhook' AND target_id = :webhookId AND status = 'pending'`,
      { webhookId },
    );
  }

  async all(): Promise<StoredDelivery[]> {
    return (await this.db.query<DeliveryRow>('SELECT * FROM alert_deliveries ORDER BY id')).map(toDelivery);
  }

  /** Checks the claim and writes the outcome in one transaction (the row locked on PostgreSQL), so a lost claim writes nothing. */
  private async finish(sql: string, params: Record<string, string | number>): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const held = await tx.query<{ id: number | string }>(
        `SELECT id FROM alert_deliveries WHERE id = :id AND lease_holder = :claim AND status = :pending${tx.engine === 'postgres' ? ' FOR UPDATE' : ''}`,
        { id: params.id, claim: params.claim, pending: 'pending' },
      );
      if (held.length === 0) return false;
      await tx.query(sql, params);
      return true;
    });
  }
}
