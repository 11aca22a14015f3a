import { Injectable } from '@nestjs/common';
import { addDays, endOfDayExclusive, startOfDay } from '../common/time.util';
import { civilDaySql, dayNumber, localDaySql } from './local-day.util';
import { Database, toNullableNumber, toNumber } from '../database/database.service';
import { CacheService, type CacheRegion } from '../cache/cache.service';
import { compareNames } from './metric-values.util';

/** The numerators and denominators of every metric for one department on one day. */
export interface DepartmentCounts {
  department: string;
  seatHolders: number;
  /** Seat holders with a counted login in the 7-day window. */
  activeUsers7: number;
  /** Seat holders with a counted login in the 30-day window. */
  activeUsers30: number;
  /** Counted logins of seat holders in the 7-day window. */
  logins7: number;
  /** Sum over tracked records of (required fields filled / required fields). */
  completenessSum: number;
  trackedRecords: number;
  openOpportunities: number;
  staleOpportunities: number;
  /** Seat holders who completed every required course. */
  trainedSeatHolders: number;
}

export interface MetricCounts {
  /** Departments with seat holders on the day, by name. */
  departments: DepartmentCounts[];
  /** Courses marked required in any training row. */
  requiredCourses: number;
}

/** Day numbers (days since 1970-01-01) as SQL integer literals; they come from our own arithmetic. */
function literal(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`a day number must be a whole number, got ${value}`);
  return value < 0 ? `(${value})` : String(value);
}

/** `a` or `b`, whichever is greater (GREATEST is not in SQLite, max(a, b) is not in PostgreSQL). */
function greatest(a: string, b: string): string {
  return `CASE WHEN ${a} >= ${b} THEN ${a} ELSE ${b} END`;
}

/**
 * What the statements of one range of days share: the first and last day as numbers, the
 * instants that bound the data they read, and the SQL that turns an instant into its local day.
 */
interface DayRange {
  first: number;
  last: number;
  params: { start30: number; endExcl: number };
  dayOf: (column: string) => string;
}

function rangeOf(from: string, to: string, timezone: string): DayRange {
  return {
    first: dayNumber(from),
    last: dayNumber(to),
    params: { start30: startOfDay(addDays(from, -29), timezone), endExcl: endOfDayExclusive(to, timezone) },
    // exact a little beyond the instants read, so that every comparison near the edges is too
    dayOf: (column) => localDaySql(column, addDays(from, -31), addDays(to, 1), timezone),
  };
}

/**
 * The large table comes first in each join and is read in its stored order, the small one (seat
 * holders, required fields) is looked up: SQLite keeps the order of a CROSS JOIN, PostgreSQL
 * plans it as any inner join. Intermediate results read more than once are MATERIALIZED (SQLite
 * 3.35+ and PostgreSQL 12+) rather than recomputed per use.
 *
 * Every statement below returns, per department, the day on which a count starts or stops
 * applying ("events" of +n / -n), for every day of the range at once: a seat holder counts from
 * the day they were created, a login from its day for 7 (or 30) days, a record from the day it and
 * its owner both exist, and so on. Summing the events of each department day by day gives the
 * counts of every day of the range, so a year of snapshots reads the raw data once, not 365 times.
 */

/**
 * Seat holders at the end of the range: active, licensed, not integration, created before its end
 * (or with no created_at), with their department and the first day of the range they hold a seat.
 */
function seatHolders(range: DayRange): string {
  const created = range.dayOf('u.created_at');
  return `seat AS MATERIALIZED (
  SELECT u.connection_id, u.external_id, d.name AS department,
         CASE WHEN u.created_at IS NULL OR ${created} < ${literal(range.first)} THEN ${literal(range.first)} ELSE ${created} END AS seat_from
  FROM crm_users u
  JOIN departments d ON d.id = u.department_id
  WHERE u.active = TRUE AND u.licensed = TRUE AND u.integration = FALSE
    AND (u.created_at IS NULL OR u.created_at < :endExcl)
)`;
}

/**
 * Seat holders, active users (7 and 30 days) and counted logins. Logins are counted per user and
 * day first; a login day d makes its user active from d to d + 6 (d + 29), and with the user's
 * previous login day p only the days not already covered by p are new: from max(d, p + 7) on.
 * Those spans do not overlap, so adding them up counts each active user once per day.
 */
function activitySql(range: DayRange): string {
  const last = literal(range.last);
  const loginDay = range.dayOf('l.login_at');
  const from7 = greatest('d', 'seat_from');
  const active7 = greatest(greatest('d', 'COALESCE(prev + 7, d)'), 'seat_from');
  const active30 = greatest(greatest('d', 'COALESCE(prev + 30, d)'), 'seat_from');
  return `WITH ${seatHolders(range)},
user_day AS MATERIALIZED (
  SELECT l.connection_id, l.user_external_id, ${loginDay} AS d, COUNT(*) AS n
  FROM login_events l
  WHERE l.login_at >= :start30 AND l.login_at < :endExcl
    AND l.success = TRUE AND l.channel <> 'api'
  GROUP BY l.connection_id, l.user_external_id, ${loginDay}
),
seat_day AS (
  SELECT s.department, s.seat_from, u.d, u.n,
         LAG(u.d) OVER (PARTITION BY u.connection_id, u.user_external_id ORDER BY u.d) AS prev
  FROM user_day u
  JOIN seat s ON s.connection_id = u.connection_id AND s.external_id = u.user_external_id
),
spans AS MATERIALIZED (
  SELECT department, n, ${from7} AS from7, ${active7} AS from_a7, d + 6 AS to7, ${active30} AS from_a30, d + 29 AS to30
  FROM seat_day
),
events AS (
  SELECT department, seat_from AS day, 1 AS seats, 0 AS logins7, 0 AS active7, 0 AS active30 FROM seat
  UNION ALL SELECT department, from7, 0, n, 0, 0 FROM spans WHERE from7 <= to7 AND from7 <= ${last}
  UNION ALL SELECT department, to7 + 1, 0, -n, 0, 0 FROM spans WHERE from7 <= to7 AND to7 < ${last}
  UNION ALL SELECT department, from_a7, 0, 0, 1, 0 FROM spans WHERE from_a7 <= to7 AND from_a7 <= ${last}
  UNION ALL SELECT department, to7 + 1, 0, 0, -1, 0 FROM spans WHERE from_a7 <= to7 AND to7 < ${last}
  UNION ALL SELECT department, from_a30, 0, 0, 0, 1 FROM spans WHERE from_a30 <= to30 AND from_a30 <= ${last}
  UNION ALL SELECT department, to30 + 1, 0, 0, 0, -1 FROM spans WHERE from_a30 <= to30 AND to30 < ${last}
)
SELECT department, day, SUM(seats) AS seats, SUM(logins7) AS logins7, SUM(active7) AS active7, SUM(active30) AS active30
FROM events
GROUP BY department, day`;
}

/**
 * Record completeness: the required fields of the latest plan version; a record is tracked when
 * its object type has required fields, from the day both it and its owner's seat exist; a missing
 * field row counts as not filled. A record's share of filled fields does not depend on the day.
 */
function completenessSql(range: DayRange): string {
  const created = range.dayOf('r.created_at');
  return `WITH ${seatHolders(range)},
required_field AS (
  SELECT f.object_type, f.field
  FROM plan_required_fields f
  WHERE f.plan_version_id = (SELECT p.id FROM plan_versions p WHERE p.version = (SELECT MAX(version) FROM plan_versions))
),
required_count AS (
  SELECT object_type, COUNT(*) AS fields FROM required_field GROUP BY object_type
),
filled AS MATERIALIZED (
  SELECT f.connection_id, f.object_type, f.record_external_id, COUNT(*) AS filled
  FROM record_fields f
  JOIN required_field q ON q.object_type = f.object_type AND q.field = f.field
  WHERE f.filled = TRUE
  GROUP BY f.connection_id, f.object_type, f.record_external_id
),
per_record AS (
  SELECT s.department, q.fields, COALESCE(x.filled, 0) AS filled,
         CASE WHEN r.created_at IS NULL OR ${created} <= s.seat_from THEN s.seat_from ELSE ${created} END AS day
  FROM records r
  CROSS JOIN required_count q
  CROSS JOIN seat s
  LEFT JOIN filled x ON x.connection_id = r.connection_id AND x.object_type = r.object_type AND x.record_external_id = r.external_id
  WHERE q.object_type = r.object_type AND s.connection_id = r.connection_id AND s.external_id = r.owner_external_id
    AND r.deleted = FALSE AND (r.created_at IS NULL OR r.created_at < :endExcl)
)
SELECT department, day, fields, COUNT(*) AS records, SUM(filled) AS filled
FROM per_record
GROUP BY department, day, fields`;
}

/**
 * Open and stale opportunities. Open on day T: not deleted, created by T (or no created_at), and
 * not closed or closed with a close date after T: from max(created, seat) to the day before the
 * close date. Fresh on T: a touch (created, last activity, last modified) in the 30 days ending with
 * T, and the close date not past. Stale = open - fresh. The touches of an opportunity are taken in
 * order, each adding the days its 30 do not share with the previous one (as for logins).
 */
function staleSql(range: DayRange): string {
  const last = literal(range.last);
  const created = range.dayOf('o.created_at');
  const close = civilDaySql('o.close_date');
  const touch = (column: string) =>
    `SELECT o.connection_id, o.external_id, ${range.dayOf(`o.${column}`)} AS t FROM opportunities o WHERE o.${column} IS NOT NULL AND o.${column} < :endExcl AND o.deleted = FALSE`;
  // the last day an opportunity is open (the day before its close date) and fresh (the day before it is overdue)
  return `WITH ${seatHolders(range)},
opportunity AS (
  SELECT o.connection_id, o.external_id, s.department,
         CASE WHEN o.created_at IS NULL OR ${created} <= s.seat_from THEN s.seat_from ELSE ${created} END AS open_from,
         CASE WHEN o.is_closed = FALSE THEN ${last}
              WHEN o.close_date IS NULL THEN ${literal(range.first - 1)}
              ELSE ${close} - 1 END AS open_to,
         CASE WHEN o.is_closed = FALSE AND o.close_date IS NOT NULL THEN ${close} ELSE ${last} END AS fresh_to
  FROM opportunities o
  CROSS JOIN seat s
  WHERE s.connection_id = o.connection_id AND s.external_id = o.owner_external_id
    AND o.deleted = FALSE AND (o.created_at IS NULL OR o.created_at < :endExcl)
),
open_span AS MATERIALIZED (
  SELECT connection_id, external_id, department, open_from,
         CASE WHEN open_to < ${last} THEN open_to ELSE ${last} END AS open_to,
         CASE WHEN fresh_to < open_to THEN fresh_to ELSE open_to END AS fresh_to
  FROM opportunity
  WHERE open_from <= open_to
),
touches AS (
  ${touch('created_at')}
  UNION ALL ${touch('last_activity_at')}
  UNION ALL ${touch('last_modified_at')}
),
touch_span AS (
  SELECT p.department, p.open_from, p.fresh_to, t.t,
         LAG(t.t) OVER (PARTITION BY t.connection_id, t.external_id ORDER BY t.t) AS prev
  FROM touches t
  CROSS JOIN open_span p
  WHERE p.connection_id = t.connection_id AND p.external_id = t.external_id
),
fresh AS MATERIALIZED (
  SELECT department, ${greatest(greatest('t', 'COALESCE(prev + 30, t)'), 'open_from')} AS from_day,
         CASE WHEN t + 29 < fresh_to THEN t + 29 ELSE fresh_to END AS to_day
  FROM touch_span
),
events AS (
  SELECT department, open_from AS day, 1 AS open_count, 0 AS fresh_count FROM open_span
  UNION ALL SELECT department, open_to + 1, -1, 0 FROM open_span WHERE open_to < ${last}
  UNION ALL SELECT department, from_day, 0, 1 FROM fresh WHERE from_day <= to_day AND from_day <= ${last}
  UNION ALL SELECT department, to_day + 1, 0, -1 FROM fresh WHERE from_day <= to_day AND to_day < ${last}
)
SELECT department, day, SUM(open_count) AS open_count, SUM(fresh_count) AS fresh_count
FROM events
GROUP BY department, day`;
}

/**
 * Seat holders who completed every required course: from the day of the last of those
 * completions (or their seat, if later). Also the number of required courses (one row with a
 * null department when nobody completed everything).
 */
function trainingSql(range: DayRange): string {
  const done = range.dayOf('t.completed_at');
  return `WITH ${seatHolders(range)},
required_course AS (
  SELECT DISTINCT course FROM training_assignments WHERE required = TRUE
),
required_count AS (
  SELECT COUNT(*) AS courses FROM required_course
),
completed AS (
  SELECT t.connection_id, t.user_external_id, COUNT(DISTINCT t.course) AS courses, MAX(${done}) AS done_day
  FROM training_assignments t
  JOIN required_course q ON q.course = t.course
  WHERE t.completed_at IS NOT NULL AND t.completed_at < :endExcl
  GROUP BY t.connection_id, t.user_external_id
),
trained AS (
  SELECT s.department, CASE WHEN c.done_day > s.seat_from THEN c.done_day ELSE s.seat_from END AS day, COUNT(*) AS trained
  FROM seat s
  JOIN completed c ON c.connection_id = s.connection_id AND c.user_external_id = s.external_id
  WHERE c.courses = (SELECT courses FROM required_count)
  GROUP BY s.department, CASE WHEN c.done_day > s.seat_from THEN c.done_day ELSE s.seat_from END
)
SELECT p.department, p.day, p.trained, q.courses AS required_courses
FROM required_count q
LEFT JOIN trained p ON TRUE`;
}

type Count = number | string | null;

/** What the metric counts and reports are computed from: the CRM data and the plan. */
export const METRICS_TAGS = ['crm_data', 'plan'] as const;

/** A miss of the cache computes this many days before the day asked for too (the overview's week earlier). */
const CACHED_DAYS_BEFORE = 7;

/** The counts of one day of a range. */
export interface DayCounts {
  day: string;
  counts: MetricCounts;
}

type CountKey = Exclude<keyof DepartmentCounts, 'department'>;
const COUNT_KEYS: CountKey[] = [
  'seatHolders',
  'activeUsers7',
  'activeUsers30',
  'logins7',
  'completenessSum',
  'trackedRecords',
  'openOpportunities',
  'staleOpportunities',
  'trainedSeatHolders',
];

/**
 * Adds up per-department events (a change of some counts on a day) into the counts of every day
 * of the range: the count on day T is the sum of the changes on days up to T.
 */
class RunningCounts {
  /** Per department and day, the changes of each count; `filled/<n>` counts filled fields of records with n required fields. */
  private readonly changes = new Map<string, Array<Record<string, number>>>();
  private readonly length: number;

  constructor(private readonly range: DayRange) {
    this.length = range.last - range.first + 1;
  }

  add(department: string, day: Count, changes: Record<string, Count>): void {
    const index = Math.max(0, count(day) - this.range.first);
    if (index >= this.length) return;
    let days = this.changes.get(department);
    if (!days) {
      days = Array.from({ length: this.length }, () => ({}));
      this.changes.set(department, days);
    }
    const entry = days[index];
    for (const [key, value] of Object.entries(changes)) entry[key] = (entry[key] ?? 0) + count(value);
  }

  /**
   * Per day, the departments with seat holders on that day, by name. The stale events carry the
   * fresh opportunities in `staleOpportunities`: stale = open - fresh.
   */
  days(): DepartmentCounts[][] {
    const result: DepartmentCounts[][] = Array.from({ length: this.length }, () => []);
    for (const department of [...this.changes.keys()].sort(compareNames)) {
      const days = this.changes.get(department)!;
      const running: Record<string, number> = Object.fromEntries(COUNT_KEYS.map((key) => [key, 0]));
      for (let index = 0; index < this.length; index += 1) {
        for (const [key, value] of Object.entries(days[index])) running[key] = (running[key] ?? 0) + value;
        if (running.seatHolders <= 0) continue;
        let completenessSum = 0;
        for (const [key, filled] of Object.entries(running)) {
          if (key.startsWith('filled/')) completenessSum += filled / Number(key.slice('filled/'.length));
        }
        const counts = Object.fromEntries(COUNT_KEYS.map((key) => [key, running[key]])) as Record<CountKey, number>;
        result[index].push({
          department,
          ...counts,
          completenessSum,
          staleOpportunities: running.openOpportunities - running.staleOpportunities,
        });
      }
    }
    return result;
  }
}

/**
 * The metric aggregations: one SQL statement per family (activity, completeness, stale
 * opportunities, training), each returning per-department counts for every day of a range in a
 * time zone.
 */
@Injectable()
export class MetricsRepository {
  private readonly cache: CacheRegion<MetricCounts>;

  constructor(
    private readonly db: Database,
    cache: CacheService = new CacheService(db),
  ) {
    this.cache = cache.region('metric-counts', METRICS_TAGS);
  }

  /**
   * The counts of every department with seat holders on `day`. They are kept until the data they
   * come from changes (tags METRICS_TAGS); a miss computes the week up to the day in one go, as the
   * overview asks for the day and the day a week earlier.
   */
  async countsAsOf(day: string, timezone: string): Promise<MetricCounts> {
    const key = `${timezone} ${day}`;
    return this.cache.many(key, async () => {
      const from = addDays(day, -CACHED_DAYS_BEFORE);
      const days = await this.countsForDays(from, day, timezone);
      return new Map(days.map((entry) => [`${timezone} ${entry.day}`, entry.counts]));
    });
  }

  /** The counts of every day from `from` to `to` (both included), reading the raw data once per family. */
  async countsForDays(from: string, to: string, timezone: string): Promise<DayCounts[]> {
    if (to < from) throw new RangeError(`countsForDays: from ${from} is after to ${to}`);
    const range = rangeOf(from, to, timezone);
    const activity = await this.db.query<{ department: string; day: Count; seats: Count; logins7: Count; active7: Count; active30: Count }>(
      activitySql(range),
      range.params,
    );
    const completeness = await this.db.query<{ department: string; day: Count; fields: Count; records: Count; filled: Count }>(
      completenessSql(range),
      range.params,
    );
    const stale = await this.db.query<{ department: string; day: Count; open_count: Count; fresh_count: Count }>(
      staleSql(range),
      range.params,
    );
    const training = await this.db.query<{ department: string | null; day: Count; trained: Count; required_courses: Count }>(
      trainingSql(range),
      range.params,
    );

    const running = new RunningCounts(range);
    for (const row of activity) {
      running.add(row.department, row.day, {
        seatHolders: row.seats,
        logins7: row.logins7,
        activeUsers7: row.active7,
        activeUsers30: row.active30,
      });
    }
    for (const row of completeness)
      running.add(row.department, row.day, { trackedRecords: row.records, [`filled/${count(row.fields)}`]: row.filled });
    for (const row of stale)
      running.add(row.department, row.day, { openOpportunities: row.open_count, staleOpportunities: row.fresh_count });
    let requiredCourses = 0;
    for (const row of training) {
      requiredCourses = count(row.required_courses);
      if (row.department !== null) running.add(row.department, row.day, { trainedSeatHolders: row.trained });
    }
    return running.days().map((departments, index) => ({ day: addDays(from, index), counts: { departments, requiredCourses } }));
  }

  /** Names of every department known from CRM data. */
  async departmentNames(): Promise<string[]> {
    const rows = await this.db.query<{ name: string }>('SELECT name FROM departments ORDER BY name');
    return rows.map((row) => row.name);
  }

  /** The earliest instant of any user activity (login, record, opportunity, completed course), or null when there is none. */
  async earliestActivity(): Promise<number | null> {
    const [row] = await this.db.query<{ first: Count }>(
      `SELECT MIN(first) AS first FROM (
         SELECT MIN(login_at) AS first FROM login_events
         UNION ALL SELECT MIN(created_at) FROM records
         UNION ALL SELECT MIN(created_at) FROM opportunities
         UNION ALL SELECT MIN(completed_at) FROM training_assignments
       ) firsts`,
    );
    return toNullableNumber(row?.first ?? null);
  }
}

function count(value: Count): number {
  return value === null ? 0 : toNumber(value);
}
