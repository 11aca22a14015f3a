import { Injectable } from '@nestjs/common';
import type { Provenance } from '@uptake/shared';
import { CacheService, type CacheRegion } from '../cache/cache.service';
import { endOfDayExclusive } from '../common/time.util';
import { Database, toNullableNumber, toNumber } from '../database/database.service';

/** When Uptake first saw each connection that holds data, and which connections each department reads. */
export interface FirstObservations {
  /**
   * Every connection with users, with the instant (epoch ms) of its first observation, or null
   * while it has none (its first sync or import has not completed).
   */
  connections: Array<{ connectionId: number; firstObservedAt: number | null }>;
  /** Per department: the connections with users in it (whose data its values read). */
  departments: ReadonlyMap<string, readonly number[]>;
}

/**
 * A connection's first observation, in SQL over `connections c`: the start of its first completed
 * sync run. An import is a run too (trigger `import`), so this is the import's start. The one place
 * that says it: when imports record `--observed-at`, it goes here.
 */
const FIRST_OBSERVATION_SQL = `(SELECT MIN(r.started_at) FROM sync_runs r WHERE r.connection_id = c.id AND r.status = 'succeeded')`;

/** The first observation of every connection (DESIGN.md "History", provenance), kept until the data or a run changes. */
@Injectable()
export class ProvenanceRepository {
  private readonly cache: CacheRegion<FirstObservations>;

  constructor(
    private readonly db: Database,
    cache: CacheService = new CacheService(db),
  ) {
    // derived from the CRM users and the sync runs
    this.cache = cache.region('first-observations', ['crm_data', 'sync_state']);
  }

  async firstObservations(): Promise<FirstObservations> {
    return this.cache.one('all', async () => {
      const connections = await this.db.query<{ connection_id: number | string; first_observed_at: number | string | null }>(
        `SELECT c.id AS connection_id, ${FIRST_OBSERVATION_SQL} AS first_observed_at
         FROM connections c
         WHERE EXISTS (SELECT 1 FROM crm_users u WHERE u.connection_id = c.id)`,
      );
      const pairs = await this.db.query<{ department: string; connection_id: number | string }>(
        `SELECT DISTINCT d.name AS department, u.connection_id
         FROM crm_users u JOIN departments d ON d.id = u.department_id`,
      );
      const departments = new Map<string, number[]>();
      for (const pair of pairs) {
        const list = departments.get(pair.department) ?? [];
        list.push(toNumber(pair.connection_id));
        departments.set(pair.department, list);
      }
      return {
        connections: connections.map((row) => ({
          connectionId: toNumber(row.connection_id),
          firstObservedAt: toNullableNumber(row.first_observed_at),
        })),
        departments,
      };
    });
  }
}

/**
 * The provenance of the values of `department` (null: the organisation, which reads every
 * connection) on `day`: `reconstructed` when the day ends before the first observation of a
 * connection it reads (or that connection was never observed), else `observed`.
 */
export function provenanceOf(observed: FirstObservations, department: string | null, day: string, timezone: string): Provenance {
  const endExclusive = endOfDayExclusive(day, timezone);
  const read = department === null ? null : new Set(observed.departments.get(department) ?? []);
  for (const connection of observed.connections) {
    if (read !== null && !read.has(connection.connectionId)) continue;
    // end(T) = endExclusive - 1 ms is before the first observation
    if (connection.firstObservedAt === null || endExclusive <= connection.firstObservedAt) return 'reconstructed';
  }
  return 'observed';
}
