/**
 * DESIGN.md's definitions as SQL, shared by every query that applies them (metrics, people, ROI,
 * training), so that a rule is written once. Aliases: `u` a user version, `l` login_events, `o` an
 * opportunity version, `r` a record version. Parameters: `:endExcl` (the instant after day T),
 * `:day` (T as YYYY-MM-DD), `:start30` (the start of day T-29).
 *
 * Users, opportunities and records are read from their versions (DESIGN.md "History"): the version
 * in force at end(T) is the latest valid from on or before end(T); before the first version of a
 * thing, the first version stands in (the rules below still drop a thing created after T). A day
 * reads `USERS_IN_FORCE` and its kin; a range of days reads `versionSpans`, which gives each
 * version the days it is in force.
 */

/** `a` or `b`, whichever is greater (GREATEST is not in SQLite, max(a, b) is not in PostgreSQL). */
export function greatest(a: string, b: string): string {
  return `CASE WHEN ${a} >= ${b} THEN ${a} ELSE ${b} END`;
}

/** `a` or `b`, whichever is smaller. */
export function least(a: string, b: string): string {
  return `CASE WHEN ${a} <= ${b} THEN ${a} ELSE ${b} END`;
}

/** The version tables, with the columns that name one thing (before `valid_from`). */
export const VERSION_TABLES = {
  users: { table: 'crm_user_versions', keys: ['connection_id', 'external_id'] },
  opportunities: { table: 'opportunity_versions', keys: ['connection_id', 'external_id'] },
  records: { table: 'record_versions', keys: ['connection_id', 'object_type', 'external_id'] },
} as const;
type VersionFamily = (typeof VERSION_TABLES)[keyof typeof VERSION_TABLES];

/**
 * The versions of a family in force at `:endExcl`, one per thing, as a subquery: no later version
 * valid before `:endExcl`, and either valid before it itself or the thing's first version (the
 * stand-in). Both look-ups walk the primary key (keys, valid_from).
 */
function inForce({ table, keys }: VersionFamily): string {
  const same = (alias: string) => keys.map((key) => `${alias}.${key} = v.${key}`).join(' AND ');
  return `(SELECT v.* FROM ${table} v
    WHERE NOT EXISTS (SELECT 1 FROM ${table} n WHERE ${same('n')} AND n.valid_from > v.valid_from AND n.valid_from < :endExcl)
      AND (v.valid_from < :endExcl OR NOT EXISTS (SELECT 1 FROM ${table} p WHERE ${same('p')} AND p.valid_from < v.valid_from)))`;
}

/** The first version of every thing of a family (as Uptake first saw it), as a subquery. */
export function firstVersions({ table, keys }: VersionFamily): string {
  const same = keys.map((key) => `p.${key} = v.${key}`).join(' AND ');
  return `(SELECT v.* FROM ${table} v WHERE NOT EXISTS (SELECT 1 FROM ${table} p WHERE ${same} AND p.valid_from < v.valid_from))`;
}

/** Users as in force at end(T) (a `FROM` source). */
export const USERS_IN_FORCE = inForce(VERSION_TABLES.users);
/** Opportunities as in force at end(T). */
export const OPPORTUNITIES_IN_FORCE = inForce(VERSION_TABLES.opportunities);
/** Records as in force at end(T); their field values are the `record_field_versions` rows of the same `valid_from`. */
export const RECORDS_IN_FORCE = inForce(VERSION_TABLES.records);

/** Joins the field values (alias `f`) of a record version `r`, of the same valid_from. */
export const FIELDS_OF_RECORD_VERSION = `f.connection_id = r.connection_id AND f.object_type = r.object_type
   AND f.record_external_id = r.external_id AND f.valid_from = r.valid_from`;

/**
 * Every version of a family with the days it is in force at their end, as a subquery with the
 * version's columns and `span_from`..`span_to` (day numbers): from the day of its valid_from (the
 * first version from `first`: it stands in for the days before it) to the day before the next
 * version's (no next version: far beyond `last`, so consumers must not read span_to as within the
 * range). Several versions of one day leave only the last in force at its end: the others get an
 * empty span (span_from > span_to), which consumers drop when they intersect spans. The previous
 * and next versions are found through the primary key (keys, valid_from), which on SQLite is
 * cheaper than a window over the whole table; a version valid before the range starts on its first
 * day whether it is the first version or not, so only later ones look for a previous version. `dayOf` maps an instant column to its local day
 * number (monotonic, so the next version's day is the least day of the later versions).
 */
export function versionSpans(family: VersionFamily, first: string, last: string, dayOf: (column: string) => string): string {
  const same = family.keys.map((key) => `n.${key} = v.${key}`).join(' AND ');
  const farBeyond = `(${last} + 100000)`;
  return `(SELECT v.*,
    CASE WHEN ${dayOf('v.valid_from')} <= ${first} THEN ${first}
         WHEN EXISTS (SELECT 1 FROM ${family.table} n WHERE ${same} AND n.valid_from < v.valid_from) THEN ${dayOf('v.valid_from')}
         ELSE ${first} END AS span_from,
    COALESCE((SELECT MIN(${dayOf('n.valid_from')}) FROM ${family.table} n WHERE ${same} AND n.valid_from > v.valid_from) - 1, ${farBeyond}) AS span_to
  FROM ${family.table} v)`;
}

/** Active, licensed, not an integration account, and created by the end of T (or never dated). */
export const IS_SEAT_HOLDER = `u.active = TRUE AND u.licensed = TRUE AND u.integration = FALSE
    AND (u.created_at IS NULL OR u.created_at < :endExcl)`;

/** A login that counts: it succeeded and did not come through the API. */
export const IS_COUNTED_LOGIN = `l.success = TRUE AND l.channel <> 'api'`;

/** An opportunity that exists at T: not deleted, and created by the end of T (or never dated). */
export const IS_PRESENT_OPPORTUNITY = `o.deleted = FALSE
    AND (o.created_at IS NULL OR o.created_at < :endExcl)`;

/** Open at T: present, and not closed or closed with a close date after T. */
export const IS_OPEN_OPPORTUNITY = `${IS_PRESENT_OPPORTUNITY}
    AND (o.is_closed = FALSE OR o.close_date > :day)`;

/** A record that exists at T: not deleted, and created by the end of T (or never dated). */
export const IS_PRESENT_RECORD = `r.deleted = FALSE AND (r.created_at IS NULL OR r.created_at < :endExcl)`;

/** The required fields (object_type, field) of plan version `planVersion` (an SQL expression: a parameter or a sub-query). */
export const requiredFields = (planVersion: string): string => `SELECT f.object_type, f.field
  FROM plan_required_fields f
  WHERE f.plan_version_id = ${planVersion}`;

/** The courses marked required in any training row. */
export const REQUIRED_COURSES = `SELECT DISTINCT course FROM training_assignments WHERE required = TRUE`;

/** 1 when an open opportunity is stale at T (past its close date, or untouched for 30 days, related activities included), else 0. */
export const STALE_FLAG = `CASE
           WHEN o.close_date IS NOT NULL AND o.close_date < :day THEN 1
           WHEN (o.created_at >= :start30 AND o.created_at < :endExcl)
             OR (o.last_activity_at >= :start30 AND o.last_activity_at < :endExcl)
             OR (o.last_modified_at >= :start30 AND o.last_modified_at < :endExcl)
             OR EXISTS (SELECT 1 FROM activities a
                        WHERE a.connection_id = o.connection_id AND a.related_external_id = o.external_id AND a.deleted = FALSE
                          AND a.occurred_at >= :start30 AND a.occurred_at < :endExcl) THEN 0
           ELSE 1
         END`;
