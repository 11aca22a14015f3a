-- The benchmark's reference: the metrics of DESIGN.md for every department and the
-- organisation on every day from {{FIRST_DAY}} to {{LAST_DAY}} (UTC), written by hand for the sqlite3
-- shell and stored in ref_snapshots. It uses what the shell offers and Uptake does not (SQLite's
-- own date functions, window functions over a day series, one script with temporary tables) and
-- the fastest method we know: per department, the day each count starts and stops applying,
-- summed day by day, so that the raw data is read once for the whole range.
-- Placeholders: {{FIRST}} and {{LAST}} are day numbers (days since 1970-01-01), {{START30}} the
-- first instant of day FIRST - 29 and {{END}} the first instant after day LAST, in epoch ms.
PRAGMA temp_store = FILE;
BEGIN;
DROP TABLE IF EXISTS ref_snapshots;
CREATE TABLE ref_snapshots (day TEXT, department TEXT, metric TEXT, value REAL, seat_holders INTEGER, PRIMARY KEY (day, department, metric));

-- seat holders at the end of the range and the first day of the range they hold a seat
CREATE TEMP TABLE seat AS
SELECT u.connection_id, u.external_id, d.name AS department,
       MAX({{FIRST}}, COALESCE(u.created_at / 86400000, {{FIRST}})) AS seat_from
FROM crm_users u JOIN departments d ON d.id = u.department_id
WHERE u.active AND u.licensed AND NOT u.integration AND (u.created_at IS NULL OR u.created_at < {{END}});
CREATE INDEX temp.seat_key ON seat (connection_id, external_id);

-- events: (department, day, change of each count)
CREATE TEMP TABLE events (department TEXT, day INTEGER, seats INTEGER, logins7 INTEGER, active7 INTEGER, active30 INTEGER,
                          records INTEGER, completeness REAL, open_count INTEGER, fresh_count INTEGER, trained INTEGER,
                          activities7 INTEGER, contributors7 INTEGER);

INSERT INTO events (department, day, seats) SELECT department, seat_from, 1 FROM seat;

-- logins: per user and day; a login day d counts from d to d + 6 (29), the part not covered by the previous login day
WITH user_day AS (
  SELECT connection_id, user_external_id, login_at / 86400000 AS d, COUNT(*) AS n
  FROM login_events
  WHERE login_at >= {{START30}} AND login_at < {{END}} AND success AND channel <> 'api'
  GROUP BY connection_id, user_external_id, d
),
spans AS (
  SELECT s.department, u.n, MAX(u.d, s.seat_from) AS from7, u.d + 6 AS to7, u.d + 29 AS to30,
         MAX(u.d, s.seat_from, COALESCE(LAG(u.d) OVER w + 7, u.d)) AS from_a7,
         MAX(u.d, s.seat_from, COALESCE(LAG(u.d) OVER w + 30, u.d)) AS from_a30
  FROM user_day u JOIN seat s ON s.connection_id = u.connection_id AND s.external_id = u.user_external_id
  WINDOW w AS (PARTITION BY u.connection_id, u.user_external_id ORDER BY u.d)
)
INSERT INTO events (department, day, logins7, active7, active30)
SELECT department, from7, n, 0, 0 FROM spans WHERE from7 <= to7
UNION ALL SELECT department, to7 + 1, -n, 0, 0 FROM spans WHERE from7 <= to7 AND to7 < {{LAST}}
UNION ALL SELECT department, from_a7, 0, 1, 0 FROM spans WHERE from_a7 <= to7
UNION ALL SELECT department, to7 + 1, 0, -1, 0 FROM spans WHERE from_a7 <= to7 AND to7 < {{LAST}}
UNION ALL SELECT department, from_a30, 0, 0, 1 FROM spans WHERE from_a30 <= to30
UNION ALL SELECT department, to30 + 1, 0, 0, -1 FROM spans WHERE from_a30 <= to30 AND to30 < {{LAST}};

-- record completeness: required fields of the latest plan; a record counts from the day it and its owner's seat exist
WITH required_field AS (
  SELECT object_type, field FROM plan_required_fields
  WHERE plan_version_id = (SELECT id FROM plan_versions ORDER BY version DESC LIMIT 1)
),
required_count AS (SELECT object_type, COUNT(*) AS fields FROM required_field GROUP BY object_type),
filled AS (
  SELECT f.connection_id, f.object_type, f.record_external_id, COUNT(*) AS filled
  FROM record_fields f JOIN required_field q ON q.object_type = f.object_type AND q.field = f.field
  WHERE f.filled
  GROUP BY f.connection_id, f.object_type, f.record_external_id
)
INSERT INTO events (department, day, records, completeness)
SELECT s.department, MAX(s.seat_from, COALESCE(r.created_at / 86400000, s.seat_from)), 1, COALESCE(x.filled, 0) * 1.0 / q.fields
FROM records r
JOIN required_count q ON q.object_type = r.object_type
JOIN seat s ON s.connection_id = r.connection_id AND s.external_id = r.owner_external_id
LEFT JOIN filled x ON x.connection_id = r.connection_id AND x.object_type = r.object_type AND x.record_external_id = r.external_id
WHERE NOT r.deleted AND (r.created_at IS NULL OR r.created_at < {{END}});

-- opportunities: open from creation to the day before the close date (closed ones); fresh while touched in the
-- last 30 days and not past the close date; stale = open - fresh
CREATE TEMP TABLE open_span AS
SELECT o.connection_id, o.external_id, s.department,
       MAX(s.seat_from, COALESCE(o.created_at / 86400000, s.seat_from)) AS open_from,
       MIN({{LAST}}, CASE WHEN NOT o.is_closed THEN {{LAST}} WHEN o.close_date IS NULL THEN {{FIRST}} - 1
                          ELSE CAST(julianday(o.close_date) - 2440587.5 AS INTEGER) - 1 END) AS open_to,
       CASE WHEN NOT o.is_closed AND o.close_date IS NOT NULL THEN CAST(julianday(o.close_date) - 2440587.5 AS INTEGER) ELSE {{LAST}} END AS due
FROM opportunities o JOIN seat s ON s.connection_id = o.connection_id AND s.external_id = o.owner_external_id
WHERE NOT o.deleted AND (o.created_at IS NULL OR o.created_at < {{END}});
DELETE FROM open_span WHERE open_from > open_to;
CREATE INDEX temp.open_span_key ON open_span (connection_id, external_id);

INSERT INTO events (department, day, open_count) SELECT department, open_from, 1 FROM open_span;
INSERT INTO events (department, day, open_count) SELECT department, open_to + 1, -1 FROM open_span WHERE open_to < {{LAST}};

WITH touches AS (
  SELECT connection_id, external_id, created_at / 86400000 AS t FROM opportunities WHERE created_at < {{END}} AND NOT deleted
  UNION ALL SELECT connection_id, external_id, last_activity_at / 86400000 FROM opportunities WHERE last_activity_at < {{END}} AND NOT deleted
  UNION ALL SELECT connection_id, external_id, last_modified_at / 86400000 FROM opportunities WHERE last_modified_at < {{END}} AND NOT deleted
),
fresh AS (
  SELECT p.department,
         MAX(t.t, p.open_from, COALESCE(LAG(t.t) OVER w + 30, t.t)) AS from_day,
         MIN(t.t + 29, p.open_to, p.due) AS to_day
  FROM touches t JOIN open_span p ON p.connection_id = t.connection_id AND p.external_id = t.external_id
  WINDOW w AS (PARTITION BY t.connection_id, t.external_id ORDER BY t.t)
)
INSERT INTO events (department, day, fresh_count)
SELECT department, from_day, 1 FROM fresh WHERE from_day <= to_day
UNION ALL SELECT department, to_day + 1, -1 FROM fresh WHERE from_day <= to_day AND to_day < {{LAST}};

-- work: per owner and day, activities that took place and opportunities or records created (not
-- deleted); a work day d makes its owner a contributor from d to d + 6, the part not covered by the
-- previous work day; activities of day d count from d to d + 6
WITH work_item AS (
  SELECT connection_id, owner_external_id AS owner, occurred_at / 86400000 AS d, 1 AS n FROM activities
  WHERE NOT deleted AND occurred_at >= {{START30}} AND occurred_at < {{END}}
  UNION ALL SELECT connection_id, owner_external_id, created_at / 86400000, 0 FROM opportunities
  WHERE owner_external_id IS NOT NULL AND NOT deleted AND created_at >= {{START30}} AND created_at < {{END}}
  UNION ALL SELECT connection_id, owner_external_id, created_at / 86400000, 0 FROM records
  WHERE owner_external_id IS NOT NULL AND NOT deleted AND created_at >= {{START30}} AND created_at < {{END}}
),
user_day AS (SELECT connection_id, owner, d, SUM(n) AS n FROM work_item GROUP BY connection_id, owner, d),
spans AS (
  SELECT s.department, u.n, MAX(u.d, s.seat_from) AS from_n, u.d + 6 AS to7,
         MAX(u.d, s.seat_from, COALESCE(LAG(u.d) OVER w + 7, u.d)) AS from_c
  FROM user_day u JOIN seat s ON s.connection_id = u.connection_id AND s.external_id = u.owner
  WINDOW w AS (PARTITION BY u.connection_id, u.owner ORDER BY u.d)
)
INSERT INTO events (department, day, activities7, contributors7)
SELECT department, from_n, n, 0 FROM spans WHERE n > 0 AND from_n <= to7
UNION ALL SELECT department, to7 + 1, -n, 0 FROM spans WHERE n > 0 AND from_n <= to7 AND to7 < {{LAST}}
UNION ALL SELECT department, from_c, 0, 1 FROM spans WHERE from_c <= to7
UNION ALL SELECT department, to7 + 1, 0, -1 FROM spans WHERE from_c <= to7 AND to7 < {{LAST}};

-- training: a seat holder is trained from the day of the last of their required courses
CREATE TEMP TABLE required_course AS SELECT DISTINCT course FROM training_assignments WHERE required;
INSERT INTO events (department, day, trained)
SELECT s.department, MAX(s.seat_from, c.done_day), 1
FROM seat s
JOIN (SELECT t.connection_id, t.user_external_id, COUNT(DISTINCT t.course) AS courses, MAX(t.completed_at / 86400000) AS done_day
      FROM training_assignments t JOIN required_course q ON q.course = t.course
      WHERE t.completed_at < {{END}}
      GROUP BY t.connection_id, t.user_external_id) c
  ON c.connection_id = s.connection_id AND c.user_external_id = s.external_id
WHERE c.courses = (SELECT COUNT(*) FROM required_course);

-- every department and day of the range, with the running sums of the events
CREATE TEMP TABLE counts AS
WITH RECURSIVE days(day) AS (SELECT {{FIRST}} UNION ALL SELECT day + 1 FROM days WHERE day < {{LAST}}),
changes AS (
  SELECT department, day, SUM(COALESCE(seats, 0)) AS seats, SUM(COALESCE(logins7, 0)) AS logins7, SUM(COALESCE(active7, 0)) AS active7,
         SUM(COALESCE(active30, 0)) AS active30, SUM(COALESCE(records, 0)) AS records, SUM(COALESCE(completeness, 0)) AS completeness,
         SUM(COALESCE(open_count, 0)) AS open_count, SUM(COALESCE(fresh_count, 0)) AS fresh_count, SUM(COALESCE(trained, 0)) AS trained,
         SUM(COALESCE(activities7, 0)) AS activities7, SUM(COALESCE(contributors7, 0)) AS contributors7
  FROM events GROUP BY department, day
),
grid AS (
  SELECT d.department, days.day, c.seats, c.logins7, c.active7, c.active30, c.records, c.completeness, c.open_count, c.fresh_count, c.trained,
         c.activities7, c.contributors7
  FROM (SELECT DISTINCT department FROM events) d CROSS JOIN days
  LEFT JOIN changes c ON c.department = d.department AND c.day = days.day
)
SELECT department, day,
       SUM(COALESCE(seats, 0)) OVER w AS seats, SUM(COALESCE(logins7, 0)) OVER w AS logins7,
       SUM(COALESCE(active7, 0)) OVER w AS active7, SUM(COALESCE(active30, 0)) OVER w AS active30,
       SUM(COALESCE(records, 0)) OVER w AS records, SUM(COALESCE(completeness, 0)) OVER w AS completeness,
       SUM(COALESCE(open_count, 0)) OVER w AS open_count, SUM(COALESCE(fresh_count, 0)) OVER w AS fresh_count,
       SUM(COALESCE(trained, 0)) OVER w AS trained,
       SUM(COALESCE(activities7, 0)) OVER w AS activities7, SUM(COALESCE(contributors7, 0)) OVER w AS contributors7
FROM grid
WINDOW w AS (PARTITION BY department ORDER BY day ROWS UNBOUNDED PRECEDING);
DELETE FROM counts WHERE seats = 0;
-- the organisation: the sums over departments
INSERT INTO counts
SELECT '*', day, SUM(seats), SUM(logins7), SUM(active7), SUM(active30), SUM(records), SUM(completeness), SUM(open_count), SUM(fresh_count), SUM(trained),
       SUM(activities7), SUM(contributors7)
FROM counts GROUP BY day;

-- the eight metrics; a zero denominator gives null, and so does training when no course is required
-- (departments of the plan without seat holders are left out: they have only nulls)
INSERT INTO ref_snapshots (day, department, metric, value, seat_holders)
SELECT date(day * 86400, 'unixepoch'), department, m.metric,
       CASE m.metric
         WHEN 'active_users' THEN active7 * 1.0 / seats
         WHEN 'monthly_active_users' THEN active30 * 1.0 / seats
         WHEN 'logins_per_user' THEN logins7 * 1.0 / seats
         WHEN 'record_completeness' THEN CASE WHEN records > 0 THEN completeness / records END
         WHEN 'stale_opportunities' THEN CASE WHEN open_count > 0 THEN (open_count - fresh_count) * 1.0 / open_count END
         WHEN 'training_completion' THEN CASE WHEN (SELECT COUNT(*) FROM required_course) > 0 THEN trained * 1.0 / seats END
         WHEN 'active_contributors' THEN contributors7 * 1.0 / seats
         WHEN 'activities_per_user' THEN activities7 * 1.0 / seats
       END,
       seats
FROM counts,
     (SELECT 'active_users' AS metric UNION ALL SELECT 'monthly_active_users' UNION ALL SELECT 'logins_per_user'
      UNION ALL SELECT 'record_completeness' UNION ALL SELECT 'stale_opportunities' UNION ALL SELECT 'training_completion'
      UNION ALL SELECT 'active_contributors' UNION ALL SELECT 'activities_per_user') m;
COMMIT;
