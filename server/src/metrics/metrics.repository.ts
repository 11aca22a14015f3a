import { Injectable } from '@nestjs/common';
import { addDays, endOfDayExclusive, startOfDay } from '../common/time.util';
import { Database, toNullableNumber, toNumber } from '../database/database.service';
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

/** The bounds of day T in a time zone, as epoch ms and as the day itself. */
interface DayWindow {
  [name: string]: string | number;
  day: string;
  endExcl: number;
  start7: number;
  start30: number;
}

function windowOf(day: string, timezone: string): DayWindow {
  return {
    day,
    endExcl: endOfDayExclusive(day, timezone),
    start7: startOfDay(addDays(day, -6), timezone),
    start30: startOfDay(addDays(day, -29), timezone),
  };
}

/**
 * Seat holders at T: active, licensed, not integration, created before the end of T (or with no
 * created_at), with their department's name.
 */
const SEAT_HOLDERS = `seat AS (
  SELECT u.connection_id, u.external_id, d.name AS department
  FROM crm_users u
  JOIN departments d ON d.id = u.department_id
  WHERE u.active = TRUE AND u.licensed = TRUE AND u.integration = FALSE
    AND (u.created_at IS NULL OR u.created_at < :endExcl)
)`;

/**
 * Seat holders, active users (7 and 30 days) and counted logins per department. Logins are
 * aggregated per user over the 30-day window first (a range on the login_at index), then joined.
 */
const ACTIVITY_SQL = `WITH ${SEAT_HOLDERS},
counted AS (
  SELECT l.connection_id, l.user_external_id,
         SUM(CASE WHEN l.login_at >= :start7 THEN 1 ELSE 0 END) AS logins7,
         COUNT(*) AS logins30
  FROM login_events l
  WHERE l.login_at >= :start30 AND l.login_at < :endExcl
    AND l.success = TRUE AND l.channel <> 'api'
  GROUP BY l.connection_id, l.user_external_id
)
SELECT s.department,
       COUNT(*) AS seat_holders,
       SUM(CASE WHEN c.logins7 > 0 THEN 1 ELSE 0 END) AS active7,
       SUM(CASE WHEN c.logins30 > 0 THEN 1 ELSE 0 END) AS active30,
       SUM(COALESCE(c.logins7, 0)) AS logins7
FROM seat s
LEFT JOIN counted c ON c.connection_id = s.connection_id AND c.user_external_id = s.external_id
GROUP BY s.department`;

/**
 * Record completeness per department: required fields of the latest plan version; a record is
 * tracked when its object type has required fields; a missing field row counts as not filled.
 */
const COMPLETENESS_SQL = `WITH ${SEAT_HOLDERS},
required_field AS (
  SELECT f.object_type, f.field
  FROM plan_required_fields f
  WHERE f.plan_version_id = (SELECT p.id FROM plan_versions p WHERE p.version = (SELECT MAX(version) FROM plan_versions))
),
required_count AS (
  SELECT object_type, COUNT(*) AS fields FROM required_field GROUP BY object_type
),
tracked AS (
  SELECT r.connection_id, r.object_type, r.external_id, s.department, q.fields
  FROM records r
  JOIN seat s ON s.connection_id = r.connection_id AND s.external_id = r.owner_external_id
  JOIN required_count q ON q.object_type = r.object_type
  WHERE r.deleted = FALSE AND (r.created_at IS NULL OR r.created_at < :endExcl)
),
per_record AS (
  SELECT t.department, t.fields, COUNT(q.field) AS filled
  FROM tracked t
  LEFT JOIN record_fields f
    ON f.connection_id = t.connection_id AND f.object_type = t.object_type
   AND f.record_external_id = t.external_id AND f.filled = TRUE
  LEFT JOIN required_field q ON q.object_type = f.object_type AND q.field = f.field
  GROUP BY t.connection_id, t.object_type, t.external_id, t.department, t.fields
)
SELECT department,
       COUNT(*) AS records,
       SUM(CAST(filled AS DOUBLE PRECISION) / CAST(fields AS DOUBLE PRECISION)) AS completeness_sum
FROM per_record
GROUP BY department`;

/**
 * Open and stale opportunities per department. Open at T: not deleted, created before the end of
 * T (or no created_at), and not closed or closed with a close date after T. Stale: no touch
 * (created, last activity, last modified) in the 30 days ending with T, or the close date is past.
 */
const STALE_SQL = `WITH ${SEAT_HOLDERS},
open_at AS (
  SELECT s.department,
         CASE
           WHEN o.close_date IS NOT NULL AND o.close_date < :day THEN 1
           WHEN (o.created_at >= :start30 AND o.created_at < :endExcl)
             OR (o.last_activity_at >= :start30 AND o.last_activity_at < :endExcl)
             OR (o.last_modified_at >= :start30 AND o.last_modified_at < :endExcl) THEN 0
           ELSE 1
         END AS stale
  FROM opportunities o
  JOIN seat s ON s.connection_id = o.connection_id AND s.external_id = o.owner_external_id
  WHERE o.deleted = FALSE
    AND (o.created_at IS NULL OR o.created_at < :endExcl)
    AND (o.is_closed = FALSE OR o.close_date > :day)
)
SELECT department, COUNT(*) AS open_count, SUM(stale) AS stale_count
FROM open_at
GROUP BY department`;

/**
 * Seat holders who completed every required course by the end of T, per department, with the
 * number of required courses (one row with a null department when nobody holds a seat).
 */
const TRAINING_SQL = `WITH ${SEAT_HOLDERS},
required_course AS (
  SELECT DISTINCT course FROM training_assignments WHERE required = TRUE
),
required_count AS (
  SELECT COUNT(*) AS courses FROM required_course
),
completed AS (
  SELECT t.connection_id, t.user_external_id, COUNT(DISTINCT t.course) AS courses
  FROM training_assignments t
  JOIN required_course q ON q.course = t.course
  WHERE t.completed_at IS NOT NULL AND t.completed_at < :endExcl
  GROUP BY t.connection_id, t.user_external_id
),
per_department AS (
  SELECT s.department,
         SUM(CASE WHEN c.courses = (SELECT courses FROM required_count) THEN 1 ELSE 0 END) AS trained
  FROM seat s
  LEFT JOIN completed c ON c.connection_id = s.connection_id AND c.user_external_id = s.external_id
  GROUP BY s.department
)
SELECT p.department, p.trained, q.courses AS required_courses
FROM required_count q
LEFT JOIN per_department p ON TRUE`;

type Count = number | string | null;

/**
 * The metric aggregations: one SQL statement per family (activity, completeness, stale
 * opportunities, training), each returning per-department counts for day T in a time zone.
 */
@Injectable()
export class MetricsRepository {
  constructor(private readonly db: Database) {}

  async countsAsOf(day: string, timezone: string): Promise<MetricCounts> {
    const window = windowOf(day, timezone);
    const activity = await this.db.query<{ department: string; seat_holders: Count; active7: Count; active30: Count; logins7: Count }>(
      ACTIVITY_SQL,
      window,
    );
    const completeness = await this.db.query<{ department: string; records: Count; completeness_sum: Count }>(COMPLETENESS_SQL, window);
    const stale = await this.db.query<{ department: string; open_count: Count; stale_count: Count }>(STALE_SQL, window);
    const training = await this.db.query<{ department: string | null; trained: Count; required_courses: Count }>(TRAINING_SQL, window);

    const byName = new Map<string, DepartmentCounts>();
    for (const row of activity) {
      byName.set(row.department, {
        department: row.department,
        seatHolders: toNumber(row.seat_holders),
        activeUsers7: count(row.active7),
        activeUsers30: count(row.active30),
        logins7: count(row.logins7),
        completenessSum: 0,
        trackedRecords: 0,
        openOpportunities: 0,
        staleOpportunities: 0,
        trainedSeatHolders: 0,
      });
    }
    // Every other family joins the same seat holders, so its departments are among these.
    for (const row of completeness) {
      const counts = byName.get(row.department);
      if (counts) {
        counts.trackedRecords = count(row.records);
        counts.completenessSum = count(row.completeness_sum);
      }
    }
    for (const row of stale) {
      const counts = byName.get(row.department);
      if (counts) {
        counts.openOpportunities = count(row.open_count);
        counts.staleOpportunities = count(row.stale_count);
      }
    }
    let requiredCourses = 0;
    for (const row of training) {
      requiredCourses = count(row.required_courses);
      const counts = row.department === null ? undefined : byName.get(row.department);
      if (counts) counts.trainedSeatHolders = count(row.trained);
    }
    const departments = [...byName.values()].sort((a, b) => compareNames(a.department, b.department));
    return { departments, requiredCourses };
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
