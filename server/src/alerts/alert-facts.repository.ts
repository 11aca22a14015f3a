import { Injectable } from '@nestjs/common';
import { isMetricKey, type MetricKey } from '@uptake/shared';
import { Database, toNullableNumber, toNumber } from '../database/database.service';
import type { DaySnapshot } from './rules/alert-rule';

interface SnapshotRow {
  day: string;
  department: string;
  metric: string;
  value: number | string | null;
  seat_holders: number | string;
}

/** What the alert rules read: the stored daily snapshots and the sync history. */
@Injectable()
export class AlertFactsRepository {
  constructor(private readonly db: Database) {}

  /** The newest day on or before `upTo` that has a snapshot, or null. */
  async newestSnapshotDay(upTo: string): Promise<string | null> {
    const rows = await this.db.query<{ day: string | null }>(
      "SELECT MAX(day) AS day FROM metric_snapshots WHERE department = '*' AND day <= :upTo",
      {
        upTo,
      },
    );
    return rows[0]?.day ?? null;
  }

  /** Snapshots of every scope ('*' included) from `from` to `to`: scope -> day -> snapshot. */
  async snapshots(from: string, to: string): Promise<Map<string, Map<string, DaySnapshot>>> {
    const rows = await this.db.query<SnapshotRow>(
      'SELECT day, department, metric, value, seat_holders FROM metric_snapshots WHERE day >= :from AND day <= :to',
      { from, to },
    );
    const scopes = new Map<string, Map<string, DaySnapshot>>();
    for (const row of rows) {
      if (!isMetricKey(row.metric)) continue;
      let days = scopes.get(row.department);
      if (!days) scopes.set(row.department, (days = new Map()));
      let snapshot = days.get(row.day);
      if (!snapshot) days.set(row.day, (snapshot = { seatHolders: toNumber(row.seat_holders), values: {} }));
      snapshot.values[row.metric as MetricKey] = toNullableNumber(row.value);
    }
    return scopes;
  }

  /** When each connection's newest successful sync finished, by connection id. */
  async lastSuccessOfEach(): Promise<Map<number, number>> {
    const rows = await this.db.query<{ connection_id: number | string; at: number | string | null }>(
      "SELECT connection_id, MAX(finished_at) AS at FROM sync_runs WHERE status = 'succeeded' GROUP BY connection_id",
    );
    return new Map(rows.filter((row) => row.at !== null).map((row) => [toNumber(row.connection_id), toNumber(row.at)]));
  }
}
