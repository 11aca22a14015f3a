import { Injectable } from '@nestjs/common';
import type { ConnectionKind } from '@uptake/shared';
import { Database, toBoolean, toNumber } from '../database/database.service';

export interface StoredConnection {
  id: number;
  name: string;
  kind: ConnectionKind;
  options: Record<string, string>;
  schedule: string;
  enabled: boolean;
  createdAt: number;
}

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
  constructor(private readonly db: Database) {}

  async create(input: Omit<StoredConnection, 'id'>): Promise<StoredConnection> {
    await this.db.query(
      `INSERT INTO connections (name, kind, options, schedule, enabled, created_at)
       VALUES (:name, :kind, :options, :schedule, :enabled, :createdAt)`,
      { ...input, options: JSON.stringify(input.options) },
    );
    const created = await this.findByName(input.name);
    if (!created) throw new Error(`connection "${input.name}" was not stored`);
    return created;
  }

  async list(): Promise<StoredConnection[]> {
    const rows = await this.db.query<ConnectionRow>('SELECT * FROM connections ORDER BY name');
    return rows.map(toConnection);
  }

  async findByName(name: string): Promise<StoredConnection | null> {
    const rows = await this.db.query<ConnectionRow>('SELECT * FROM connections WHERE name = :name', { name });
    return rows.length ? toConnection(rows[0]) : null;
  }

  async findById(id: number): Promise<StoredConnection | null> {
    const rows = await this.db.query<ConnectionRow>('SELECT * FROM connections WHERE id = :id', { id });
    return rows.length ? toConnection(rows[0]) : null;
  }

  async update(id: number, changes: Partial<Pick<StoredConnection, 'options' | 'schedule' | 'enabled'>>): Promise<void> {
    const current = await this.findById(id);
    if (!current) return;
    const next = { ...current, ...changes };
    await this.db.query('UPDATE connections SET options = :options, schedule = :schedule, enabled = :enabled WHERE id = :id', {
      id,
      options: JSON.stringify(next.options),
      schedule: next.schedule,
      enabled: next.enabled,
    });
  }
}

function toConnection(row: ConnectionRow): StoredConnection {
  return {
    id: toNumber(row.id),
    name: row.name,
    kind: row.kind as ConnectionKind,
    options: JSON.parse(row.options || '{}') as Record<string, string>,
    schedule: row.schedule,
    enabled: toBoolean(row.enabled),
    createdAt: toNumber(row.created_at),
  };
}
