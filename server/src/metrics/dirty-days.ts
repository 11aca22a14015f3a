import { addDays } from '../common/time.util';
import type { Sql } from '../database/sql';

/** Why stored values changed: a sync or import run (ref: its run id), a plan version (ref: its version), or `uptake snapshot`. */
export type RestatementCauseKind = 'sync' | 'import' | 'plan' | 'snapshot';

export interface RestatementCause {
  kind: RestatementCauseKind;
  /** The sync run id, or the plan version; null for a manual snapshot. */
  ref: string | null;
}

/**
 * What one write touched, in the terms of the days that read it (DESIGN.md "Late data"):
 * - `{ from: t }`: a version (user, opportunity, record) valid from t, a training completion at t,
 *   or anything created at t: every day from t's day on. `from: null` (a thing with no creation
 *   instant, which stands in for every earlier day): every day.
 * - `{ logins: [first, last] }`: logins from `first` to `last`: the days whose 7- and 30-day windows
 *   hold one of them, from `first`'s day to `last`'s day + 29.
 * - `{ fromDay: D }`: a plan version effective on day D: every day from D on.
 */
export type WrittenSpan = { from: number | null } | { logins: readonly [number, number] } | { fromDay: string };

/** What changed on a marked day: only logins (only the login metrics move), or anything. */
export type DirtyScope = 'logins' | 'all';

/** The window of the longest metric (monthly_active_users): a login counts on its day and the 29 after. */
const LONGEST_WINDOW_DAYS = 30;

/**
 * The days a span touches, as UTC calendar days widened by one on each side: an instant's day in
 * any time zone (UTC-12 to UTC+14) is its UTC day, the one before or the one after. Marking one day
 * too many costs one recomputation that finds nothing changed; marking one too few would be wrong.
 */
export function daysOfSpan(span: WrittenSpan): { from: string | null; to: string | null } {
  if ('fromDay' in span) return { from: span.fromDay, to: null };
  if ('logins' in span) {
    const [first, last] = span.logins;
    return { from: addDays(utcDay(Math.min(first, last)), -1), to: addDays(utcDay(Math.max(first, last)), LONGEST_WINDOW_DAYS) };
  }
  return { from: span.from === null ? null : addDays(utcDay(span.from), -1), to: null };
}

/**
 * Marks the stored snapshot days that `spans` touch as out of date, in the transaction of the
 * write (so data and marks commit together, and a crash before the recomputation leaves the marks
 * for the next run). Only days that already have a snapshot are marked: a day never computed has
 * nothing to restate. Each new mark of a day raises its generation, so a recomputation that read
 * the data before this write does not clear the mark (RestatementRepository.replaceDays).
 */
export async function markDirtyDays(tx: Sql, spans: readonly WrittenSpan[], cause: RestatementCause, now: number): Promise<void> {
  for (const span of mergeSpans(spans)) {
    const { from, to } = daysOfSpan(span);
    const conditions = ["department = '*'"];
    if (from !== null) conditions.push('day >= :from');
    if (to !== null) conditions.push('day <= :to');
    await tx.query(
      `INSERT INTO snapshot_dirty_days (day, generation, scope, cause, cause_ref, marked_at)
       SELECT DISTINCT day, 1, CAST(:scope AS varchar(20)), CAST(:cause AS varchar(20)), CAST(:ref AS varchar(100)), CAST(:now AS bigint)
       FROM metric_snapshots WHERE ${conditions.join(' AND ')}
       ON CONFLICT (day) DO UPDATE SET generation = snapshot_dirty_days.generation + 1,
         scope = CASE WHEN snapshot_dirty_days.scope = 'logins' AND excluded.scope = 'logins' THEN 'logins' ELSE 'all' END,
         cause = excluded.cause, cause_ref = excluded.cause_ref, marked_at = excluded.marked_at`,
      { from, to, scope: 'logins' in span ? 'logins' : 'all', cause: cause.kind, ref: cause.ref, now },
    );
  }
}

/** At most one `from` span (the earliest) and one login span (first to last) per call: one statement each. */
export function mergeSpans(spans: readonly WrittenSpan[]): WrittenSpan[] {
  let from: number | null | undefined;
  let fromDay: string | undefined;
  let logins: [number, number] | undefined;
  for (const span of spans) {
    if ('fromDay' in span) fromDay = fromDay === undefined || span.fromDay < fromDay ? span.fromDay : fromDay;
    else if ('logins' in span) {
      const first = Math.min(...span.logins);
      const last = Math.max(...span.logins);
      logins = logins ? [Math.min(logins[0], first), Math.max(logins[1], last)] : [first, last];
    } else if (from !== null) from = span.from === null || from === undefined ? span.from : Math.min(from, span.from);
  }
  const merged: WrittenSpan[] = [];
  if (from !== undefined) merged.push({ from });
  if (fromDay !== undefined) merged.push({ fromDay });
  if (logins) merged.push({ logins });
  return merged;
}

function utcDay(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** What of a plan the stored values read: required fields, the departments listed, the time zone (goals and weights are not stored). */
interface PlanReadByValues {
  timezone: string;
  required_fields: Record<string, readonly string[]>;
  departments: ReadonlyArray<{ name: string }>;
  training?: unknown;
}

/** Whether a new plan version changes stored values (so the days it applies to must be recomputed). */
export function planChangesStoredValues(before: PlanReadByValues | null, after: PlanReadByValues): boolean {
  if (before === null) return true;
  const key = (plan: PlanReadByValues) =>
    JSON.stringify([
      plan.timezone,
      Object.entries(plan.required_fields)
        .map(([objectType, fields]) => [objectType, [...new Set(fields)].sort()])
        .sort(),
      plan.departments.map((department) => department.name).sort(),
      plan.training ?? null,
    ]);
  return key(before) !== key(after);
}
