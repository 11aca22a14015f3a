import { invalidate } from '../cache/cache-tags';
import { Injectable } from '@nestjs/common';
import { isMetricKey, METRIC_KEYS } from '@uptake/shared';
import { Database, toNullableNumber, toNumber } from '../database/database.service';
import type { Sql } from '../database/sql';
import type { DirtyScope, RestatementCause, RestatementCauseKind } from './dirty-days';
import type { SnapshotRow } from './snapshot.repository';

/** A stored day marked out of date (dirty-days.ts), with the generation of its latest mark. */
export interface DirtyDay {
  day: string;
  generation: number;
  /** 'logins': only logins changed the day (only the login metrics need recomputing). */
  scope: DirtyScope;
  cause: RestatementCause;
}

interface DirtyRow {
  day: string;
  generation: number | string;
  scope: string;
  cause: string;
  cause_ref: string | null;
}

function dirtyDayOf(row: DirtyRow): DirtyDay {
  return {
    day: row.day,
    generation: toNumber(row.generation),
    scope: row.scope === 'logins' ? 'logins' : 'all',
    cause: { kind: row.cause as RestatementCauseKind, ref: row.cause_ref },
  };
}

/** The stored days to replace: each with its new rows, why, and the mark generation read before computing them (null: not marked). */
export interface DayReplacement {
  day: string;
  rows: readonly SnapshotRow[];
  cause: RestatementCause;
  generation: number | null;
}

/** The pseudo-metric under which a change of a stored day's seat holders is logged. */
export const SEAT_HOLDERS = 'seat_holders';

export interface StoredRestatement {
  id: number;
  day: string;
  department: string;
  metric: string;
  oldValue: number | null;
  newValue: number | null;
  restatedAt: number;
  cause: RestatementCause;
}

export interface RestatementFilter {
  department?: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

/** Two stored values are the same number (a change below this is float noise, not a restatement). */
function sameValue(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * The late-data bookkeeping of the daily snapshots: days marked out of date, and the restatement
 * log, every change of a stored value with old and new value, when and why.
 */
@Injectable()
export class RestatementRepository {
  constructor(private readonly db: Database) {}

  /** Marked days before `before` (the live day is not restated), the newest first, at most `limit`. */
  async dirtyDays(before: string, limit: number): Promise<DirtyDay[]> {
    const rows = await this.db.query<DirtyRow>(
      `SELECT day, generation, scope, cause, cause_ref FROM snapshot_dirty_days WHERE day < :before ORDER BY day DESC LIMIT ${Math.max(0, Math.floor(limit))}`,
      { before },
    );
    return rows.map(dirtyDayOf);
  }

  /** How many marked days before `before` are left. */
  async countDirty(before: string): Promise<number> {
    const [row] = await this.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM snapshot_dirty_days WHERE day < :before', {
      before,
    });
    return toNumber(row?.n ?? 0);
  }

  /** The marks of `days` that exist, by day. */
  async marksOf(days: readonly string[]): Promise<Map<string, DirtyDay>> {
    const marks = new Map<string, DirtyDay>();
    for (let start = 0; start < days.length; start += 500) {
      const rows = await this.db.query<DirtyRow>(
        'SELECT day, generation, scope, cause, cause_ref FROM snapshot_dirty_days WHERE day IN (:...days)',
        {
          days: days.slice(start, start + 500),
        },
      );
      for (const row of rows) marks.set(row.day, dirtyDayOf(row));
    }
    return marks;
  }

  /** The stored values of `days`, by day, then `department\0metric` (metrics and `seat_holders`). */
  stored(days: readonly string[]): Promise<Map<string, Map<string, number | null>>> {
    return readStored(this.db, days);
  }

  /** Whether `day` is marked out of date. */
  async isDirty(day: string): Promise<boolean> {
    return (await this.db.query('SELECT 1 AS found FROM snapshot_dirty_days WHERE day = :day', { day })).length > 0;
  }

  /**
   * Replaces the snapshot rows of each day, logs every stored value that changed (days stored
   * before only: a first snapshot restates nothing) and clears each day's mark unless a newer
   * one came meanwhile, all in one transaction. Resolves to the number of values restated.
   */
  async replaceDays(days: readonly DayReplacement[], computedAt: number): Promise<number> {
    for (const { day, rows } of days) {
      const foreign = rows.find((row) => row.day !== day);
      if (foreign) throw new RangeError(`snapshot row of ${foreign.day} given for day ${day}`);
    }
    if (days.length === 0) return 0;
    return this.db.transaction(async (tx) => {
      const old = await readStored(
        tx,
        days.map((entry) => entry.day),
      );
      const changes: Array<[string, string, string, number | null, number | null, number, string, string | null]> = [];
      for (const { day, rows, cause } of days) {
        const before = old.get(day);
        if (!before) continue;
        const after = new Map<string, number | null>();
        for (const row of rows) {
          after.set(`${row.department}\u0000${row.metric}`, row.value);
          after.set(`${row.department}\u0000${SEAT_HOLDERS}`, row.seatHolders);
        }
        for (const key of new Set([...before.keys(), ...after.keys()])) {
          const was = before.get(key) ?? null;
          const now = after.get(key) ?? null;
          if (sameValue(was, now)) continue;
          const [department, metric] = key.split('\u0000');
          changes.push([day, department, metric, was, now, computedAt, cause.kind, cause.ref]);
        }
      }
      for (const { day } of days) await tx.query('DELETE FROM metric_snapshots WHERE day = :day', { day });
      await tx.insertMany(
        'metric_snapshots',
        ['day', 'department', 'metric', 'value', 'seat_holders', 'computed_at'],
        days.flatMap(({ rows }) => rows.map((row) => [row.day, row.department, row.metric, row.value, row.seatHolders, computedAt])),
      );
      await tx.insertMany(
        'metric_restatements',
        ['day', 'department', 'metric', 'old_value', 'new_value', 'restated_at', 'cause', 'cause_ref'],
        changes,
      );
      for (const { day, generation } of days) {
        if (generation !== null) {
          await tx.query('DELETE FROM snapshot_dirty_days WHERE day = :day AND generation = :generation', { day, generation });
        }
      }
      await invalidate(tx, 'snapshots');
      return changes.length;
    });
  }

  /** A page of the restatement log, newest first (restated_at, then day), and how many entries match. */
  async list(filter: RestatementFilter): Promise<{ items: StoredRestatement[]; total: number }> {
    const conditions: string[] = [];
    const params: Record<string, string> = {};
    if (filter.department !== undefined) {
      conditions.push('department = :department');
      params.department = filter.department;
    }
    if (filter.from !== undefined) {
      conditions.push('day >= :from');
      params.from = filter.from;
    }
    if (filter.to !== undefined) {
      conditions.push('day <= :to');
      params.to = filter.to;
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const [count] = await this.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM metric_restatements ${where}`, params);
    const rows = await this.db.query<{
      id: number | string;
      day: string;
      department: string;
      metric: string;
      old_value: number | string | null;
      new_value: number | string | null;
      restated_at: number | string;
      cause: string;
      cause_ref: string | null;
    }>(
      `SELECT id, day, department, metric, old_value, new_value, restated_at, cause, cause_ref FROM metric_restatements ${where}
       ORDER BY restated_at DESC, day DESC, department, metric LIMIT ${Math.floor(filter.limit)} OFFSET ${Math.floor(filter.offset)}`,
      params,
    );
    return {
      total: toNumber(count?.n ?? 0),
      items: rows.map((row) => ({
        id: toNumber(row.id),
        day: row.day,
        department: row.department,
        metric: row.metric,
        oldValue: toNullableNumber(row.old_value),
        newValue: toNullableNumber(row.new_value),
        restatedAt: toNumber(row.restated_at),
        cause: { kind: row.cause as RestatementCauseKind, ref: row.cause_ref },
      })),
    };
  }
}

/** The stored values of `days` (metric values and seat holders), by day, then `department\0metric`. */
async function readStored(tx: Sql, days: readonly string[]): Promise<Map<string, Map<string, number | null>>> {
  const stored = new Map<string, Map<string, number | null>>();
  for (let start = 0; start < days.length; start += 500) {
    const rows = await tx.query<{
      day: string;
      department: string;
      metric: string;
      value: number | string | null;
      seat_holders: number | string;
    }>('SELECT day, department, metric, value, seat_holders FROM metric_snapshots WHERE day IN (:...days)', {
      days: days.slice(start, start + 500),
    });
    for (const row of rows) {
      if (!isMetricKey(row.metric)) continue;
      const values = stored.get(row.day) ?? new Map<string, number | null>();
      values.set(`${row.department}\u0000${row.metric}`, toNullableNumber(row.value));
      if (row.metric === METRIC_KEYS[0]) values.set(`${row.department}\u0000${SEAT_HOLDERS}`, toNumber(row.seat_holders));
      stored.set(row.day, values);
    }
  }
  return stored;
}
