import { Injectable } from '@nestjs/common';
import { addDays, endOfDayExclusive, startOfDay } from '../common/time.util';
import { civilDaySql, dayNumber, localDaySql } from './local-day.util';
import { Database, toNullableNumber, toNumber } from '../database/database.service';
import { CacheService, type CacheRegion } from '../cache/cache.service';
import { compareNames } from './metric-values.util';
import {
  greatest,
  IS_COUNTED_LOGIN,
  IS_PRESENT_OPPORTUNITY,
  IS_PRESENT_RECORD,
  IS_SEAT_HOLDER,
  least,
  requiredFields,
  VERSION_TABLES,
  versionSpans,
} from './metric-rules.sql';
import { activityTouchesSql, workSql } from './work-metrics.sql';
import { PERSON_TRAINING_CTE, PERSON_USERS_CTE } from '../people/person-resolution.sql';
import { REQUIRED_COURSES_CTE } from '../training/required-courses.sql';

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
  /** Seat holders who own an activity, opportunity or record of the 7-day window (work-metrics.sql.ts). */
  activeContributors7: number;
  /** Activities of seat holders that took place in the 7-day window. */
  activities7: number;
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

/** The versions of a family with the days of the range each is in force (`span_from`..`span_to`). */
function spans(range: DayRange, family: (typeof VERSION_TABLES)[keyof typeof VERSION_TABLES]): string {
  return versionSpans(family, literal(range.first), literal(range.last), range.dayOf);
}

/** The first day of the range on which a thing exists: the day of its created_at, or the range's first day. */
function createdDay(range: DayRange, column: string): string {
  return `CASE WHEN ${column} IS NULL THEN ${literal(range.first)} ELSE ${greatest(range.dayOf(column), literal(range.first))} END`;
}

/**
 * Seat holders: per user, the spans of days (`seat_from`..`seat_to`) on which the version in force
 * at the end of the day makes them a seat holder, with the department of that version. A user who
 * moved has one span per department; a leaver's span ends the day before they were deactivated.
 */
function seatHolders(range: DayRange): string {
  return `seat AS MATERIALIZED (
  SELECT u.connection_id, u.external_id, d.name AS department,
         ${greatest('u.span_from', createdDay(range, 'u.created_at'))} AS seat_from, u.span_to AS seat_to
  FROM ${spans(range, VERSION_TABLES.users)} u
  JOIN departments d ON d.id = u.department_id
  WHERE ${IS_SEAT_HOLDER}
    AND ${greatest('u.span_from', createdDay(range, 'u.created_at'))} <= u.span_to
)`;
}

/** A seat span starts counting on `seat_from` and stops after `seat_to` (when that is inside the range). */
function seatEvents(range: DayRange, columns: string): string {
  return `SELECT department, seat_from AS day, 1 AS seats${columns} FROM seat
  UNION ALL SELECT department, seat_to + 1, -1${columns} FROM seat WHERE seat_to < ${literal(range.last)}`;
}

/**
 * Seat holders, active users (7 and 30 days) and counted logins. Logins are counted per user and
 * day first; a login day d makes its user active from d to d + 6 (d + 29), and with the user's
 * previous login day p only the days not already covered by p are new: from max(d, p + 7) on.
 * Those spans do not overlap, so adding them up counts each active user once per day. Each is cut
 * to every seat span of the user, which do not overlap either (a login before a move counts in the
 * new department for the days of its window after the move).
 */
function activitySql(range: DayRange): string {
  const last = literal(range.last);
  const loginDay = range.dayOf('l.login_at');
  const from7 = greatest('d', 'seat_from');
  const to7 = least('d + 6', 'seat_to');
  const active7 = greatest(greatest('d', 'COALESCE(prev + 7, d)'), 'seat_from');
  const active30 = greatest(greatest('d', 'COALESCE(prev + 30, d)'), 'seat_from');
  const to30 = least('d + 29', 'seat_to');
  return `WITH ${seatHolders(range)},
user_day AS MATERIALIZED (
  SELECT l.connection_id, l.user_external_id, ${loginDay} AS d, COUNT(*) AS n
  FROM login_events l
  WHERE l.login_at >= :start30 AND l.login_at < :endExcl
    AND ${IS_COUNTED_LOGIN}
  GROUP BY l.connection_id, l.user_external_id, ${loginDay}
),
login_day AS (
  SELECT connection_id, user_external_id, d, n,
         LAG(d) OVER (PARTITION BY connection_id, user_external_id ORDER BY d) AS prev
  FROM user_day
),
seat_day AS (
  SELECT s.department, s.seat_from, s.seat_to, u.d, u.n, u.prev
  FROM login_day u
  JOIN seat s ON s.connection_id = u.connection_id AND s.external_id = u.user_external_id
),
spans AS MATERIALIZED (
  SELECT department, n, ${from7} AS from7, ${active7} AS from_a7, ${to7} AS to7, ${active30} AS from_a30, ${to30} AS to30
  FROM seat_day
),
events AS (
  ${seatEvents(range, ', 0 AS logins7, 0 AS active7, 0 AS active30')}
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

/** The newest plan version's id, in SQL. */
const NEWEST_PLAN_VERSION = '(SELECT p.id FROM plan_versions p WHERE p.version = (SELECT MAX(version) FROM plan_versions))';

/**
 * Record completeness: the required fields of the plan version in force (`planVersion`, an SQL
 * expression; NEWEST_PLAN_VERSION without one); a record version is
 * tracked when its object type has required fields and it is present, on the days it is in force,
 * its owner holds a seat and it exists; a missing field value counts as not filled. The share of
 * filled fields is that of the version's own field values.
 */
function completenessSql(range: DayRange, planVersion: string): string {
  const last = literal(range.last);
  const from = greatest(greatest('r.span_from', createdDay(range, 'r.created_at')), 's.seat_from');
  const to = least('r.span_to', 's.seat_to');
  return `WITH ${seatHolders(range)},
required_field AS (
  ${requiredFields(planVersion)}
),
required_count AS (
  SELECT object_type, COUNT(*) AS fields FROM required_field GROUP BY object_type
),
filled AS MATERIALIZED (
  SELECT f.connection_id, f.object_type, f.record_external_id, f.valid_from, COUNT(*) AS filled
  FROM record_field_versions f
  JOIN required_field q ON q.object_type = f.object_type AND q.field = f.field
  WHERE f.filled = TRUE
  GROUP BY f.connection_id, f.object_type, f.record_external_id, f.valid_from
),
per_record AS MATERIALIZED (
  SELECT s.department, q.fields, COALESCE(x.filled, 0) AS filled, ${from} AS from_day, ${to} AS to_day
  FROM ${spans(range, VERSION_TABLES.records)} r
  CROSS JOIN required_count q
  CROSS JOIN seat s
  LEFT JOIN filled x ON x.connection_id = r.connection_id AND x.object_type = r.object_type
    AND x.record_external_id = r.external_id AND x.valid_from = r.valid_from
  WHERE q.object_type = r.object_type AND s.connection_id = r.connection_id AND s.external_id = r.owner_external_id
    AND ${IS_PRESENT_RECORD}
),
events AS (
  SELECT department, from_day AS day, fields, 1 AS records, filled FROM per_record WHERE from_day <= to_day
  UNION ALL SELECT department, to_day + 1, fields, -1, -filled FROM per_record WHERE from_day <= to_day AND to_day < ${last}
)
SELECT department, day, fields, SUM(records) AS records, SUM(filled) AS filled
FROM events
GROUP BY department, day, fields`;
}

/**
 * Open and stale opportunities, per version in force. Open on day T: the version in force is
 * present (not deleted, created by T or no created_at) and not closed or closed with a close date
 * after T, and its owner holds a seat: from the latest of the version's first day, its creation and
 * the seat, to the earliest of the version's last day, the seat's and the day before the close
 * date. Fresh on T: a touch of that version (created, last activity, last modified) in the 30 days
 * ending with T, and the close date not past. Stale = open - fresh. The touches of a version are
 * taken in order, each adding the days its 30 do not share with the previous one (as for logins).
 */
function staleSql(range: DayRange): string {
  const last = literal(range.last);
  const close = civilDaySql('o.close_date');
  const touch = (column: string) =>
    `SELECT o.connection_id, o.external_id, o.valid_from, ${range.dayOf(`o.${column}`)} AS t FROM opportunity_versions o WHERE o.${column} IS NOT NULL AND o.${column} < :endExcl AND o.deleted = FALSE`;
  return `WITH ${seatHolders(range)},
opportunity AS MATERIALIZED (
  SELECT o.connection_id, o.external_id, o.valid_from, s.department,
         ${greatest(greatest('o.span_from', createdDay(range, 'o.created_at')), 's.seat_from')} AS open_from,
         ${least(
           least('o.span_to', 's.seat_to'),
           `CASE WHEN o.is_closed = FALSE THEN ${last} WHEN o.close_date IS NULL THEN ${literal(range.first - 1)} ELSE ${close} - 1 END`,
         )} AS open_to,
         CASE WHEN o.is_closed = FALSE AND o.close_date IS NOT NULL THEN ${close} ELSE ${last} END AS fresh_to
  FROM ${spans(range, VERSION_TABLES.opportunities)} o
  CROSS JOIN seat s
  WHERE s.connection_id = o.connection_id AND s.external_id = o.owner_external_id
    AND ${IS_PRESENT_OPPORTUNITY}
),
open_span AS MATERIALIZED (
  SELECT connection_id, external_id, valid_from, department, open_from, open_to,
         CASE WHEN fresh_to < open_to THEN fresh_to ELSE open_to END AS fresh_to
  FROM opportunity
  WHERE open_from <= open_to
),
touches AS (
  ${touch('created_at')}
  UNION ALL ${touch('last_activity_at')}
  UNION ALL ${touch('last_modified_at')}
  UNION ALL ${activityTouchesSql(range, 'open_span')}
),
touch_order AS (
  SELECT connection_id, external_id, valid_from, t,
         LAG(t) OVER (PARTITION BY connection_id, external_id, valid_from ORDER BY t) AS prev
  FROM touches
),
touch_span AS (
  SELECT p.department, p.open_from, p.fresh_to, t.t, t.prev
  FROM touch_order t
  CROSS JOIN open_span p
  WHERE p.connection_id = t.connection_id AND p.external_id = t.external_id AND p.valid_from = t.valid_from
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
 * Seat holders who completed every course required of them (their department's, see
 * training/required-courses.sql.ts): from the day of the last of those completions (or their seat,
 * span's first day, if later) to the seat span's last day. Also the number of distinct required courses (one row with a null department when
 * nobody completed everything). Training rows are a person's: any of their users', or by email
 * (people/person-resolution.sql.ts).
 */
function trainingSql(range: DayRange): string {
  const done = range.dayOf('t.completed_at');
  const from = greatest('c.done_day', 'c.seat_from');
  return `WITH ${seatHolders(range)},
${PERSON_USERS_CTE},
${PERSON_TRAINING_CTE},
${REQUIRED_COURSES_CTE},
completed AS (
  SELECT s.department, s.connection_id, s.external_id, s.seat_from, s.seat_to, COUNT(DISTINCT t.course) AS courses, MAX(${done}) AS done_day
  FROM seat s
  JOIN person_users p ON p.connection_id = s.connection_id AND p.external_id = s.external_id
  JOIN person_training t ON t.person_id = p.person_id
  JOIN required_course q ON q.department = s.department AND q.course = t.course
  WHERE t.completed_at IS NOT NULL AND t.completed_at < :endExcl
  GROUP BY s.department, s.connection_id, s.external_id, s.seat_from, s.seat_to
),
trained_span AS (
  SELECT c.department, ${from} AS from_day, c.seat_to AS to_day
  FROM completed c
  JOIN required_course_count r ON r.department = c.department
  WHERE c.courses = r.courses AND ${from} <= c.seat_to
),
trained AS (
  SELECT department, day, SUM(trained) AS trained FROM (
    SELECT department, from_day AS day, 1 AS trained FROM trained_span
    UNION ALL SELECT department, to_day + 1, -1 FROM trained_span WHERE to_day < ${literal(range.last)}
  ) e
  GROUP BY department, day
)
SELECT p.department, p.day, p.trained, q.courses AS required_courses
FROM (SELECT COUNT(*) AS courses FROM any_required_course) q
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
  'activeContributors7',
  'activities7',
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
  async countsAsOf(day: string, timezone: string, planVersionId?: number | null): Promise<MetricCounts> {
    const keyOf = (of: string) => `${timezone} ${planVersionId === undefined ? 'newest' : planVersionId} ${of}`;
    return this.cache.many(keyOf(day), async () => {
      const from = addDays(day, -CACHED_DAYS_BEFORE);
      const days = await this.countsForDays(from, day, timezone, planVersionId);
      return new Map(days.map((entry) => [keyOf(entry.day), entry.counts]));
    });
  }

  /**
   * The counts of every day from `from` to `to` (both included), reading the raw data once per
   * family, with the required fields of plan version `planVersionId` (the plan in force on those
   * days: PlanInForce; null: no plan; left out: the newest version). `only: 'activity'`: seat holders
   * and logins alone, for days only late logins changed.
   */
  async countsForDays(from: string, to: string, timezone: string, planVersionId?: number | null, only?: 'activity'): Promise<DayCounts[]> {
    if (to < from) throw new RangeError(`countsForDays: from ${from} is after to ${to}`);
    const range = rangeOf(from, to, timezone);
    // `only: 'activity'`: seat holders and logins alone (the other counts stay 0), for days only late logins changed
    if (only === 'activity') return this.activityForDays(from, range);
    const activity = await this.db.query<{ department: string; day: Count; seats: Count; logins7: Count; active7: Count; active30: Count }>(
      activitySql(range),
      range.params,
    );
    const completeness = await this.db.query<{ department: string; day: Count; fields: Count; records: Count; filled: Count }>(
      completenessSql(range, planVersionId === undefined ? NEWEST_PLAN_VERSION : ':planVersionId'),
      planVersionId === undefined ? range.params : { ...range.params, planVersionId },
    );
    const stale = await this.db.query<{ department: string; day: Count; open_count: Count; fresh_count: Count }>(
      staleSql(range),
      range.params,
    );
    const training = await this.db.query<{ department: string | null; day: Count; trained: Count; required_courses: Count }>(
      trainingSql(range),
      range.params,
    );

    const work = await this.db.query<{ department: string; day: Count; activities7: Count; contributors7: Count }>(
      workSql(range, seatHolders(range)),
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
    for (const row of work) running.add(row.department, row.day, { activities7: row.activities7, activeContributors7: row.contributors7 });
    let requiredCourses = 0;
    for (const row of training) {
      requiredCourses = count(row.required_courses);
      if (row.department !== null) running.add(row.department, row.day, { trainedSeatHolders: row.trained });
    }
    return running.days().map((departments, index) => ({ day: addDays(from, index), counts: { departments, requiredCourses } }));
  }

  private async activityForDays(from: string, range: DayRange): Promise<DayCounts[]> {
    const running = new RunningCounts(range);
    const rows = await this.db.query<{ department: string; day: Count; seats: Count; logins7: Count; active7: Count; active30: Count }>(
      activitySql(range),
      range.params,
    );
    for (const row of rows) {
      running.add(row.department, row.day, {
        seatHolders: row.seats,
        logins7: row.logins7,
        activeUsers7: row.active7,
        activeUsers30: row.active30,
      });
    }
    return running.days().map((departments, index) => ({ day: addDays(from, index), counts: { departments, requiredCourses: 0 } }));
  }

  /** Names of every department known from CRM data. */
  async departmentNames(): Promise<string[]> {
    const rows = await this.db.query<{ name: string }>('SELECT name FROM departments ORDER BY name');
    return rows.map((row) => row.name);
  }

  /** The earliest instant of any user activity (login, record, opportunity, completed course, activity), or null when there is none. */
  async earliestActivity(): Promise<number | null> {
    const [row] = await this.db.query<{ first: Count }>(
      `SELECT MIN(first) AS first FROM (
         SELECT MIN(login_at) AS first FROM login_events
         UNION ALL SELECT MIN(created_at) FROM records
         UNION ALL SELECT MIN(created_at) FROM opportunities
         UNION ALL SELECT MIN(completed_at) FROM training_assignments
         UNION ALL SELECT MIN(occurred_at) FROM activities
       ) firsts`,
    );
    return toNullableNumber(row?.first ?? null);
  }
}

function count(value: Count): number {
  return value === null ? 0 : toNumber(value);
}
