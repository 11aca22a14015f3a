import { Injectable } from '@nestjs/common';
import type { SyncRunStatus, SyncTrigger } from '@uptake/shared';
import { invalidate } from '../cache/cache-tags';
import { Database, toNullableNumber, toNumber, type AdvisoryLock } from '../database/database.service';
import type { Sql } from '../database/sql';

export interface StoredSyncRun {
  id: number;
  connectionId: number;
  trigger: SyncTrigger;
  status: SyncRunStatus;
  startedAt: number;
  finishedAt: number | null;
  counts: Record<string, number>;
  error: string | null;
}

interface SyncRunRow {
  id: number;
  connection_id: number;
  trigger: string;
  status: string;
  started_at: number | string;
  finished_at: number | string | null;
  counts: string;
  error: string | null;
}

/** The advisory-lock namespace of sync leases on PostgreSQL ("upta"); the key is the connection id. */
export const SYNC_LOCK_NAMESPACE = 0x75707461;
/** Claims of scheduled ticks are kept this long, for the run history and the replica test. */
export const TICK_RETENTION_MS = 7 * 24 * 60 * 60_000;

export interface StoredTick {
  connectionId: number;
  tickAt: number;
  holder: string;
  claimedAt: number;
  runId: number | null;
}

interface TickRow {
  connection_id: number | string;
  tick_at: number | string;
  holder: string;
  claimed_at: number | string;
  run_id: number | string | null;
}

/**
 * Run history, watermarks, the lease that lets one run per connection at a time, and the claims
 * that let one replica run each scheduled tick.
 *
 * The lease is a row per connection with an expiry. On PostgreSQL it is also guarded by a
 * session-level advisory lock held on a connection of its own for as long as the run lasts: when
 * the process holding it dies, PostgreSQL ends its session and frees the lock at once, so another
 * replica can take over on its next tick instead of waiting for the lease row to expire.
 */
@Injectable()
export class SyncRepository {
  private readonly locks = new Map<string, AdvisoryLock>();
  /** Runs of this process whose committed pages were counted as changes of the CRM data. */
  private readonly changeCounted = new Set<number>();

  constructor(private readonly db: Database) {}

  /**
   * Takes the connection's lease when it is free or expired; false when another holder has it.
   * One atomic upsert, so two processes racing for it cannot both win. On PostgreSQL the advisory
   * lock decides: whoever holds it is the only live holder, so a lease row left by a dead one is
   * taken over at once.
   */
  async acquireLease(connectionId: number, holder: string, now: number, ttlMs: number): Promise<boolean> {
    if (this.db.engine === 'postgres') {
      const lock = await this.db.tryAdvisoryLock(SYNC_LOCK_NAMESPACE, connectionId);
      if (!lock) return false;
      try {
        await this.db.query(
          `INSERT INTO sync_leases (connection_id, holder, run_id, expires_at) VALUES (:connectionId, :holder, NULL, :expiresAt)
           ON CONFLICT (connection_id) DO UPDATE SET holder = excluded.holder, run_id = NULL, expires_at = excluded.expires_at`,
          { connectionId, holder, expiresAt: now + ttlMs },
        );
      } catch (error) {
        await lock.release();
        throw error;
      }
      this.locks.set(holder, lock);
      return true;
    }
    await this.db.query(
      `INSERT INTO sync_leases (connection_id, holder, run_id, expires_at) VALUES (:connectionId, :holder, NULL, :expiresAt)
       ON CONFLICT (connection_id) DO UPDATE SET holder = excluded.holder, run_id = NULL, expires_at = excluded.expires_at
       WHERE sync_leases.expires_at < :now OR sync_leases.holder = :holder`,
      { connectionId, holder, expiresAt: now + ttlMs, now },
    );
    const rows = await this.db.query<{ holder: string }>('SELECT holder FROM sync_leases WHERE connection_id = :connectionId', {
      connectionId,
    });
    return rows[0]?.holder === holder;
  }

  /** Extends the lease; false when it was lost (expired and taken by someone else). */
  async renewLease(connectionId: number, holder: string, now: number, ttlMs: number, runId: number | null): Promise<boolean> {
    await this.db.query(
      'UPDATE sync_leases SET expires_at = :expiresAt, run_id = :runId WHERE connection_id = :connectionId AND holder = :holder',
      {
        connectionId,
        holder,
        expiresAt: now + ttlMs,
        runId,
      },
    );
    const rows = await this.db.query<{ holder: string }>('SELECT holder FROM sync_leases WHERE connection_id = :connectionId', {
      connectionId,
    });
    return rows[0]?.holder === holder;
  }

  async releaseLease(connectionId: number, holder: string): Promise<void> {
    try {
      await this.db.query('DELETE FROM sync_leases WHERE connection_id = :connectionId AND holder = :holder', { connectionId, holder });
    } finally {
      const lock = this.locks.get(holder);
      this.locks.delete(holder);
      await lock?.release();
    }
  }

  /**
   * Claims the scheduled tick `tickAt` (epoch ms of the cron time) of a connection for `holder`:
   * true for the one replica whose claim is stored first, false for every other. Also forgets
   * claims older than TICK_RETENTION_MS.
   */
  async claimTick(connectionId: number, tickAt: number, holder: string, now: number): Promise<boolean> {
    await this.db.query('DELETE FROM sync_ticks WHERE connection_id = :connectionId AND tick_at < :before', {
      connectionId,
      before: now - TICK_RETENTION_MS,
    });
    await this.db.query(
      `INSERT INTO sync_ticks (connection_id, tick_at, holder, claimed_at, run_id) VALUES (:connectionId, :tickAt, :holder, :now, NULL)
       ON CONFLICT (connection_id, tick_at) DO NOTHING`,
      { connectionId, tickAt, holder, now },
    );
    const rows = await this.db.query<{ holder: string }>(
      'SELECT holder FROM sync_ticks WHERE connection_id = :connectionId AND tick_at = :tickAt',
      {
        connectionId,
        tickAt,
      },
    );
    return rows[0]?.holder === holder;
  }

  /** Records the run a claimed tick started. */
  async recordTickRun(connectionId: number, tickAt: number, runId: number): Promise<void> {
    await this.db.query('UPDATE sync_ticks SET run_id = :runId WHERE connection_id = :connectionId AND tick_at = :tickAt', {
      connectionId,
      tickAt,
      runId,
    });
  }

  /** The claimed ticks of a connection, oldest first. */
  async ticks(connectionId: number): Promise<StoredTick[]> {
    const rows = await this.db.query<TickRow>('SELECT * FROM sync_ticks WHERE connection_id = :connectionId ORDER BY tick_at', {
      connectionId,
    });
    return rows.map((row) => ({
      connectionId: toNumber(row.connection_id),
      tickAt: toNumber(row.tick_at),
      holder: row.holder,
      claimedAt: toNumber(row.claimed_at),
      runId: toNullableNumber(row.run_id),
    }));
  }

  async startRun(connectionId: number, trigger: SyncTrigger, now: number): Promise<StoredSyncRun> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO sync_runs (connection_id, trigger, status, started_at, counts) VALUES (:connectionId, :trigger, 'running', :now, '{}')`,
        { connectionId, trigger, now },
      );
      await invalidate(tx, 'sync_state');
      const rows = await tx.query<SyncRunRow>('SELECT * FROM sync_runs WHERE connection_id = :connectionId ORDER BY id DESC LIMIT 1', {
        connectionId,
      });
      return toRun(rows[0]);
    });
  }

  /** Stores the counts so far, after a page was committed: the CRM data changed. */
  async updateCounts(runId: number, counts: Record<string, number>): Promise<void> {
    await this.db.query('UPDATE sync_runs SET counts = :counts WHERE id = :runId', { runId, counts: JSON.stringify(counts) });
    await this.countDataChange();
    this.changeCounted.add(runId);
  }

  async finishRun(
    runId: number,
    status: Exclude<SyncRunStatus, 'running'>,
    counts: Record<string, number>,
    error: string | null,
    now: number,
  ): Promise<StoredSyncRun> {
    await this.db.query('UPDATE sync_runs SET status = :status, counts = :counts, error = :error, finished_at = :now WHERE id = :runId', {
      runId,
      status,
      counts: JSON.stringify(counts),
      error,
      now,
    });
    // A run whose pages were counted as they were committed changed nothing since (the snapshots
    // it computed after the last page are no CRM data): counting again would only throw away the
    // metrics it has just computed. A run written in one transaction (an import) is counted here.
    if (!this.changeCounted.delete(runId)) await this.countDataChange();
    else await invalidate(this.db, 'sync_state');
    const run = await this.findRun(runId);
    if (!run) throw new Error(`sync run ${runId} disappeared`);
    return run;
  }

  /** Counts one change of the CRM data and the run (cache tags `crm_data`, `sync_state`: every replica's caches). */
  private countDataChange(): Promise<void> {
    return invalidate(this.db, 'crm_data', 'sync_state');
  }

  /** Runs left 'running' by a process that died: marked failed so the history tells the truth. */
  async failAbandonedRuns(connectionId: number, now: number): Promise<void> {
    await this.db.query(
      `UPDATE sync_runs SET status = 'failed', finished_at = :now, error = 'the process running this sync stopped before it finished'
       WHERE connection_id = :connectionId AND status = 'running'`,
      { connectionId, now },
    );
    await invalidate(this.db, 'sync_state');
  }

  async findRun(runId: number): Promise<StoredSyncRun | null> {
    const rows = await this.db.query<SyncRunRow>('SELECT * FROM sync_runs WHERE id = :runId', { runId });
    return rows.length ? toRun(rows[0]) : null;
  }

  async runs(options: { connectionId?: number; limit: number }): Promise<StoredSyncRun[]> {
    const rows = options.connectionId
      ? await this.db.query<SyncRunRow>('SELECT * FROM sync_runs WHERE connection_id = :connectionId ORDER BY id DESC LIMIT :limit', {
          connectionId: options.connectionId,
          limit: options.limit,
        })
      : await this.db.query<SyncRunRow>('SELECT * FROM sync_runs ORDER BY id DESC LIMIT :limit', { limit: options.limit });
    return rows.map(toRun);
  }

  /** The newest run of every connection that has one, by connection id, in one query. */
  async lastRunOfEach(): Promise<Map<number, StoredSyncRun>> {
    const rows = await this.db.query<SyncRunRow>(
      `SELECT r.* FROM connections c
       JOIN sync_runs r ON r.id = (SELECT s.id FROM sync_runs s WHERE s.connection_id = c.id ORDER BY s.started_at DESC, s.id DESC LIMIT 1)`,
    );
    return new Map(rows.map((row) => [toNumber(row.connection_id), toRun(row)]));
  }

  async lastRun(connectionId: number): Promise<StoredSyncRun | null> {
    const [run] = await this.runs({ connectionId, limit: 1 });
    return run ?? null;
  }

  async watermark(connectionId: number, entity: string): Promise<number | null> {
    const rows = await this.db.query<{ watermark: number | string }>(
      'SELECT watermark FROM sync_watermarks WHERE connection_id = :connectionId AND entity = :entity',
      { connectionId, entity },
    );
    return rows.length ? toNumber(rows[0].watermark) : null;
  }

  /** Moves the watermark forward (never back), inside the transaction that wrote the page. */
  async advanceWatermark(tx: Sql, connectionId: number, entity: string, watermark: number, now: number): Promise<void> {
    await tx.query(
      `INSERT INTO sync_watermarks (connection_id, entity, watermark, updated_at) VALUES (:connectionId, :entity, :watermark, :now)
       ON CONFLICT (connection_id, entity) DO UPDATE SET watermark = excluded.watermark, updated_at = excluded.updated_at
       WHERE sync_watermarks.watermark < excluded.watermark`,
      { connectionId, entity, watermark, now },
    );
  }
}

function toRun(row: SyncRunRow): StoredSyncRun {
  return {
    id: toNumber(row.id),
    connectionId: toNumber(row.connection_id),
    trigger: row.trigger as SyncTrigger,
    status: row.status as SyncRunStatus,
    startedAt: toNumber(row.started_at),
    finishedAt: toNullableNumber(row.finished_at),
    counts: JSON.parse(row.counts || '{}') as Record<string, number>,
    error: row.error,
  };
}
