import { toBoolean, toNullableNumber } from '../database/database.service';
import type { Sql, SqlValue } from '../database/sql';

/**
 * DESIGN.md "History: versions". A version of a user, opportunity or record is valid from the
 * CRM's modification time where given, else from the instant Uptake observed it (the sync's start,
 * or an import's `--observed-at`); never from after the observation. Re-reading an unchanged row
 * adds no version; a version is never rewritten, except when a changed row comes with no instant
 * later than the thing's latest version and the observation is no later either (the same folder
 * imported again at the same `--observed-at` with corrections): then the version of that instant
 * is replaced, as two pictures of one instant cannot both stand.
 */
export function validFrom(modifiedAt: number | null | undefined, observedAt: number): number {
  return modifiedAt !== null && modifiedAt !== undefined && modifiedAt < observedAt ? modifiedAt : observedAt;
}

type Kind = 'text' | 'number' | 'boolean';

/** One family: today's copy (`current`), its version table, and the columns a version holds. */
interface Family {
  current: string;
  versions: string;
  /** Key columns after connection_id; the last is the external id (`external_id`). */
  keys: readonly string[];
  columns: ReadonlyArray<readonly [string, Kind]>;
}

export const USER_VERSIONS: Family = {
  current: 'crm_users',
  versions: 'crm_user_versions',
  keys: ['external_id'],
  columns: [
    ['name', 'text'],
    ['email', 'text'],
    ['department_id', 'number'],
    ['role', 'text'],
    ['manager_external_id', 'text'],
    ['active', 'boolean'],
    ['licensed', 'boolean'],
    ['integration', 'boolean'],
    ['created_at', 'number'],
  ],
};

export const OPPORTUNITY_VERSIONS: Family = {
  current: 'opportunities',
  versions: 'opportunity_versions',
  keys: ['external_id'],
  columns: [
    ['owner_external_id', 'text'],
    ['stage', 'text'],
    ['amount', 'number'],
    ['is_closed', 'boolean'],
    ['is_won', 'boolean'],
    ['created_at', 'number'],
    ['close_date', 'text'],
    ['last_activity_at', 'number'],
    ['last_modified_at', 'number'],
    ['deleted', 'boolean'],
  ],
};

export const RECORD_VERSIONS: Family = {
  current: 'records',
  versions: 'record_versions',
  keys: ['object_type', 'external_id'],
  columns: [
    ['owner_external_id', 'text'],
    ['created_at', 'number'],
    ['last_modified_at', 'number'],
    ['deleted', 'boolean'],
  ],
};

/** An incoming row of a family: its key values (after connection_id), column values, field values (records) and modification time. */
export interface IncomingVersion {
  key: readonly string[];
  values: Record<string, SqlValue>;
  fields?: Record<string, string | null>;
  modifiedAt: number | null | undefined;
}

const CHUNK = 500;

function normalise(value: unknown, kind: Kind): SqlValue {
  if (value === null || value === undefined) return null;
  if (kind === 'boolean') return toBoolean(value);
  if (kind === 'number') return toNullableNumber(value);
  return String(value);
}

function keyOf(key: readonly unknown[]): string {
  return key.map(String).join('\u0000');
}

/** Groups rows by every key part but the external id (e.g. by object type), so one statement reads one group. */
function groups<T>(rows: readonly T[], key: (row: T) => readonly string[]): Map<string, { prefix: readonly string[]; rows: T[] }> {
  const result = new Map<string, { prefix: readonly string[]; rows: T[] }>();
  for (const row of rows) {
    const prefix = key(row).slice(0, -1);
    const id = keyOf(prefix);
    const group = result.get(id) ?? { prefix, rows: [] };
    group.rows.push(row);
    result.set(id, group);
  }
  return result;
}

/** `AND object_type = :k0 ...` for the key parts before the external id, with their parameters. */
function prefixFilter(family: Family, prefix: readonly string[], alias = ''): { sql: string; params: Record<string, SqlValue> } {
  const params: Record<string, SqlValue> = {};
  const parts = prefix.map((value, index) => {
    params[`k${index}`] = value;
    return ` AND ${alias}${family.keys[index]} = :k${index}`;
  });
  return { sql: parts.join(''), params };
}

function idColumn(family: Family): string {
  return family.keys[family.keys.length - 1];
}

/**
 * Writes the versions of incoming rows that differ from today's copy (or are new). Call it before
 * today's copy is updated, inside the write's transaction.
 */
export async function writeVersions(
  tx: Sql,
  family: Family,
  connectionId: number,
  incoming: readonly IncomingVersion[],
  observedAt: number,
): Promise<void> {
  if (incoming.length === 0) return;
  const changed = await changedRows(tx, family, connectionId, incoming);
  if (changed.length === 0) return;
  const latest = await latestValidFrom(tx, family, connectionId, changed);
  const versions = changed.map((row) => {
    let from = validFrom(row.modifiedAt, observedAt);
    const last = latest.get(keyOf(row.key));
    if (last !== undefined && from <= last) from = observedAt > last ? observedAt : last;
    return { row, from, replaces: last !== undefined && from === last };
  });
  const columns = ['connection_id', ...family.keys, 'valid_from', ...family.columns.map(([name]) => name)];
  await tx.insertMany(
    family.versions,
    columns,
    versions.map(({ row, from }) => [connectionId, ...row.key, from, ...family.columns.map(([name]) => row.values[name] ?? null)]),
    `ON CONFLICT (connection_id, ${family.keys.join(', ')}, valid_from) DO UPDATE SET ${family.columns
      .map(([name]) => `${name} = excluded.${name}`)
      .join(', ')}`,
  );
  if (family !== RECORD_VERSIONS) return;
  for (const { row, from, replaces } of versions) {
    if (!replaces) continue;
    await tx.query(
      `DELETE FROM record_field_versions WHERE connection_id = :connectionId AND object_type = :objectType
         AND record_external_id = :id AND valid_from = :from`,
      { connectionId, objectType: row.key[0], id: row.key[1], from },
    );
  }
  const fieldRows: SqlValue[][] = [];
  for (const { row, from } of versions) {
    for (const [field, value] of Object.entries(row.fields ?? {})) {
      fieldRows.push([connectionId, row.key[0], row.key[1], from, field, value, isFilled(row, field)]);
    }
  }
  await tx.insertMany(
    'record_field_versions',
    ['connection_id', 'object_type', 'record_external_id', 'valid_from', 'field', 'value', 'filled'],
    fieldRows,
    'ON CONFLICT (connection_id, object_type, record_external_id, valid_from, field) DO UPDATE SET value = excluded.value, filled = excluded.filled',
  );
}

/** Field filled flags travel with the incoming row (computed once by the caller) under `filled:<field>`. */
function isFilled(row: IncomingVersion, field: string): boolean {
  return row.values[`filled:${field}`] === true;
}

async function changedRows(
  tx: Sql,
  family: Family,
  connectionId: number,
  incoming: readonly IncomingVersion[],
): Promise<IncomingVersion[]> {
  const current = new Map<string, Record<string, unknown>>();
  const fields = new Map<string, Map<string, string | null>>();
  const id = idColumn(family);
  for (const { prefix, rows } of groups(incoming, (row) => row.key).values()) {
    const filter = prefixFilter(family, prefix);
    for (let start = 0; start < rows.length; start += CHUNK) {
      const ids = rows.slice(start, start + CHUNK).map((row) => row.key[row.key.length - 1]);
      const found = await tx.query<Record<string, unknown>>(
        `SELECT ${id}, ${family.columns.map(([name]) => name).join(', ')} FROM ${family.current}
         WHERE connection_id = :connectionId${filter.sql} AND ${id} IN (:...ids)`,
        { connectionId, ...filter.params, ids },
      );
      for (const row of found) current.set(keyOf([...prefix, row[id]]), row);
      if (family !== RECORD_VERSIONS) continue;
      const fieldRows = await tx.query<{ record_external_id: string; field: string; value: string | null }>(
        `SELECT record_external_id, field, value FROM record_fields
         WHERE connection_id = :connectionId AND object_type = :k0 AND record_external_id IN (:...ids)`,
        { connectionId, ...filter.params, ids },
      );
      for (const row of fieldRows) {
        const key = keyOf([...prefix, row.record_external_id]);
        const map = fields.get(key) ?? new Map<string, string | null>();
        map.set(row.field, row.value);
        fields.set(key, map);
      }
    }
  }
  return incoming.filter((row) => {
    const key = keyOf(row.key);
    const stored = current.get(key);
    if (!stored) return true;
    for (const [name, kind] of family.columns) {
      if (normalise(stored[name], kind) !== normalise(row.values[name], kind)) return true;
    }
    if (family !== RECORD_VERSIONS) return false;
    const storedFields = fields.get(key) ?? new Map<string, string | null>();
    const incomingFields = Object.entries(row.fields ?? {});
    if (storedFields.size !== incomingFields.length) return true;
    return incomingFields.some(([field, value]) => !storedFields.has(field) || storedFields.get(field) !== value);
  });
}

async function latestValidFrom(
  tx: Sql,
  family: Family,
  connectionId: number,
  rows: readonly IncomingVersion[],
): Promise<Map<string, number>> {
  const latest = new Map<string, number>();
  const id = idColumn(family);
  for (const { prefix, rows: group } of groups(rows, (row) => row.key).values()) {
    const filter = prefixFilter(family, prefix);
    for (let start = 0; start < group.length; start += CHUNK) {
      const ids = group.slice(start, start + CHUNK).map((row) => row.key[row.key.length - 1]);
      const found = await tx.query<{ id: string; latest: number | string }>(
        `SELECT ${id} AS id, MAX(valid_from) AS latest FROM ${family.versions}
         WHERE connection_id = :connectionId${filter.sql} AND ${id} IN (:...ids)
         GROUP BY ${id}`,
        { connectionId, ...filter.params, ids },
      );
      for (const row of found) latest.set(keyOf([...prefix, row.id]), Number(row.latest));
    }
  }
  return latest;
}

/**
 * Deletion versions as of `at` for the things of a connection that today's copy holds as present
 * (users: active; opportunities and records: not deleted) and whose external id is not in `keep`
 * (null: all of them). Users are deactivated, the others deleted; today's copy follows. Returns
 * how many things were marked. `objectType` limits records to one object type.
 */
export async function markMissing(
  tx: Sql,
  family: Family,
  connectionId: number,
  at: number,
  keep: ReadonlySet<string> | null,
  objectType?: string,
): Promise<number> {
  const flag = family === USER_VERSIONS ? 'active' : 'deleted';
  const present = family === USER_VERSIONS ? 'TRUE' : 'FALSE';
  const gone = family === USER_VERSIONS ? false : true;
  const id = idColumn(family);
  const prefix = objectType === undefined ? [] : [objectType];
  const filter = prefixFilter(family, prefix);
  const rows = await tx.query<Record<string, unknown>>(
    `SELECT ${family.keys.join(', ')}, ${family.columns.map(([name]) => name).join(', ')} FROM ${family.current}
     WHERE connection_id = :connectionId${filter.sql} AND ${flag} = ${present}`,
    { connectionId, ...filter.params },
  );
  const missing = rows.filter((row) => keep === null || !keep.has(String(row[id])));
  if (missing.length === 0) return 0;
  const incoming: IncomingVersion[] = [];
  for (const row of missing) {
    const values: Record<string, SqlValue> = {};
    for (const [name, kind] of family.columns) values[name] = normalise(row[name], kind);
    values[flag] = gone;
    const version: IncomingVersion = { key: family.keys.map((key) => String(row[key])), values, modifiedAt: null };
    incoming.push(version);
  }
  if (family === RECORD_VERSIONS) await attachStoredFields(tx, connectionId, incoming);
  await writeVersions(tx, family, connectionId, incoming, at);
  for (const { prefix: groupPrefix, rows: group } of groups(incoming, (row) => row.key).values()) {
    const groupFilter = prefixFilter(family, groupPrefix);
    for (let start = 0; start < group.length; start += CHUNK) {
      await tx.query(
        `UPDATE ${family.current} SET ${flag} = ${gone ? 'TRUE' : 'FALSE'}
         WHERE connection_id = :connectionId${groupFilter.sql} AND ${id} IN (:...ids)`,
        { connectionId, ...groupFilter.params, ids: group.slice(start, start + CHUNK).map((row) => row.key[row.key.length - 1]) },
      );
    }
  }
  return missing.length;
}

/** A deletion version of a record keeps the field values it had. */
async function attachStoredFields(tx: Sql, connectionId: number, rows: IncomingVersion[]): Promise<void> {
  for (const { prefix, rows: group } of groups(rows, (row) => row.key).values()) {
    for (let start = 0; start < group.length; start += CHUNK) {
      const slice = group.slice(start, start + CHUNK);
      const byId = new Map(slice.map((row) => [row.key[1], row]));
      const found = await tx.query<{ record_external_id: string; field: string; value: string | null; filled: unknown }>(
        `SELECT record_external_id, field, value, filled FROM record_fields
         WHERE connection_id = :connectionId AND object_type = :objectType AND record_external_id IN (:...ids)`,
        { connectionId, objectType: prefix[0], ids: [...byId.keys()] },
      );
      for (const field of found) {
        const row = byId.get(field.record_external_id);
        if (!row) continue;
        row.fields = { ...(row.fields ?? {}), [field.field]: field.value };
        row.values[`filled:${field.field}`] = toBoolean(field.filled);
      }
    }
  }
}
