/**
 * DESIGN.md `training_completion`: the courses required of a seat holder. When the plan names
 * `training.required_courses`, those listed for their department, else those for `*` (a department
 * with neither has none); when it names none, the courses marked required in any training row.
 * The plan is the newest version, as for required fields.
 *
 * CTE list giving `required_course (department, course)` for every department of the CTE `seat`
 * (which must come before it, with a `department` column), and `required_course_count
 * (department, courses)` for the departments that have at least one; `any_required_course
 * (course)`: every course required of anyone, seat holder or not.
 */
export const REQUIRED_COURSES_CTE = `plan_course AS (
  SELECT c.department, c.course
  FROM plan_required_courses c
  WHERE c.plan_version_id = (SELECT p.id FROM plan_versions p WHERE p.version = (SELECT MAX(version) FROM plan_versions))
),
seat_department AS (
  SELECT DISTINCT department FROM seat
),
required_course AS (
  SELECT d.department, c.course
  FROM seat_department d
  JOIN plan_course c ON c.department = d.department
  UNION ALL
  SELECT d.department, c.course
  FROM seat_department d
  JOIN plan_course c ON c.department = '*'
  WHERE NOT EXISTS (SELECT 1 FROM plan_course own WHERE own.department = d.department)
  UNION ALL
  SELECT d.department, r.course
  FROM seat_department d
  CROSS JOIN (SELECT DISTINCT course FROM training_assignments WHERE required = TRUE) r
  WHERE NOT EXISTS (SELECT 1 FROM plan_course)
),
required_course_count AS (
  SELECT department, COUNT(*) AS courses FROM required_course GROUP BY department
),
any_required_course AS (
  SELECT DISTINCT course FROM plan_course
  UNION
  SELECT DISTINCT course FROM training_assignments WHERE required = TRUE AND NOT EXISTS (SELECT 1 FROM plan_course)
)`;
