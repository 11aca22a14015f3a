import { Injectable, Optional } from '@nestjs/common';
import type { ConnectionKind } from '@uptake/shared';
import { Database, toBoolean, toNumber } from '../database/database.service';
import { decodeConnectionOptions, encodeConnectionOptions } from '../secrets/connection-options.codec';
import { SecretBox } from '../secrets/secret-box.service';

export interface StoredConnection {
  id: number;
  name: string;
  kind: ConnectionKind;
  options: Record<string, string>;
  schedule: string;
  enabled: boolean;
  createdAt: number;
}

/** A connection without its options: what listings show, with nothing to decrypt. */
export type ConnectionSummary = Omit<StoredConnection, 'options'>;

interface ConnectionRow {
  id: number;
  name: string;
  kind: string;
  options: string;
  schedule: string;
  enabled: unknown;
  created_at: number | string;
}

@Injectable()
export class ConnectionRepository {
  /** Options (credentials among them) are encrypted at rest with `secrets`; without it (hand-built in unit tests) they are plain JSON. */
  constructor(
    private readonly db: Database,
    @Optional() private readonly secrets?: SecretBox,
  ) {}

  async create(input: Omit<StoredConnection, 'id'>): Promise<StoredConnection> {
    await this.db.query(
      `INSERT INTO connections (name, kind, options, schedule, enabled, created_at)
       VALUES (:name, :kind, :options, :schedule, :enabled, :createdAt)`,
      { ...input, options: encodeConnectionOptions(input.options, this.secrets) },
    );
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
  }

  /** Every connection without its options, by name. */
  async summaries(): Promise<ConnectionSummary[]> {
    const rows = await this.db.query<Omit<ConnectionRow, 'options'>>('SELECT id, name, kind, schedule, enabled, created_at FROM connections ORDER BY name');
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

  async update(id: number, changes: Partial<Pick<StoredConnection, 'options' | 'schedule' | 'enabled'>>): Promise<void> {
    const current = await this.findById(id);
    if (!current) return;
    const next = { ...current, ...changes };
    await this.db.query('UPDATE connections SET options = :options, schedule = :schedule, enabled = :enabled WHERE id = :id', {
      id,
      options: encodeConnectionOptions(next.options, this.secrets),
      schedule: next.schedule,
      enabled: next.enabled,
    });
  }
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
    createdAt: toNumber(row.created_at),
  };
}
