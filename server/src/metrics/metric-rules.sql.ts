/**
 * DESIGN.md's definitions as SQL conditions, shared by every query that applies them (metrics,
 * people, ROI, training), so that a rule is written once. Aliases: `u` crm_users, `l`
 * login_events, `o` opportunities. Parameters: `:endExcl` (the instant after day T), `:day` (T as
 * YYYY-MM-DD), `:start30` (the start of day T-29).
 */

/** Active, licensed, not an integration account, and created by the end of T (or never dated). */
export const IS_SEAT_HOLDER = `u.active = TRUE AND u.licensed = TRUE AND u.integration = FALSE
    AND (u.created_at IS NULL OR u.created_at < :endExcl)`;

/** A login that counts: it succeeded and did not come through the API. */
export const IS_COUNTED_LOGIN = `l.success = TRUE AND l.channel <> 'api'`;

/** Open at T: not deleted, created by the end of T (or never dated), and not closed or closed after T. */
export const IS_OPEN_OPPORTUNITY = `o.deleted = FALSE
    AND (o.created_at IS NULL OR o.created_at < :endExcl)
    AND (o.is_closed = FALSE OR o.close_date > :day)`;

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
