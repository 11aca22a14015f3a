/**
 * The SQL of "work, not presence" (DESIGN.md `active_contributors`, `activities_per_user`, and the
 * activity touches of `stale_opportunities`), in the range/events style of metrics.repository.ts:
 * one statement returns, per department, the day on which a count starts or stops applying, for
 * every day of a range at once.
 */

/** What the statements need of a range of days (see `DayRange` in metrics.repository.ts). */
export interface WorkDayRange {
  first: number;
  last: number;
  /** SQL turning an instant column into its local day number. */
  dayOf: (column: string) => string;
}

import { firstVersions, greatest, least, VERSION_TABLES } from './metric-rules.sql';

/** Day numbers as SQL integer literals; they come from our own arithmetic. */
function literal(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`a day number must be a whole number, got ${value}`);
  return value < 0 ? `(${value})` : String(value);
}

/**
 * Active contributors and activities of seat holders in the 7 days ending on each day. `seat` is
 * the seat-holder CTE of metrics.repository.ts (columns connection_id, external_id, department,
 * seat_from, seat_to: one row per span of days a user version holds a seat). A work day of a user is a day on which they own an activity that took place, or an
 * opportunity or record created; each work day d makes its owner a contributor from d to d + 6,
 * and, as for logins, with the owner's previous work day p only the days from max(d, p + 7) are
 * new, so the spans do not overlap; each is cut to every seat span of its owner. Opportunities and
 * records count with the owner of their first version (as Uptake first saw them). Activities of a
 * day d count from d to d + 6. Parameters:
 * `:start30` (a lower bound of the instants read) and `:endExcl`. Deleted rows do not count.
 */
export function workSql(range: WorkDayRange, seat: string): string {
  const last = literal(range.last);
  const created = (alias: string, table: string) =>
    // table: the first versions of a family
    `SELECT ${alias}.connection_id, ${alias}.owner_external_id AS owner, ${range.dayOf(`${alias}.created_at`)} AS d, 0 AS n
  FROM ${table} ${alias}
  WHERE ${alias}.owner_external_id IS NOT NULL AND ${alias}.deleted = FALSE
    AND ${alias}.created_at >= :start30 AND ${alias}.created_at < :endExcl`;
  const fromN = greatest('d', 'seat_from');
  const fromC = greatest(greatest('d', 'COALESCE(prev + 7, d)'), 'seat_from');
  return `WITH ${seat},
work_item AS (
  SELECT a.connection_id, a.owner_external_id AS owner, ${range.dayOf('a.occurred_at')} AS d, 1 AS n
  FROM activities a
  WHERE a.deleted = FALSE AND a.occurred_at >= :start30 AND a.occurred_at < :endExcl
  UNION ALL ${created('o', firstVersions(VERSION_TABLES.opportunities))}
  UNION ALL ${created('r', firstVersions(VERSION_TABLES.records))}
),
user_day AS MATERIALIZED (
  SELECT connection_id, owner, d, SUM(n) AS n FROM work_item GROUP BY connection_id, owner, d
),
work_day AS (
  SELECT connection_id, owner, d, n, LAG(d) OVER (PARTITION BY connection_id, owner ORDER BY d) AS prev
  FROM user_day
),
seat_day AS (
  SELECT s.department, s.seat_from, s.seat_to, u.d, u.n, u.prev
  FROM work_day u
  JOIN seat s ON s.connection_id = u.connection_id AND s.external_id = u.owner
),
spans AS MATERIALIZED (
  SELECT department, n, ${fromN} AS from_n, ${fromC} AS from_c, ${least('d + 6', 'seat_to')} AS to7
  FROM seat_day
),
events AS (
  SELECT department, from_n AS day, n AS activities7, 0 AS contributors7 FROM spans WHERE n > 0 AND from_n <= to7 AND from_n <= ${last}
  UNION ALL SELECT department, to7 + 1, -n, 0 FROM spans WHERE n > 0 AND from_n <= to7 AND to7 < ${last}
  UNION ALL SELECT department, from_c, 0, 1 FROM spans WHERE from_c <= to7 AND from_c <= ${last}
  UNION ALL SELECT department, to7 + 1, 0, -1 FROM spans WHERE from_c <= to7 AND to7 < ${last}
)
SELECT department, day, SUM(activities7) AS activities7, SUM(contributors7) AS contributors7
FROM events
GROUP BY department, day`;
}

/**
 * The touches of opportunities by activities, for the `touches` CTE of the stale rule (columns
 * connection_id, external_id, valid_from, t): every activity related to an opportunity touches
 * each of its versions (rows of `versions`, a CTE with connection_id, external_id, valid_from) on
 * the day it took place. Deleted activities do not touch.
 */
export function activityTouchesSql(range: WorkDayRange, versions: string): string {
  return `SELECT p.connection_id, p.external_id, p.valid_from, ${range.dayOf('a.occurred_at')} AS t
  FROM activities a
  JOIN ${versions} p ON p.connection_id = a.connection_id AND p.external_id = a.related_external_id
  WHERE a.related_external_id IS NOT NULL AND a.occurred_at < :endExcl AND a.deleted = FALSE`;
}
