import { Injectable } from '@nestjs/common';
import type { AuditAction, Role } from '@uptake/shared';
import { Database, toNullableNumber, toNumber } from '../database/database.service';
import type { SqlParams } from '../database/sql';

export interface NewAuditEntry {
  at: number;
  actorAccountId: number | null;
  actor: string;
  actorRole: Role | null;
  action: AuditAction;
  target: string;
  department: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}

export interface StoredAuditEntry extends NewAuditEntry {
  id: number;
}

interface AuditRow {
  id: number | string;
  at: number | string;
  actor_account_id: number | string | null;
  actor: string;
  actor_role: string | null;
  action: string;
  target: string;
  department: string | null;
  detail: string;
  ip: string | null;
}

/** The audit log: append-only (nothing here updates or deletes an entry). */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async append(entry: NewAuditEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_log (at, actor_account_id, actor, actor_role, action, target, department, detail, ip)
       VALUES (:at, :actorAccountId, :actor, :actorRole, :action, :target, :department, :detail, :ip)`,
      { ...entry, detail: JSON.stringify(entry.detail) },
    );
  }

  /** Newest first. */
  async page(filter: { limit: number; before?: number; action?: AuditAction; actor?: string }): Promise<StoredAuditEntry[]> {
    const where: string[] = [];
    const params: SqlParams = { limit: filter.limit };
    if (filter.before !== undefined) {
      where.push('id < :before');
      params.before = filter.before;
    }
    if (filter.action !== undefined) {
      where.push('action = :action');
      params.action = filter.action;
    }
    if (filter.actor !== undefined) {
      where.push('actor = :actor');
      params.actor = filter.actor;
    }
    const rows = await this.db.query<AuditRow>(
      `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT :limit`,
      params,
    );
    return rows.map((row) => ({
      id: toNumber(row.id),
      at: toNumber(row.at),
      actorAccountId: toNullableNumber(row.actor_account_id),
      actor: row.actor,
      actorRole: row.actor_role as Role | null,
      action: row.action as AuditAction,
      target: row.target,
      department: row.department,
      detail: JSON.parse(row.detail || '{}') as Record<string, unknown>,
      ip: row.ip,
    }));
  }
}
