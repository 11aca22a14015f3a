import { Injectable } from '@nestjs/common';
import { addDays, endOfDayExclusive, startOfDay } from '../common/time.util';
import { Database, toNumber } from '../database/database.service';
import { IS_OPEN_OPPORTUNITY, IS_SEAT_HOLDER, OPPORTUNITIES_IN_FORCE, STALE_FLAG, USERS_IN_FORCE } from '../metrics/metric-rules.sql';

/** Open opportunities of a department's seat holders at T, fresh and stale, by count and amount. */
export interface DepartmentPipeline {
  department: string;
  openCount: number;
  openAmount: number;
  staleCount: number;
  staleAmount: number;
}

type Cell = number | string | null;

/**
 * The stale_opportunities rule of the metric catalogue (same as metrics.repository.ts), with the
 * amounts: open at T = not deleted, created before the end of T (or no created_at), not closed or
 * closed with a close date after T; stale = close date before T, or no touch (created, last
 * activity, last modified) in the 30 days ending with T. An empty amount counts as 0. Users and
 * opportunities are the versions in force at the end of T.
 */
const PIPELINE_SQL = `WITH seat AS (
  SELECT u.connection_id, u.external_id, d.name AS department
  FROM ${USERS_IN_FORCE} u
  JOIN departments d ON d.id = u.department_id
  WHERE ${IS_SEAT_HOLDER}
),
open_at AS (
  SELECT s.department,
         COALESCE(o.amount, 0) AS amount,
         ${STALE_FLAG} AS stale
  FROM ${OPPORTUNITIES_IN_FORCE} o
  JOIN seat s ON s.connection_id = o.connection_id AND s.external_id = o.owner_external_id
  WHERE ${IS_OPEN_OPPORTUNITY}
)
SELECT department,
       COUNT(*) AS open_count,
       SUM(amount) AS open_amount,
       SUM(stale) AS stale_count,
       SUM(CASE WHEN stale = 1 THEN amount ELSE 0 END) AS stale_amount
FROM open_at
GROUP BY department
ORDER BY department`;

/** Money-side aggregates of the executive view. */
@Injectable()
export class RoiRepository {
  constructor(private readonly db: Database) {}

  /** Pipeline per department with open opportunities at `day` in `timezone`. */
  async pipelineAsOf(day: string, timezone: string): Promise<DepartmentPipeline[]> {
    const rows = await this.db.query<{ department: string; open_count: Cell; open_amount: Cell; stale_count: Cell; stale_amount: Cell }>(
      PIPELINE_SQL,
      {
        day,
        endExcl: endOfDayExclusive(day, timezone),
        start30: startOfDay(addDays(day, -29), timezone),
      },
    );
    return rows.map((row) => ({
      department: row.department,
      openCount: toNumber(row.open_count),
      openAmount: toNumber(row.open_amount ?? 0),
      staleCount: toNumber(row.stale_count ?? 0),
      staleAmount: toNumber(row.stale_amount ?? 0),
    }));
  }
}
