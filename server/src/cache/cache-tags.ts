import type { Sql } from '../database/sql';

/**
 * The tags cached values depend on. Each is a row of `change_counters` (shared by every process on
 * the database) and a count of this process's own changes (Database.changesOf): a cached value is
 * used again while the tags it was computed under are unchanged.
 *
 * - `crm_data`: what the syncs write (departments, CRM users, logins, opportunities, records,
 *   training) and the connections they belong to;
 * - `plan`: the launch plan's versions;
 * - `snapshots`: the daily metric snapshots;
 * - `sync_state`: the connections and their sync runs (also bumped by triggers on those tables);
 * - `access`: accounts, their departments and API tokens (also bumped by triggers).
 */
export const CACHE_TAGS = ['crm_data', 'plan', 'snapshots', 'sync_state', 'access'] as const;
export type CacheTag = (typeof CACHE_TAGS)[number];

/**
 * What every writer calls, in the transaction of its write (or on the Database right after it):
 * bumps the shared counters of `tags`, so that every replica's caches of them are stale within
 * SHARED_COUNTERS_FRESH_MS, and this process's own count once the write is committed, so that its
 * caches are stale at once.
 */
export async function invalidate(sql: Sql, ...tags: CacheTag[]): Promise<void> {
  const names = [...new Set(tags)];
  const counted = names.filter((name) => !TRIGGER_COUNTED.has(name));
  if (counted.length) await sql.query('UPDATE change_counters SET value = value + 1 WHERE name IN (:...counted)', { counted });
  sql.changed(names);
}

/**
 * Tags whose shared counter the database's triggers bump on every write to their tables
 * (migration 1764600000000): a writer only tells this process (no second bump).
 */
const TRIGGER_COUNTED: ReadonlySet<CacheTag> = new Set<CacheTag>(['sync_state', 'access']);
