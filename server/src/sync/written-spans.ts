import type { CrmRecord, CrmUser, LoginEvent, Opportunity, TrainingAssignment } from '../connectors/connector.port';
import { toNullableNumber } from '../database/database.service';
import type { Sql, SqlValue } from '../database/sql';
import type { WrittenSpan } from '../metrics/dirty-days';

/**
 * The spans of stored days (dirty-days.ts) that a page of CRM data touches, worked out BEFORE the
 * page is written, from the rows stored so far: a row re-read unchanged touches nothing (users and
 * training are listed whole on every sync), a new row touches the days from its creation, a
 * changed one the days from when it changed (the CRM's modification time, else `observedAt`, the
 * instant Uptake saw it). Logins are events: a page touches the windows of its first to last.
 */
export const writtenSpans = {
  async users(sql: Sql, connectionId: number, users: readonly CrmUser[], observedAt: number): Promise<WrittenSpan[]> {
    const stored = await readByIds<{
      external_id: string;
      email: string | null;
      department: string | null;
      active: unknown;
      licensed: unknown;
      integration: unknown;
      created_at: number | string | null;
    }>(
      sql,
      (ids) =>
        `SELECT u.external_id, u.email, d.name AS department, u.active, u.licensed, u.integration, u.created_at
         FROM crm_users u LEFT JOIN departments d ON d.id = u.department_id
         WHERE u.connection_id = :connectionId AND u.external_id IN (${ids})`,
      connectionId,
      users.map((user) => user.externalId),
    );
    const spans: WrittenSpan[] = [];
    for (const user of users) {
      const before = stored.get(user.externalId);
      if (!before) {
        spans.push({ from: user.createdAt });
        continue;
      }
      const createdBefore = toNullableNumber(before.created_at);
      if (createdBefore !== user.createdAt) spans.push({ from: earliest(createdBefore, user.createdAt) });
      const same =
        (before.email ?? '').trim().toLowerCase() === (user.email ?? '').trim().toLowerCase() &&
        (before.department ?? '') === (user.department?.trim() || 'Unassigned') &&
        truthy(before.active) === user.active &&
        truthy(before.licensed) === user.licensed &&
        truthy(before.integration) === user.integration;
      if (!same) spans.push({ from: observedAt });
    }
    return spans;
  },

  logins(logins: readonly LoginEvent[]): WrittenSpan[] {
    if (logins.length === 0) return [];
    let first = logins[0].loginAt;
    let last = first;
    for (const login of logins) {
      if (login.loginAt < first) first = login.loginAt;
      if (login.loginAt > last) last = login.loginAt;
    }
    return [{ logins: [first, last] }];
  },

  async opportunities(sql: Sql, connectionId: number, opportunities: readonly Opportunity[], observedAt: number): Promise<WrittenSpan[]> {
    const stored = await readByIds<{
      external_id: string;
      owner_external_id: string | null;
      stage: string | null;
      is_closed: unknown;
      is_won: unknown;
      created_at: number | string | null;
      close_date: string | null;
      last_activity_at: number | string | null;
      last_modified_at: number | string | null;
      deleted: unknown;
    }>(
      sql,
      (ids) =>
        `SELECT external_id, owner_external_id, stage, is_closed, is_won, created_at, close_date, last_activity_at, last_modified_at, deleted
         FROM opportunities WHERE connection_id = :connectionId AND external_id IN (${ids})`,
      connectionId,
      opportunities.map((o) => o.externalId),
    );
    const spans: WrittenSpan[] = [];
    for (const o of opportunities) {
      const before = stored.get(o.externalId);
      if (!before) {
        spans.push({ from: o.createdAt });
        continue;
      }
      const createdBefore = toNullableNumber(before.created_at);
      if (createdBefore !== o.createdAt) spans.push({ from: earliest(createdBefore, o.createdAt) });
      const activityBefore = toNullableNumber(before.last_activity_at);
      if (activityBefore !== o.lastActivityAt && o.lastActivityAt !== null) spans.push({ from: o.lastActivityAt });
      const same =
        before.owner_external_id === o.ownerExternalId &&
        before.stage === o.stage &&
        truthy(before.is_closed) === o.isClosed &&
        truthy(before.is_won) === o.isWon &&
        before.close_date === o.closeDate &&
        activityBefore === o.lastActivityAt &&
        toNullableNumber(before.last_modified_at) === o.lastModifiedAt &&
        truthy(before.deleted) === o.deleted;
      if (!same) spans.push({ from: o.lastModifiedAt ?? observedAt });
    }
    const asRecords = opportunities.map((o): CrmRecord => ({
      objectType: 'opportunity',
      externalId: o.externalId,
      ownerExternalId: o.ownerExternalId,
      createdAt: o.createdAt,
      lastModifiedAt: o.lastModifiedAt,
      deleted: o.deleted,
      fields: o.fields,
    }));
    return [...spans, ...(await writtenSpans.records(sql, connectionId, asRecords, observedAt))];
  },

  async records(sql: Sql, connectionId: number, records: readonly CrmRecord[], observedAt: number): Promise<WrittenSpan[]> {
    const spans: WrittenSpan[] = [];
    const byType = new Map<string, CrmRecord[]>();
    for (const record of records) byType.set(record.objectType, [...(byType.get(record.objectType) ?? []), record]);
    for (const [objectType, ofType] of byType) {
      const ids = ofType.map((record) => record.externalId);
      const stored = await readByIds<{
        external_id: string;
        owner_external_id: string | null;
        created_at: number | string | null;
        last_modified_at: number | string | null;
        deleted: unknown;
      }>(
        sql,
        (list) =>
          `SELECT external_id, owner_external_id, created_at, last_modified_at, deleted FROM records
           WHERE connection_id = :connectionId AND object_type = :objectType AND external_id IN (${list})`,
        connectionId,
        ids,
        { objectType },
      );
      const fields = new Map<string, Map<string, string | null>>();
      for (let start = 0; start < ids.length; start += 500) {
        const rows = await sql.query<{ record_external_id: string; field: string; value: string | null }>(
          `SELECT record_external_id, field, value FROM record_fields
           WHERE connection_id = :connectionId AND object_type = :objectType AND record_external_id IN (:...ids)`,
          { connectionId, objectType, ids: ids.slice(start, start + 500) },
        );
        for (const row of rows) {
          const values = fields.get(row.record_external_id) ?? new Map<string, string | null>();
          values.set(row.field, row.value);
          fields.set(row.record_external_id, values);
        }
      }
      for (const record of ofType) {
        const before = stored.get(record.externalId);
        if (!before) {
          spans.push({ from: record.createdAt });
          continue;
        }
        const createdBefore = toNullableNumber(before.created_at);
        if (createdBefore !== record.createdAt) spans.push({ from: earliest(createdBefore, record.createdAt) });
        const same =
          before.owner_external_id === record.ownerExternalId &&
          toNullableNumber(before.last_modified_at) === record.lastModifiedAt &&
          truthy(before.deleted) === record.deleted &&
          sameFields(fields.get(record.externalId), record.fields);
        if (!same) spans.push({ from: record.lastModifiedAt ?? observedAt });
      }
    }
    return spans;
  },

  async training(sql: Sql, connectionId: number, assignments: readonly TrainingAssignment[]): Promise<WrittenSpan[]> {
    if (assignments.length === 0) return [];
    const users = [...new Set(assignments.map((a) => a.userExternalId))];
    const stored = new Map<string, { required: boolean; completedAt: number | null }>();
    for (let start = 0; start < users.length; start += 500) {
      const rows = await sql.query<{ user_external_id: string; course: string; required: unknown; completed_at: number | string | null }>(
        `SELECT user_external_id, course, required, completed_at FROM training_assignments
         WHERE connection_id = :connectionId AND user_external_id IN (:...users)`,
        { connectionId, users: users.slice(start, start + 500) },
      );
      for (const row of rows) {
        stored.set(`${row.user_external_id}\u0000${row.course}`, {
          required: truthy(row.required),
          completedAt: toNullableNumber(row.completed_at),
        });
      }
    }
    const courses = [...new Set(assignments.filter((a) => a.required).map((a) => a.course))];
    const requiredBefore = new Set<string>();
    for (let start = 0; start < courses.length; start += 500) {
      const rows = await sql.query<{ course: string }>(
        'SELECT DISTINCT course FROM training_assignments WHERE required = TRUE AND course IN (:...courses)',
        {
          courses: courses.slice(start, start + 500),
        },
      );
      for (const row of rows) requiredBefore.add(row.course);
    }
    const spans: WrittenSpan[] = [];
    for (const a of assignments) {
      const before = stored.get(`${a.userExternalId}\u0000${a.course}`);
      // a course required for the first time, or no longer required here: the set of required courses of every day may change
      if ((a.required && !requiredBefore.has(a.course)) || (before && before.required !== a.required)) spans.push({ from: null });
      const completedBefore = before?.completedAt ?? null;
      if (completedBefore !== a.completedAt) {
        const changedFrom = earliest(completedBefore ?? a.completedAt, a.completedAt ?? completedBefore);
        if (changedFrom !== null) spans.push({ from: changedFrom });
      }
    }
    return spans;
  },
};

async function readByIds<T extends { external_id: string }>(
  sql: Sql,
  statement: (ids: string) => string,
  connectionId: number,
  ids: readonly string[],
  extra: Record<string, SqlValue> = {},
): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  const found = new Map<string, T>();
  for (let start = 0; start < unique.length; start += 500) {
    const rows = await sql.query<T>(statement(':...ids'), { connectionId, ...extra, ids: unique.slice(start, start + 500) });
    for (const row of rows) found.set(row.external_id, row);
  }
  return found;
}

/** The earlier instant; null (no instant: always existed) is earliest of all. */
function earliest(a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  return Math.min(a, b);
}

function truthy(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}

function sameFields(stored: ReadonlyMap<string, string | null> | undefined, fields: Readonly<Record<string, string | null>>): boolean {
  const entries = Object.entries(fields);
  if ((stored?.size ?? 0) !== entries.length) return false;
  return entries.every(([field, value]) => stored?.has(field.toLowerCase()) && stored.get(field.toLowerCase()) === value);
}
