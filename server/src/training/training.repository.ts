import { Injectable } from '@nestjs/common';
import { addDays, endOfDayExclusive, startOfDay } from '../common/time.util';
import { Database, toNumber } from '../database/database.service';
import { IS_COUNTED_LOGIN, IS_SEAT_HOLDER, USERS_IN_FORCE } from '../metrics/metric-rules.sql';
import { PERSON_TRAINING_CTE, PERSON_USERS_CTE } from '../people/person-resolution.sql';
import { REQUIRED_COURSES_CTE } from './required-courses.sql';

/** Logins around training completion of one department's seat holders. */
export interface DepartmentLoginsAroundCompletion {
  department: string;
  /** Seat holders in the cohort (completion day among the given days). */
  people: number;
  /** Their counted logins in the 28 days before their completion day. */
  loginsBefore: number;
  /** Their counted logins in the 28 days from their completion day on. */
  loginsAfter: number;
}

/** Days before and after the completion day that the comparison covers (4 weeks). */
export const LIFT_WINDOW_DAYS = 28;

type Cell = number | string | null;

const DAY_MS = 86_400_000;

/** Four bound values per calendar day (up to two rows each): stay far below the bound-value limits of SQLite and PostgreSQL. */
const CALENDAR_DAYS_PER_STATEMENT = 1000;

/**
 * Seat holders at T who completed every required course by the end of T, with their completion
 * instant (the latest completed_at of their required courses), matched to a calendar of completion
 * days whose bounds are computed in the time zone by the caller; then their counted logins in
 * [start of D-28, start of D) and [start of D, start of D+28). A local day overlaps one or two UTC
 * days: the calendar has a row per overlapped UTC day number (instant / 86400000), so the match is
 * an equality join plus the exact range check, not a scan of the calendar per person.
 */
const LIFT_SQL = (calendar: string) => `WITH seat AS (
  SELECT u.connection_id, u.external_id, d.name AS department
  FROM ${USERS_IN_FORCE} u
  JOIN departments d ON d.id = u.department_id
  WHERE ${IS_SEAT_HOLDER}
),
${REQUIRED_COURSES_CTE},
${PERSON_USERS_CTE},
${PERSON_TRAINING_CTE},
completion AS (
  SELECT s.department, s.connection_id, s.external_id AS user_external_id, MAX(t.completed_at) AS completed_at
  FROM seat s
  JOIN person_users p ON p.connection_id = s.connection_id AND p.external_id = s.external_id
  JOIN person_training t ON t.person_id = p.person_id
  JOIN required_course q ON q.department = s.department AND q.course = t.course
  JOIN required_course_count r ON r.department = s.department
  WHERE t.completed_at IS NOT NULL AND t.completed_at < :endExcl
  GROUP BY s.department, s.connection_id, s.external_id, r.courses
  HAVING COUNT(DISTINCT t.course) = r.courses
),
calendar (utc_day, day_start, next_start, before_start, after_end) AS (
  VALUES ${calendar}
),
cohort AS (
  SELECT c.department, c.connection_id, c.user_external_id, k.before_start, k.day_start, k.after_end
  FROM completion c
  JOIN calendar k
    ON k.utc_day = c.completed_at / ${DAY_MS}
   AND c.completed_at >= k.day_start AND c.completed_at < k.next_start
),
counted AS (
  SELECT h.department, h.connection_id, h.user_external_id,
         SUM(CASE WHEN l.login_at < h.day_start THEN 1 ELSE 0 END) AS logins_before,
         SUM(CASE WHEN l.login_at >= h.day_start THEN 1 ELSE 0 END) AS logins_after
  FROM cohort h
  LEFT JOIN login_events l
    ON l.connection_id = h.connection_id AND l.user_external_id = h.user_external_id
   AND ${IS_COUNTED_LOGIN}
   AND l.login_at >= h.before_start AND l.login_at < h.after_end
  GROUP BY h.department, h.connection_id, h.user_external_id
)
SELECT department, COUNT(*) AS people, SUM(logins_before) AS logins_before, SUM(logins_after) AS logins_after
FROM counted
GROUP BY department
ORDER BY department`;

/** Aggregates of the training view that the people table does not have. */
@Injectable()
export class TrainingRepository {
  constructor(private readonly db: Database) {}

  /**
   * Per department, the seat holders at `day` whose completion day (in `timezone`) is one of
   * `completionDays`, and their counted logins in the 28 days before and after it. The caller
   * passes only days at least 28 days before `day`, so both windows are over.
   */
  async loginsAroundCompletion(
    day: string,
    timezone: string,
    completionDays: readonly string[],
  ): Promise<DepartmentLoginsAroundCompletion[]> {
    const days = [...new Set(completionDays)].sort();
    const byDepartment = new Map<string, DepartmentLoginsAroundCompletion>();
    for (let start = 0; start < days.length; start += CALENDAR_DAYS_PER_STATEMENT) {
      for (const part of await this.aroundCompletion(day, timezone, days.slice(start, start + CALENDAR_DAYS_PER_STATEMENT))) {
        const total = byDepartment.get(part.department);
        if (!total) byDepartment.set(part.department, part);
        else
          Object.assign(total, {
            people: total.people + part.people,
            loginsBefore: total.loginsBefore + part.loginsBefore,
            loginsAfter: total.loginsAfter + part.loginsAfter,
          });
      }
    }
    return [...byDepartment.values()].sort((a, b) => (a.department < b.department ? -1 : a.department > b.department ? 1 : 0));
  }

  private async aroundCompletion(day: string, timezone: string, days: readonly string[]): Promise<DepartmentLoginsAroundCompletion[]> {
    const params: Record<string, string | number> = { endExcl: endOfDayExclusive(day, timezone) };
    const rows: string[] = [];
    days.forEach((completionDay, index) => {
      const dayStart = startOfDay(completionDay, timezone);
      const nextStart = endOfDayExclusive(completionDay, timezone);
      params[`s${index}`] = dayStart;
      params[`n${index}`] = nextStart;
      params[`b${index}`] = startOfDay(addDays(completionDay, -LIFT_WINDOW_DAYS), timezone);
      params[`a${index}`] = startOfDay(addDays(completionDay, LIFT_WINDOW_DAYS), timezone);
      const bounds = `CAST(:s${index} AS BIGINT), CAST(:n${index} AS BIGINT), CAST(:b${index} AS BIGINT), CAST(:a${index} AS BIGINT)`;
      for (const utcDay of new Set([Math.floor(dayStart / DAY_MS), Math.floor((nextStart - 1) / DAY_MS)])) {
        rows.push(`(${utcDay}, ${bounds})`);
      }
    });
    const result = await this.db.query<{ department: string; people: Cell; logins_before: Cell; logins_after: Cell }>(
      LIFT_SQL(rows.join(',\n    ')),
      params,
    );
    return result.map((row) => ({
      department: row.department,
      people: toNumber(row.people),
      loginsBefore: toNumber(row.logins_before ?? 0),
      loginsAfter: toNumber(row.logins_after ?? 0),
    }));
  }
}
