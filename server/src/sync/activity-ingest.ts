import type { Activity } from '../connectors/connector.port';
import type { Sql } from '../database/sql';
import { lastByKey } from './ingest.repository';

/**
 * Upserts activities by (connection, external id), inside the caller's transaction: a page written
 * twice changes nothing the second time, and a deletion marks the row instead of erasing it.
 */
export async function upsertActivities(tx: Sql, connectionId: number, input: readonly Activity[]): Promise<void> {
  const deletions = input.filter((a) => a.deletionOnly).map((a) => a.externalId);
  for (let start = 0; start < deletions.length; start += 500) {
    const ids = deletions.slice(start, start + 500);
    const names = ids.map((_, i) => `:id${i}`).join(', ');
    await tx.query(`UPDATE activities SET deleted = TRUE WHERE connection_id = :connectionId AND external_id IN (${names})`, {
      connectionId,
      ...Object.fromEntries(ids.map((id, i) => [`id${i}`, id])),
    });
  }
  const full = input.filter((a) => !a.deletionOnly);
  if (full.length === 0) return;
  const activities = lastByKey(full, (a) => a.externalId);
  await tx.insertMany(
    'activities',
    ['connection_id', 'external_id', 'owner_external_id', 'type', 'occurred_at', 'related_external_id', 'created_at', 'deleted'],
    activities.map((a) => [
      connectionId,
      a.externalId,
      a.ownerExternalId,
      a.type,
      a.occurredAt,
      a.relatedExternalId,
      a.createdAt,
      a.deleted,
    ]),
    `ON CONFLICT (connection_id, external_id) DO UPDATE SET owner_external_id = excluded.owner_external_id, type = excluded.type,
      occurred_at = excluded.occurred_at, related_external_id = excluded.related_external_id, created_at = excluded.created_at,
      deleted = excluded.deleted`,
  );
}
