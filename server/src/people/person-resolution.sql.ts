import { ConnectionKindSchema, defaultConnectionPriority } from '@uptake/shared';

/**
 * DESIGN.md "a person is one human across connections", as SQL every metric shares.
 *
 * Users of different connections with the same email (trimmed, case-insensitive) are one person; a
 * user without an email is a person alone. A person's primary user is the user of the connection
 * with the highest `priority` (NULL: the default of its kind, `defaultConnectionPriority`), ties to
 * the older connection (then the lower connection id, then the lower user id). Users of a removed
 * connection (data kept, marked deleted) come after every live one, so removing a CRM hands its
 * people to the next connection that has them.
 *
 * A person is identified by the row id of their primary user (`person_id`), so a query that keeps
 * only primary users (`is_primary`) has one row per person with the department and flags DESIGN.md
 * reads, and every user's logins, records, activities and training join through `person_id`.
 *
 * Admins' overrides (`person_overrides`, rows not superseded) come first: a split user is a person
 * alone; the users of a merged email belong to the person of the target email.
 *
 * The resolution is computed in the statement (a window over the users), not stored: it is always
 * in step with every write of users, connection priorities and removals, with no table to keep up
 * and nothing for SQLite to rebuild when `crm_users` changes shape.
 */

/** `COALESCE(c.priority, <default of c.kind>)`: the default per kind from the shared rule. */
function effectivePriority(connection: string): string {
  const cases = ConnectionKindSchema.options.map((kind) => `WHEN '${kind}' THEN ${defaultConnectionPriority(kind)}`).join(' ');
  return `COALESCE(${connection}.priority, CASE ${connection}.kind ${cases} ELSE 10 END)`;
}

/** The email key of a user: trimmed and lower-cased, NULL when empty. */
export function emailKeySql(column: string): string {
  return `CASE WHEN TRIM(COALESCE(${column}, '')) = '' THEN NULL ELSE LOWER(TRIM(${column})) END`;
}

/** The JavaScript twin of `emailKeySql` (for input checked before it is written). */
export function emailKey(email: string | null | undefined): string | null {
  const trimmed = (email ?? '').trim();
  return trimmed === '' ? null : trimmed.toLowerCase();
}

/**
 * CTE `person_users`: one row per user of every connection with
 * - `user_id`, `connection_id`, `external_id`: the user (crm_users.id and its key);
 * - `email_key`: its trimmed, lower-case email, or NULL;
 * - `person_id`: crm_users.id of the person's primary user;
 * - `is_primary`: 1 for the primary user of each person, else 0 (compare with `= 1`);
 * - `split`: 1 when an admin took the user out of its email's person, else 0.
 * Use in a WITH list: `WITH ${PERSON_USERS_CTE}, seat AS (...)`.
 */
export const PERSON_USERS_CTE = `person_users AS MATERIALIZED (
  SELECT k.user_id, k.connection_id, k.external_id, k.email_key, k.person_id,
         CASE WHEN k.person_id = k.user_id THEN 1 ELSE 0 END AS is_primary, k.split
  FROM (
    SELECT r.user_id, r.connection_id, r.external_id, r.email_key, r.split,
           FIRST_VALUE(r.user_id) OVER (
             PARTITION BY r.person_key
             ORDER BY r.removed, r.priority DESC, r.connection_created_at, r.connection_id, r.user_id
           ) AS person_id
    FROM (
      SELECT e.*,
             CASE WHEN e.split = 1 OR e.email_key IS NULL THEN '#' || CAST(e.user_id AS VARCHAR(20))
                  ELSE COALESCE((SELECT m.target_key FROM person_overrides m
                                 WHERE m.kind = 'merge' AND m.email_key = e.email_key AND m.superseded_at IS NULL), e.email_key)
             END AS person_key
      FROM (
        SELECT u.id AS user_id, u.connection_id, u.external_id,
               ${emailKeySql('u.email')} AS email_key,
               CASE WHEN EXISTS (SELECT 1 FROM person_overrides s
                                 WHERE s.kind = 'split' AND s.user_id = u.id AND s.superseded_at IS NULL) THEN 1 ELSE 0 END AS split,
               CASE WHEN c.removed_at IS NULL THEN 0 ELSE 1 END AS removed,
               ${effectivePriority('c')} AS priority,
               c.created_at AS connection_created_at
        FROM crm_users u
        JOIN connections c ON c.id = u.connection_id
      ) e
    ) r
  ) k
)`;

/**
 * CTE `person_training` (needs `person_users` before it): every training row with the person it
 * belongs to: `person_id`, `course`, `required`, `completed_at`. A row names either a user of its
 * own connection (`user_email` NULL) or, by `user_email`, the person with that email imported
 * through any connection (not a user split out of it); a row whose user or email resolves to
 * nobody is left out.
 */
export const PERSON_TRAINING_CTE = `person_training AS MATERIALIZED (
  SELECT p.person_id, t.course, t.required, t.completed_at
  FROM training_assignments t
  JOIN person_users p ON p.connection_id = t.connection_id AND p.external_id = t.user_external_id
  WHERE t.user_email IS NULL
  UNION ALL
  SELECT p.person_id, t.course, t.required, t.completed_at
  FROM training_assignments t
  JOIN (SELECT email_key, MIN(person_id) AS person_id FROM person_users WHERE email_key IS NOT NULL AND split = 0 GROUP BY email_key) p
    ON p.email_key = t.user_email
  WHERE t.user_email IS NOT NULL
)`;
