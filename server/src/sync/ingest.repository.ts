import { isFieldFilled } from '@uptake/shared';
import type { CrmRecord, CrmUser, LoginEvent, Opportunity, TrainingAssignment } from '../connectors/connector.port';
import type { Sql, SqlValue } from '../database/sql';
import { markMissing, OPPORTUNITY_VERSIONS, RECORD_VERSIONS, USER_VERSIONS, writeVersions } from './crm-versions.writer';

export const UNASSIGNED_DEPARTMENT = 'Unassigned';

/** Keeps the last item per key: one upsert statement may not touch the same row twice (PostgreSQL). */
export function lastByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(key(item), item);
  return byKey.size === items.length ? [...items] : [...byKey.values()];
}

/**
 * Writes CRM data: every write is an upsert by (connection, external id), so a page written twice
 * changes nothing the second time. Called inside the caller's transaction. Users, opportunities
 * and records also get a version when they changed (`crm-versions.writer.ts`), valid from their
 * modification time, else from `observedAt` (the sync's start or the import's `--observed-at`).
 */
export class IngestRepository {
  /** Creates missing departments and returns their ids by name. */
  async departmentIds(tx: Sql, names: Iterable<string>, now: number): Promise<Map<string, number>> {
    const unique = [...new Set(names)];
    const ids = new Map<string, number>();
    if (unique.length === 0) return ids;
    await tx.insertMany(
      'departments',
      ['name', 'created_at'],
      unique.map((name) => [name, now]),
      'ON CONFLICT (name) DO NOTHING',
    );
    for (let start = 0; start < unique.length; start += 500) {
      const rows = await tx.query<{ id: number; name: string }>('SELECT id, name FROM departments WHERE name IN (:...names)', {
        names: unique.slice(start, start + 500),
      });
      for (const row of rows) ids.set(row.name, Number(row.id));
    }
    return ids;
  }

  async upsertUsers(tx: Sql, connectionId: number, input: readonly CrmUser[], now: number, observedAt = now): Promise<void> {
    if (input.length === 0) return;
    const users = lastByKey(input, (user) => user.externalId);
    const departmentOf = (user: CrmUser) => user.department?.trim() || UNASSIGNED_DEPARTMENT;
    const ids = await this.departmentIds(tx, users.map(departmentOf), now);
    await writeVersions(
      tx,
      USER_VERSIONS,
      connectionId,
      users.map((user) => ({
        key: [user.externalId],
        modifiedAt: user.modifiedAt,
        values: {
          name: user.name,
          email: user.email,
          department_id: ids.get(departmentOf(user)) ?? null,
          role: user.role,
          manager_external_id: user.managerExternalId,
          active: user.active,
          licensed: user.licensed,
          integration: user.integration,
          created_at: user.createdAt,
        },
      })),
      observedAt,
    );
    await tx.insertMany(
      'crm_users',
      [
        'connection_id',
        'external_id',
        'name',
        'email',
        'department_id',
        'role',
        'manager_external_id',
        'active',
        'licensed',
        'integration',
        'created_at',
      ],
      users.map((user) => [
        connectionId,
        user.externalId,
        user.name,
        user.email,
        ids.get(departmentOf(user)) ?? null,
        user.role,
        user.managerExternalId,
        user.active,
        user.licensed,
        user.integration,
        user.createdAt,
      ]),
      `ON CONFLICT (connection_id, external_id) DO UPDATE SET name = excluded.name, email = excluded.email,
        department_id = excluded.department_id, role = excluded.role, manager_external_id = excluded.manager_external_id,
        active = excluded.active, licensed = excluded.licensed, integration = excluded.integration, created_at = excluded.created_at`,
    );
  }

  async upsertLogins(tx: Sql, connectionId: number, input: readonly LoginEvent[]): Promise<void> {
    if (input.length === 0) return;
    const logins = lastByKey(input, (login) => login.externalId);
    await tx.insertMany(
      'login_events',
      ['connection_id', 'external_id', 'user_external_id', 'login_at', 'success', 'channel'],
      logins.map((login) => [connectionId, login.externalId, login.userExternalId, login.loginAt, login.success, login.channel]),
      `ON CONFLICT (connection_id, external_id) DO UPDATE SET user_external_id = excluded.user_external_id,
        login_at = excluded.login_at, success = excluded.success, channel = excluded.channel`,
    );
  }

  async upsertOpportunities(tx: Sql, connectionId: number, input: readonly Opportunity[], observedAt: number): Promise<void> {
    if (input.length === 0) return;
    const opportunities = lastByKey(input, (o) => o.externalId);
    await writeVersions(
      tx,
      OPPORTUNITY_VERSIONS,
      connectionId,
      opportunities.map((o) => ({
        key: [o.externalId],
        modifiedAt: o.modifiedAt ?? o.lastModifiedAt,
        values: {
          owner_external_id: o.ownerExternalId,
          stage: o.stage,
          amount: o.amount,
          is_closed: o.isClosed,
          is_won: o.isWon,
          created_at: o.createdAt,
          close_date: o.closeDate,
          last_activity_at: o.lastActivityAt,
          last_modified_at: o.lastModifiedAt,
          deleted: o.deleted,
        },
      })),
      observedAt,
    );
    await tx.insertMany(
      'opportunities',
      [
        'connection_id',
        'external_id',
        'owner_external_id',
        'stage',
        'amount',
        'is_closed',
        'is_won',
        'created_at',
        'close_date',
        'last_activity_at',
        'last_modified_at',
        'deleted',
      ],
      opportunities.map((o) => [
        connectionId,
        o.externalId,
        o.ownerExternalId,
        o.stage,
        o.amount,
        o.isClosed,
        o.isWon,
        o.createdAt,
        o.closeDate,
        o.lastActivityAt,
        o.lastModifiedAt,
        o.deleted,
      ]),
      `ON CONFLICT (connection_id, external_id) DO UPDATE SET owner_external_id = excluded.owner_external_id,
        stage = excluded.stage, amount = excluded.amount, is_closed = excluded.is_closed, is_won = excluded.is_won,
        created_at = excluded.created_at, close_date = excluded.close_date, last_activity_at = excluded.last_activity_at,
        last_modified_at = excluded.last_modified_at, deleted = excluded.deleted`,
    );
    await this.upsertRecords(
      tx,
      connectionId,
      opportunities.map((o) => ({
        objectType: 'opportunity',
        externalId: o.externalId,
        ownerExternalId: o.ownerExternalId,
        createdAt: o.createdAt,
        lastModifiedAt: o.lastModifiedAt,
        deleted: o.deleted,
        fields: o.fields,
        modifiedAt: o.modifiedAt,
      })),
      observedAt,
    );
  }

  /** Upserts records and replaces their field values (a field the CRM no longer sends is dropped). */
  async upsertRecords(tx: Sql, connectionId: number, input: readonly CrmRecord[], observedAt: number): Promise<void> {
    if (input.length === 0) return;
    const records = lastByKey(input, (r) => `${r.objectType}\u0000${r.externalId}`);
    await writeVersions(
      tx,
      RECORD_VERSIONS,
      connectionId,
      records.map((r) => {
        const fields: Record<string, string | null> = {};
        const values: Record<string, SqlValue> = {
          owner_external_id: r.ownerExternalId,
          created_at: r.createdAt,
          last_modified_at: r.lastModifiedAt,
          deleted: r.deleted,
        };
        for (const [field, value] of Object.entries(r.fields)) {
          fields[field.toLowerCase()] = value;
          values[`filled:${field.toLowerCase()}`] = isFieldFilled(value);
        }
        return { key: [r.objectType, r.externalId], modifiedAt: r.modifiedAt ?? r.lastModifiedAt, values, fields };
      }),
      observedAt,
    );
    await tx.insertMany(
      'records',
      ['connection_id', 'object_type', 'external_id', 'owner_external_id', 'created_at', 'last_modified_at', 'deleted'],
      records.map((r) => [connectionId, r.objectType, r.externalId, r.ownerExternalId, r.createdAt, r.lastModifiedAt, r.deleted]),
      `ON CONFLICT (connection_id, object_type, external_id) DO UPDATE SET owner_external_id = excluded.owner_external_id,
        created_at = excluded.created_at, last_modified_at = excluded.last_modified_at, deleted = excluded.deleted`,
    );
    const byType = new Map<string, string[]>();
    for (const record of records) {
      const list = byType.get(record.objectType) ?? [];
      list.push(record.externalId);
      byType.set(record.objectType, list);
    }
    for (const [objectType, externalIds] of byType) {
      for (let start = 0; start < externalIds.length; start += 500) {
        await tx.query(
          'DELETE FROM record_fields WHERE connection_id = :connectionId AND object_type = :objectType AND record_external_id IN (:...ids)',
          {
            connectionId,
            objectType,
            ids: externalIds.slice(start, start + 500),
          },
        );
      }
    }
    const fieldRows: SqlValue[][] = [];
    for (const record of records) {
      for (const [field, value] of Object.entries(record.fields)) {
        fieldRows.push([connectionId, record.objectType, record.externalId, field.toLowerCase(), value, isFieldFilled(value)]);
      }
    }
    await tx.insertMany(
      'record_fields',
      ['connection_id', 'object_type', 'record_external_id', 'field', 'value', 'filled'],
      fieldRows,
      'ON CONFLICT (connection_id, object_type, record_external_id, field) DO UPDATE SET value = excluded.value, filled = excluded.filled',
    );
  }

  async upsertTraining(tx: Sql, connectionId: number, input: readonly TrainingAssignment[]): Promise<void> {
    if (input.length === 0) return;
    // A row keyed by email stores the email as its user key too (one row per person and course).
    const userKey = (a: TrainingAssignment) => a.userEmail ?? a.userExternalId;
    const assignments = lastByKey(input, (a) => `${userKey(a)}\u0000${a.course}`);
    await tx.insertMany(
      'training_assignments',
      ['connection_id', 'user_external_id', 'user_email', 'course', 'required', 'completed_at'],
      assignments.map((a) => [connectionId, userKey(a), a.userEmail ?? null, a.course, a.required, a.completedAt]),
      `ON CONFLICT (connection_id, user_external_id, course) DO UPDATE SET user_email = excluded.user_email, required = excluded.required, completed_at = excluded.completed_at`,
    );
  }

  /**
   * After a full export was written (`import --full`): users of the connection it did not list are
   * deactivated, opportunities (when listed) and records of the listed object types it did not list
   * deleted, each as a version valid from `at`. `seen` holds the external ids listed per entity
   * (`users`, `opportunities`, `records:<type>`). Returns how many of each were marked.
   */
  async markMissing(
    tx: Sql,
    connectionId: number,
    seen: ReadonlyMap<string, ReadonlySet<string>>,
    listed: { opportunities: boolean; recordTypes: readonly string[] },
    at: number,
  ): Promise<Record<string, number>> {
    const none = new Set<string>();
    const marked: Record<string, number> = {};
    marked.users_deactivated = await markMissing(tx, USER_VERSIONS, connectionId, at, seen.get('users') ?? none);
    let deleted = 0;
    if (listed.opportunities) {
      const ids = seen.get('opportunities') ?? none;
      deleted += await markMissing(tx, OPPORTUNITY_VERSIONS, connectionId, at, ids);
      await markMissing(tx, RECORD_VERSIONS, connectionId, at, ids, 'opportunity');
    }
    for (const objectType of listed.recordTypes) {
      deleted += await markMissing(tx, RECORD_VERSIONS, connectionId, at, seen.get(`records:${objectType}`) ?? none, objectType);
    }
    marked.deleted = deleted;
    return marked;
  }

  async knownUserIds(sql: Sql, connectionId: number): Promise<Set<string>> {
    const rows = await sql.query<{ external_id: string }>('SELECT external_id FROM crm_users WHERE connection_id = :connectionId', {
      connectionId,
    });
    return new Set(rows.map((row) => row.external_id));
  }
}
