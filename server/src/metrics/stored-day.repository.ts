import { Injectable } from '@nestjs/common';
import { isMetricKey, METRIC_KEYS, type MetricValues } from '@uptake/shared';
import { Database, toNullableNumber, toNumber } from '../database/database.service';
import { compareNames } from './metric-values.util';

/** One scope (a department, or '*' for the organisation) of a stored day. */
export interface StoredScope {
  department: string;
  seatHolders: number;
  metrics: MetricValues;
}

/**
 * Reads a past day's values from its stored snapshot, so a report of a day already computed costs
 * one index look-up instead of a range computation. A day marked out of date by late data
 * (dirty-days.ts) reads as not stored until it is recomputed.
 */
@Injectable()
export class StoredDayRepository {
  constructor(private readonly db: Database) {}

  /** The scopes of `day`, departments by name then '*', or null when the day has no snapshot or is marked out of date. */
  async read(day: string): Promise<StoredScope[] | null> {
    const rows = await this.db.query<{ department: string; metric: string; value: number | string | null; seat_holders: number | string }>(
      `SELECT department, metric, value, seat_holders FROM metric_snapshots
       WHERE day = :day AND NOT EXISTS (SELECT 1 FROM snapshot_dirty_days WHERE day = :day)`,
      { day },
    );
    if (!rows.some((row) => row.department === '*')) return null;
    const scopes = new Map<string, StoredScope>();
    for (const row of rows) {
      if (!isMetricKey(row.metric)) continue;
      let scope = scopes.get(row.department);
      if (!scope) {
        scope = {
          department: row.department,
          seatHolders: toNumber(row.seat_holders),
          metrics: Object.fromEntries(METRIC_KEYS.map((metric) => [metric, null])) as MetricValues,
        };
        scopes.set(row.department, scope);
      }
      scope.metrics[row.metric] = toNullableNumber(row.value);
    }
    const departments = [...scopes.values()]
      .filter((scope) => scope.department !== '*')
      .sort((a, b) => compareNames(a.department, b.department));
    return [...departments, scopes.get('*')!];
  }
}
