import { Injectable } from '@nestjs/common';
import type { InterventionKind } from '@uptake/shared';
import { Database, toNullableNumber, toNumber } from '../database/database.service';

export interface NewIntervention {
  day: string;
  kind: InterventionKind;
  departments: readonly string[];
  description: string;
  who: string;
  loggedBy: string;
  loggedAt: number;
}

export interface StoredIntervention extends NewIntervention {
  id: number;
  removedAt: number | null;
  removedBy: string | null;
}

interface Row {
  id: number | string;
  day: string;
  kind: string;
  departments: string;
  description: string;
  who: string;
  logged_by: string;
  logged_at: number | string;
  removed_at: number | string | null;
  removed_by: string | null;
}

/** The interventions log: rows are added and marked removed, never changed otherwise. */
@Injectable()
export class InterventionRepository {
  constructor(private readonly db: Database) {}

  /** Stores one intervention; resolves to it as stored. */
  async add(intervention: NewIntervention): Promise<StoredIntervention> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO interventions (day, kind, departments, description, who, logged_by, logged_at)
         VALUES (:day, :kind, :departments, :description, :who, :loggedBy, :loggedAt)`,
        { ...intervention, departments: JSON.stringify(intervention.departments) },
      );
      // The newest row of this author at this instant is this one (ids only grow; the transaction holds it).
      const [row] = await tx.query<Row>(
        'SELECT * FROM interventions WHERE logged_by = :loggedBy AND logged_at = :loggedAt ORDER BY id DESC LIMIT 1',
        { loggedBy: intervention.loggedBy, loggedAt: intervention.loggedAt },
      );
      return toStored(row);
    });
  }

  /** Interventions not removed, newest first (by day, then id). */
  async list(): Promise<StoredIntervention[]> {
    const rows = await this.db.query<Row>('SELECT * FROM interventions WHERE removed_at IS NULL ORDER BY day DESC, id DESC');
    return rows.map(toStored);
  }

  async find(id: number): Promise<StoredIntervention | null> {
    const [row] = await this.db.query<Row>('SELECT * FROM interventions WHERE id = :id AND removed_at IS NULL', { id });
    return row ? toStored(row) : null;
  }

  /** Marks it removed; false when it was not there (or removed already). */
  async remove(id: number, removedBy: string, removedAt: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const found = await tx.query('SELECT id FROM interventions WHERE id = :id AND removed_at IS NULL', { id });
      if (found.length === 0) return false;
      await tx.query('UPDATE interventions SET removed_at = :removedAt, removed_by = :removedBy WHERE id = :id', {
        id,
        removedAt,
        removedBy,
      });
      return true;
    });
  }
}

function toStored(row: Row): StoredIntervention {
  return {
    id: toNumber(row.id),
    day: row.day,
    kind: row.kind as InterventionKind,
    departments: JSON.parse(row.departments) as string[],
    description: row.description,
    who: row.who,
    loggedBy: row.logged_by,
    loggedAt: toNumber(row.logged_at),
    removedAt: toNullableNumber(row.removed_at),
    removedBy: row.removed_by,
  };
}
