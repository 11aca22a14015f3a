import { Injectable } from '@nestjs/common';
import type { AuditAction, AuditEntry, AuditPage, AuditQuery } from '@uptake/shared';
import { Clock } from '../common/clock';
import { AuditRepository, type StoredAuditEntry } from './audit.repository';
import type { Actor } from './principal';

export const DEFAULT_AUDIT_PAGE = 100;

export interface AuditEvent {
  action: AuditAction;
  /** What was seen or changed, e.g. `GET /api/departments/Sales/people?asOf=2026-03-01`. */
  target: string;
  department?: string | null;
  /** Facts only (counts, dates, ids): never a secret, a password or a request body. */
  detail?: Record<string, unknown>;
}

function toView(entry: StoredAuditEntry): AuditEntry {
  return {
    id: entry.id,
    at: new Date(entry.at).toISOString(),
    actor: entry.actor,
    actorRole: entry.actorRole,
    action: entry.action,
    target: entry.target,
    department: entry.department,
    detail: entry.detail,
    ip: entry.ip,
  };
}

/** Who saw or changed what, and when. */
@Injectable()
export class AuditService {
  constructor(
    private readonly entries: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, event: AuditEvent): Promise<void> {
    await this.entries.append({
      at: this.clock.now(),
      actorAccountId: actor.accountId,
      actor: actor.email.slice(0, 320),
      actorRole: actor.role,
      action: event.action,
      target: event.target.slice(0, 2000),
      department: event.department?.slice(0, 200) ?? null,
      detail: event.detail ?? {},
      ip: actor.ip,
    });
  }

  async page(query: AuditQuery): Promise<AuditPage> {
    const limit = query.limit ?? DEFAULT_AUDIT_PAGE;
    const entries = await this.entries.page({ limit, before: query.before, action: query.action, actor: query.actor });
    return { entries: entries.map(toView), nextBefore: entries.length === limit ? entries[entries.length - 1].id : null };
  }
}
