import { Injectable } from '@nestjs/common';
import { isMetricKey, METRIC_KEYS, type MetricKey } from '@uptake/shared';
import { Database, toNullableNumber, toNumber } from '../database/database.service';
import type { Sql } from '../database/sql';
import { invalidate } from '../cache/cache-tags';

export interface SnapshotRow {
  day: string;
  /** Department name, or '*' for the organisation. */
  department: string;
  metric: MetricKey;
  value: number | null;
  seatHolders: number;
}

interface StoredRow {
  day: string;
  department: string;
  metric: string;
  value: number | string | null;
  seat_holders: number | string;
}

/** Daily metric snapshots: what was seen on each day, one row per day, department and metric. */
@Injectable()
export class SnapshotRepository {
  constructor(private readonly db: Database) {}

  /** Replaces every row of `day` with `rows`, in one transaction. */
  async replaceDay(day: string, rows: readonly SnapshotRow[], computedAt: number): Promise<void> {
    const foreign = rows.find((row) => row.day !== day);
    if (foreign) throw new RangeError(`snapshot row of ${foreign.day} given for day ${day}`);
    await this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM metric_snapshots WHERE day = :day', { day });
      await tx.insertMany(
        'metric_snapshots',
        ['day', 'department', 'metric', 'value', 'seat_holders', 'computed_at'],
        rows.map((row) => [row.day, row.department, row.metric, row.value, row.seatHolders, computedAt]),
      );
      await countSnapshotChange(tx);
    });
  }

  /** Replaces every row of each of `days` with its rows, all in one transaction. */
  async replaceDays(days: ReadonlyArray<{ day: string; rows: readonly SnapshotRow[] }>, computedAt: number): Promise<void> {
    for (const { day, rows } of days) {
      const foreign = rows.find((row) => row.day !== day);
      if (foreign) throw new RangeError(`snapshot row of ${foreign.day} given for day ${day}`);
    }
    await this.db.transaction(async (tx) => {
      for (const { day } of days) await tx.query('DELETE FROM metric_snapshots WHERE day = :day', { day });
      await tx.insertMany(
        'metric_snapshots',
        ['day', 'department', 'metric', 'value', 'seat_holders', 'computed_at'],
        days.flatMap(({ rows }) => rows.map((row) => [row.day, row.department, row.metric, row.value, row.seatHolders, computedAt])),
      );
      await countSnapshotChange(tx);
    });
  }

  /** The rows of one department (or '*') from `from` to `to`, both included, by day. */
  async read(department: string, from: string, to: string): Promise<SnapshotRow[]> {
    const rows = await this.db.query<StoredRow>(
      `SELECT day, department, metric, value, seat_holders FROM metric_snapshots
       WHERE department = :department AND day >= :from AND day <= :to
       ORDER BY day, metric`,
      { department, from, to },
    );
    return rows.flatMap((row) =>
      isMetricKey(row.metric)
        ? [
            {
              day: row.day,
              department: row.department,
              metric: row.metric,
              value: toNullableNumber(row.value),
              seatHolders: toNumber(row.seat_holders),
            },
          ]
        : [],
    );
  }

  /** Seat holders of every department and of '*' on each day from `from` to `to` that has a snapshot. */
  async seatHolders(from: string, to: string): Promise<Array<{ day: string; department: string; seatHolders: number }>> {
    const rows = await this.db.query<{ day: string; department: string; seat_holders: number | string }>(
      // Every snapshot of a day writes each metric with the same seat holders: one metric's rows say them all.
      'SELECT day, department, seat_holders FROM metric_snapshots WHERE metric = :metric AND day >= :from AND day <= :to',
      { metric: METRIC_KEYS[0], from, to },
    );
    return rows.map((row) => ({ day: row.day, department: row.department, seatHolders: toNumber(row.seat_holders) }));
  }

  /** Days from `from` to `to` that have a snapshot (every snapshot day has organisation rows). */
  async daysWithSnapshots(from: string, to: string): Promise<Set<string>> {
    const rows = await this.db.query<{ day: string }>(
      "SELECT DISTINCT day FROM metric_snapshots WHERE department = '*' AND day >= :from AND day <= :to",
      { from, to },
    );
    return new Set(rows.map((row) => row.day));
  }

  /** Every department that has a snapshot (without '*'). */
  async departments(): Promise<string[]> {
    const rows = await this.db.query<{ department: string }>(
      "SELECT DISTINCT department FROM metric_snapshots WHERE department <> '*' ORDER BY department",
    );
    return rows.map((row) => row.department);
  }

  /** Whether `department` has a snapshot (one index look-up, unlike the list of every department). */
  async hasDepartment(department: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 AS found FROM metric_snapshots WHERE department = :department LIMIT 1', { department });
    return rows.length > 0;
  }

  async hasAny(): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 AS found FROM metric_snapshots LIMIT 1');
    return rows.length > 0;
  }
}

/** Counts one change of the snapshots, in the transaction of the change (cache tag `snapshots`, every replica). */
function countSnapshotChange(tx: Sql): Promise<void> {
  return invalidate(tx, 'snapshots');
}
