import { Injectable, Optional } from '@nestjs/common';
import type { ConnectionKind } from '@uptake/shared';
import { invalidate } from '../cache/cache-tags';
import { Database, toBoolean, toNullableNumber, toNumber } from '../database/database.service';
import type { Sql } from '../database/sql';
import { decodeConnectionOptions, encodeConnectionOptions } from '../secrets/connection-options.codec';
import { SecretBox } from '../secrets/secret-box.service';
import { markMissing, OPPORTUNITY_VERSIONS, RECORD_VERSIONS, USER_VERSIONS } from '../sync/crm-versions.writer';

export interface StoredConnection {
  id: number;
  name: string;
  kind: ConnectionKind;
  options: Record<string, string>;
  schedule: string;
  enabled: boolean;
  /** Its `priority` option; null: the default of its kind (defaultConnectionPriority). */
  priority: number | null;
  createdAt: number;
  /** When it was removed with its data kept (marked deleted); null while in use. */
  removedAt: number | null;
}

/** What a new connection is stored with; it is neither removed nor, unless given, prioritised. */
export type NewConnection = Omit<StoredConnection, 'id' | 'priority' | 'removedAt'> & { priority?: number | null };

/** Rows per table that a removal deleted or marked deleted. */
export type RemovedRows = Record<string, number>;

/** The CRM data of a connection, children first: what purging deletes before the connection itself. */
const DATA_TABLES = [
  'login_events',
  'activities',
  'training_assignments',
  'record_fields',
  'records',
  'opportunities',
  'crm_users',
  'sync_watermarks',
  'sync_ticks',
  'sync_runs',
];

/** A connection without its options: what listings show, with nothing to decrypt. */
export type ConnectionSummary = Omit<StoredConnection, 'options'>;

interface ConnectionRow {
  id: number;
  name: string;
  kind: string;
  options: string;
  schedule: string;
  enabled: unknown;
  priority: number | string | null;
  created_at: number | string;
  removed_at: number | string | null;
}

@Injectable()
export class ConnectionRepository {
  /** Options (credentials among them) are encrypted at rest with `secrets`; without it (hand-built in unit tests) they are plain JSON. */
  constructor(
    private readonly db: Database,
    @Optional() private readonly secrets?: SecretBox,
  ) {}

  async create(input: NewConnection): Promise<StoredConnection> {
    await this.db.query(
      `INSERT INTO connections (name, kind, options, schedule, enabled, priority, created_at)
       VALUES (:name, :kind, :options, :schedule, :enabled, :priority, :createdAt)`,
      { ...input, priority: input.priority ?? null, options: encodeConnectionOptions(input.options, this.secrets) },
    );
    await invalidate(this.db, ...CONNECTION_TAGS);
    const created = await this.findByName(input.name);
    if (!created) throw new Error(`connection "${input.name}" was not stored`);
    return created;
  }

  async list(): Promise<StoredConnection[]> {
    const rows = await this.db.query<ConnectionRow>('SELECT * FROM connections ORDER BY name');
    return rows.map((row) => toConnection(row, this.secrets));
  }

  /** Deletes the connection and, by cascade, everything synced into it and its run history. */
  async delete(id: number): Promise<void> {
    await this.db.query('DELETE FROM connections WHERE id = :id', { id });
    await invalidate(this.db, ...CONNECTION_TAGS);
  }

  /** Every connection without its options, by name. */
  async summaries(): Promise<ConnectionSummary[]> {
    const rows = await this.db.query<Omit<ConnectionRow, 'options'>>(
      'SELECT id, name, kind, schedule, enabled, priority, created_at, removed_at FROM connections ORDER BY name',
    );
    return rows.map(toSummary);
  }

  async findByName(name: string): Promise<StoredConnection | null> {
    const rows = await this.db.query<ConnectionRow>('SELECT * FROM connections WHERE name = :name', { name });
    return rows.length ? toConnection(rows[0], this.secrets) : null;
  }

  async findById(id: number): Promise<StoredConnection | null> {
    const rows = await this.db.query<ConnectionRow>('SELECT * FROM connections WHERE id = :id', { id });
    return rows.length ? toConnection(rows[0], this.secrets) : null;
  }

  async update(id: number, changes: Partial<Pick<StoredConnection, 'options' | 'schedule' | 'enabled' | 'priority'>>): Promise<void> {
    const current = await this.findById(id);
    if (!current) return;
    const next = { ...current, ...changes };
    await this.db.query(
      'UPDATE connections SET options = :options, schedule = :schedule, enabled = :enabled, priority = :priority WHERE id = :id',
      {
        id,
        options: encodeConnectionOptions(next.options, this.secrets),
        schedule: next.schedule,
        enabled: next.enabled,
        priority: next.priority,
      },
    );
    await invalidate(this.db, ...CONNECTION_TAGS);
  }

  /**
   * In one transaction: the connection stops syncing (disabled, removed as of `now`) and its data
   * is marked the way deletions are marked (users deactivated, opportunities and records deleted),
   * so the metrics stop counting it; logins, training and run history stay, read through its users.
   */
  async removeKeepingData(id: number, now: number): Promise<RemovedRows> {
    return this.db.transaction(async (tx) => {
      const rows: RemovedRows = {
        crm_users: await countWhere(tx, 'crm_users', 'active = TRUE', id),
        opportunities: await countWhere(tx, 'opportunities', 'deleted = FALSE', id),
        records: await countWhere(tx, 'records', 'deleted = FALSE', id),
      };
      // deletion versions as of now, so that the days before the removal keep reading the data
      await markMissing(tx, USER_VERSIONS, id, now, null);
      await markMissing(tx, OPPORTUNITY_VERSIONS, id, now, null);
      await markMissing(tx, RECORD_VERSIONS, id, now, null);
      await tx.query('UPDATE crm_users SET active = FALSE WHERE connection_id = :id AND active = TRUE', { id });
      await tx.query('UPDATE opportunities SET deleted = TRUE WHERE connection_id = :id AND deleted = FALSE', { id });
      await tx.query('UPDATE records SET deleted = TRUE WHERE connection_id = :id AND deleted = FALSE', { id });
      await tx.query('UPDATE connections SET enabled = FALSE, removed_at = :now WHERE id = :id', { id, now });
      await countCrmDataChange(tx);
      return rows;
    });
  }

  /** In one transaction: deletes everything synced into the connection, its run history, and the connection. */
  async purge(id: number): Promise<RemovedRows> {
    return this.db.transaction(async (tx) => {
      const rows: RemovedRows = {};
      for (const table of DATA_TABLES) {
        rows[table] = await countWhere(tx, table, 'TRUE', id);
        await tx.query(`DELETE FROM ${table} WHERE connection_id = :id`, { id });
      }
      await tx.query('DELETE FROM connections WHERE id = :id', { id });
      await countCrmDataChange(tx);
      return rows;
    });
  }
}

async function countWhere(tx: Sql, table: string, condition: string, id: number): Promise<number> {
  const rows = await tx.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table} WHERE connection_id = :id AND ${condition}`, {
    id,
  });
  return toNumber(rows[0]?.n ?? 0);
}

/**
 * A connection's changes show in the sync state and in the metrics (its priority decides between
 * copies of one person, its removal hides its data): cache tags `sync_state` and `crm_data`.
 */
const CONNECTION_TAGS = ['sync_state', 'crm_data'] as const;

/** Counts one change of the CRM data and the connections, in the transaction of the change (every replica's caches). */
function countCrmDataChange(tx: Sql): Promise<void> {
  return invalidate(tx, ...CONNECTION_TAGS);
}

function toConnection(row: ConnectionRow, secrets: SecretBox | undefined): StoredConnection {
  return { ...toSummary(row), options: decodeConnectionOptions(row.options, secrets, row.name) };
}

function toSummary(row: Omit<ConnectionRow, 'options'>): ConnectionSummary {
  return {
    id: toNumber(row.id),
    name: row.name,
    kind: row.kind as ConnectionKind,
    schedule: row.schedule,
    enabled: toBoolean(row.enabled),
    priority: toNullableNumber(row.priority),
    createdAt: toNumber(row.created_at),
    removedAt: toNullableNumber(row.removed_at),
  };
}
