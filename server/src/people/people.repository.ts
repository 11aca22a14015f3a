import { Injectable } from '@nestjs/common';
import { addDays, endOfDayExclusive, startOfDay } from '../common/time.util';
import { Database, toNullableNumber, toNumber } from '../database/database.service';
import {
  FIELDS_OF_RECORD_VERSION,
  firstVersions,
  IS_COUNTED_LOGIN,
  IS_OPEN_OPPORTUNITY,
  IS_PRESENT_RECORD,
  IS_SEAT_HOLDER,
  OPPORTUNITIES_IN_FORCE,
  RECORDS_IN_FORCE,
  requiredFields,
  STALE_FLAG,
  USERS_IN_FORCE,
  VERSION_TABLES,
} from '../metrics/metric-rules.sql';
import { PERSON_TRAINING_CTE, PERSON_USERS_CTE } from './person-resolution.sql';
import { REQUIRED_COURSES_CTE } from '../training/required-courses.sql';

/** What one seat holder did as of day T: the per-person numerators of every metric. */
export interface PersonActivity {
  connectionId: number;
  externalId: string;
  name: string | null;
  email: string | null;
  department: string;
  managerExternalId: string | null;
  /** When the user was created in its connection (their start); null: unknown. */
  createdAt?: number | null;
  /** Name of the manager when the manager is a user of the same connection. */
  managerName: string | null;
  /** Latest counted login before the end of T (epoch ms), or null. */
  lastLoginAt: number | null;
  /** Counted logins in the 7, 14 and 30 days ending with T. */
  logins7: number;
  logins14: number;
  logins30: number;
  /** Tracked records owned, and the sum over them of (required fields filled / required fields). */
  trackedRecords: number;
  completenessSum: number;
  /** Opportunities open at T, and the stale ones among them. */
  openOpportunities: number;
  staleOpportunities: number;
  /** Required courses completed before the end of T, out of `requiredCourses`. */
  requiredCoursesDone: number;
  requiredCourses: number;
  /** Latest completed_at among the required courses completed before the end of T (epoch ms), or null. */
  lastRequiredCompletedAt: number | null;
  /** Activities (not deleted) that took place in the 7 days ending with T. */
  activities7: number;
  /** Activities, opportunities and records (not deleted) of the 7 days ending with T: work, not presence. */
  workItems7: number;
  /** Latest activity (not deleted) that took place before the end of T (epoch ms), or null. */
  lastActivityAt: number | null;
}

type Cell = number | string | null;

interface PersonRow {
  connection_id: Cell;
  external_id: string;
  name: string | null;
  email: string | null;
  department: string;
  manager_external_id: string | null;
  created_at: Cell;
  manager_name: string | null;
  last_login: Cell;
  logins7: Cell;
  logins14: Cell;
  logins30: Cell;
  records: Cell;
  completeness_sum: Cell;
  open_count: Cell;
  stale_count: Cell;
  courses_done: Cell;
  last_completed: Cell;
  required_courses: Cell;
  activities7: Cell;
  work_items7: Cell;
  last_activity: Cell;
}

/**
 * One row per seat holder at T with every per-person aggregate. The rules are those of the metric
 * catalogue (see metrics.repository.ts), grouped by person instead of by department:
 * - seat holder: active, licensed, not integration, created before the end of T or with no created_at;
 * - counted login: success and not the `api` channel, in [start of T-6 | T-13 | T-29, end of T];
 *   the last one is found by walking the (connection, user, login_at) index backwards from end(T);
 * - tracked record: of an object type with required fields in the plan in force (`:planVersionId`; left out: the newest), not deleted, created
 *   before the end of T (or no created_at); a missing field row is not filled;
 * - open opportunity: not deleted, created before the end of T (or no created_at), not closed or
 *   closed after T; stale: close date before T, or no touch (created, activity, modified) in the
 *   30 days ending with T;
 * - required course: of the seat holder's department (training/required-courses.sql.ts); done when completed before the end of T by
 *   a row of the person (any of their users, or their email: people/person-resolution.sql.ts);
 * - work: activities that took place, opportunities and records created (with the owner of their
 *   first version), in the 7 days ending with T (not deleted); the last activity is found on the
 *   (connection, owner, occurred_at) index.
 * Users, records (with their field values) and opportunities are the versions in force at the end of T.
 */
const PEOPLE_SQL = (departmentFilter: string, planVersion: string) => `WITH seat AS (
  SELECT u.connection_id, u.external_id, u.name, u.email, u.manager_external_id, u.created_at, d.name AS department
  FROM ${USERS_IN_FORCE} u
  JOIN departments d ON d.id = u.department_id
  WHERE ${IS_SEAT_HOLDER}${departmentFilter}
),
activity AS (
  SELECT l.connection_id, l.user_external_id,
         SUM(CASE WHEN l.login_at >= :start7 THEN 1 ELSE 0 END) AS logins7,
         SUM(CASE WHEN l.login_at >= :start14 THEN 1 ELSE 0 END) AS logins14,
         COUNT(*) AS logins30
  FROM login_events l
  JOIN seat s ON s.connection_id = l.connection_id AND s.external_id = l.user_external_id
  WHERE l.login_at >= :start30 AND l.login_at < :endExcl AND ${IS_COUNTED_LOGIN}
  GROUP BY l.connection_id, l.user_external_id
),
required_field AS (
  ${requiredFields(planVersion)}
),
required_count AS (
  SELECT object_type, COUNT(*) AS fields FROM required_field GROUP BY object_type
),
tracked AS (
  SELECT r.connection_id, r.object_type, r.external_id, r.valid_from, r.owner_external_id, q.fields
  FROM ${RECORDS_IN_FORCE} r
  JOIN seat s ON s.connection_id = r.connection_id AND s.external_id = r.owner_external_id
  JOIN required_count q ON q.object_type = r.object_type
  WHERE ${IS_PRESENT_RECORD}
),
per_record AS (
  SELECT r.connection_id, r.owner_external_id, r.fields, COUNT(q.field) AS filled
  FROM tracked r
  LEFT JOIN record_field_versions f
    ON ${FIELDS_OF_RECORD_VERSION} AND f.filled = TRUE
  LEFT JOIN required_field q ON q.object_type = f.object_type AND q.field = f.field
  GROUP BY r.connection_id, r.object_type, r.external_id, r.owner_external_id, r.fields
),
completeness AS (
  SELECT connection_id, owner_external_id, COUNT(*) AS records,
         SUM(CAST(filled AS DOUBLE PRECISION) / CAST(fields AS DOUBLE PRECISION)) AS completeness_sum
  FROM per_record
  GROUP BY connection_id, owner_external_id
),
pipeline AS (
  SELECT o.connection_id, o.owner_external_id, COUNT(*) AS open_count,
         SUM(${STALE_FLAG}) AS stale_count
  FROM ${OPPORTUNITIES_IN_FORCE} o
  JOIN seat s ON s.connection_id = o.connection_id AND s.external_id = o.owner_external_id
  WHERE ${IS_OPEN_OPPORTUNITY}
  GROUP BY o.connection_id, o.owner_external_id
),
${REQUIRED_COURSES_CTE},
${PERSON_USERS_CTE},
${PERSON_TRAINING_CTE},
completed AS (
  SELECT s.connection_id, s.external_id AS user_external_id, COUNT(DISTINCT t.course) AS courses, MAX(t.completed_at) AS last_completed
  FROM seat s
  JOIN person_users p ON p.connection_id = s.connection_id AND p.external_id = s.external_id
  JOIN person_training t ON t.person_id = p.person_id
  JOIN required_course q ON q.department = s.department AND q.course = t.course
  WHERE t.completed_at IS NOT NULL AND t.completed_at < :endExcl
  GROUP BY s.connection_id, s.external_id
),
work AS (
  SELECT w.connection_id, w.owner_external_id, SUM(w.n) AS activities7, COUNT(*) AS work_items7
  FROM (
    SELECT a.connection_id, a.owner_external_id, 1 AS n FROM activities a
    WHERE a.deleted = FALSE AND a.occurred_at >= :start7 AND a.occurred_at < :endExcl
    UNION ALL SELECT o.connection_id, o.owner_external_id, 0 FROM ${firstVersions(VERSION_TABLES.opportunities)} o
    WHERE o.deleted = FALSE AND o.created_at >= :start7 AND o.created_at < :endExcl
    UNION ALL SELECT r.connection_id, r.owner_external_id, 0 FROM ${firstVersions(VERSION_TABLES.records)} r
    WHERE r.deleted = FALSE AND r.created_at >= :start7 AND r.created_at < :endExcl
  ) w
  JOIN seat s ON s.connection_id = w.connection_id AND s.external_id = w.owner_external_id
  GROUP BY w.connection_id, w.owner_external_id
)
SELECT s.connection_id, s.external_id, s.name, s.email, s.department, s.manager_external_id, s.created_at, m.name AS manager_name,
       (SELECT l.login_at FROM login_events l
         WHERE l.connection_id = s.connection_id AND l.user_external_id = s.external_id
           AND l.login_at < :endExcl AND ${IS_COUNTED_LOGIN}
         ORDER BY l.login_at DESC LIMIT 1) AS last_login,
       a.logins7, a.logins14, a.logins30,
       c.records, c.completeness_sum,
       o.open_count, o.stale_count,
       k.courses AS courses_done, k.last_completed,
       (SELECT COUNT(*) FROM required_course q WHERE q.department = s.department) AS required_courses,
       w.activities7, w.work_items7,
       (SELECT MAX(a.occurred_at) FROM activities a
         WHERE a.connection_id = s.connection_id AND a.owner_external_id = s.external_id
           AND a.occurred_at < :endExcl AND a.deleted = FALSE) AS last_activity
FROM seat s
LEFT JOIN ${USERS_IN_FORCE} m ON m.connection_id = s.connection_id AND m.external_id = s.manager_external_id
LEFT JOIN activity a ON a.connection_id = s.connection_id AND a.user_external_id = s.external_id
LEFT JOIN completeness c ON c.connection_id = s.connection_id AND c.owner_external_id = s.external_id
LEFT JOIN pipeline o ON o.connection_id = s.connection_id AND o.owner_external_id = s.external_id
LEFT JOIN completed k ON k.connection_id = s.connection_id AND k.user_external_id = s.external_id
LEFT JOIN work w ON w.connection_id = s.connection_id AND w.owner_external_id = s.external_id
ORDER BY s.department, s.external_id, s.connection_id`;

/** Per-person aggregates of the seat holders of one department, or of all, as of a day. */
@Injectable()
export class PeopleRepository {
  constructor(private readonly db: Database) {}

  /**
   * Every seat holder at `day` (in `timezone`) with their activity, records, opportunities and
   * training, ordered by department then external id. `department` limits it to one department;
   * records are tracked by the required fields of plan version `planVersionId` (the plan in force
   * on `day`; null: no plan; left out: the newest version).
   */
  async seatHolders(day: string, timezone: string, department?: string, planVersionId?: number | null): Promise<PersonActivity[]> {
    const params = {
      day,
      endExcl: endOfDayExclusive(day, timezone),
      start7: startOfDay(addDays(day, -6), timezone),
      start14: startOfDay(addDays(day, -13), timezone),
      start30: startOfDay(addDays(day, -29), timezone),
      ...(department === undefined ? {} : { department }),
      ...(planVersionId === undefined ? {} : { planVersionId }),
    };
    const planVersion =
      planVersionId === undefined
        ? '(SELECT p.id FROM plan_versions p WHERE p.version = (SELECT MAX(version) FROM plan_versions))'
        : ':planVersionId';
    const rows = await this.db.query<PersonRow>(
      PEOPLE_SQL(department === undefined ? '' : '\n    AND d.name = :department', planVersion),
      params,
    );
    return rows.map(toPerson);
  }
}

function count(value: Cell): number {
  return value === null ? 0 : toNumber(value);
}

function toPerson(row: PersonRow): PersonActivity {
  return {
    connectionId: toNumber(row.connection_id),
    externalId: row.external_id,
    name: row.name,
    email: row.email,
    department: row.department,
    managerExternalId: row.manager_external_id,
    createdAt: toNullableNumber(row.created_at),
    managerName: row.manager_name,
    lastLoginAt: toNullableNumber(row.last_login),
    logins7: count(row.logins7),
    logins14: count(row.logins14),
    logins30: count(row.logins30),
    trackedRecords: count(row.records),
    completenessSum: count(row.completeness_sum),
    openOpportunities: count(row.open_count),
    staleOpportunities: count(row.stale_count),
    requiredCoursesDone: count(row.courses_done),
    requiredCourses: count(row.required_courses),
    lastRequiredCompletedAt: toNullableNumber(row.last_completed),
    activities7: count(row.activities7),
    workItems7: count(row.work_items7),
    lastActivityAt: toNullableNumber(row.last_activity),
  };
}
