import { Injectable } from '@nestjs/common';
import type { SyncRunStatus, SyncTrigger } from '@uptake/shared';
import { Database, toNullableNumber, toNumber } from '../database/database.service';
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

/** Run history, watermarks and the lease that lets one run per connection at a time. */
@Injectable()
export class SyncRepository {
  constructor(private readonly db: Database) {}

  /**
   * Takes the connection's lease when it is free or expired; false when another holder has it.
   * One atomic upsert, so two processes racing for it cannot both win.
   */
  async acquireLease(connectionId: number, holder: string, now: number, ttlMs: number): Promise<boolean> {
    await this.db.query(
      `INSERT INTO sync_leases (connection_id, holder, run_id, expires_at) VALUES (:connectionId, :holder, NULL, :expiresAt)
       ON CONFLICT (connection_id) DO UPDATE SET holder = excluded.holder, run_id = NULL, expires_at = excluded.expires_at
       WHERE sync_leases.expires_at < :now OR sync_leases.holder = :holder`,
      { connectionId, holder, expiresAt: now + ttlMs, now },
    );
    const rows = await this.db.query<{ holder: string }>('SELECT holder FROM sync_leases WHERE connection_id = :connectionId', { connectionId });
    return rows[0]?.holder === holder;
  }

  /** Extends the lease; false when it was lost (expired and taken by someone else). */
  async renewLease(connectionId: number, holder: string, now: number, ttlMs: number, runId: number | null): Promise<boolean> {
    await this.db.query('UPDATE sync_leases SET expires_at = :expiresAt, run_id = :runId WHERE connection_id = :connectionId AND holder = :holder', {
      connectionId,
      holder,
      expiresAt: now + ttlMs,
      runId,
    });
    const rows = await this.db.query<{ holder: string }>('SELECT holder FROM sync_leases WHERE connection_id = :connectionId', { connectionId });
    return rows[0]?.holder === holder;
  }

  async releaseLease(connectionId: number, holder: string): Promise<void> {
    await this.db.query('DELETE FROM sync_leases WHERE connection_id = :connectionId AND holder = :holder', { connectionId, holder });
  }

  async startRun(connectionId: number, trigger: SyncTrigger, now: number): Promise<StoredSyncRun> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO sync_runs (connection_id, trigger, status, started_at, counts) VALUES (:connectionId, :trigger, 'running', :now, '{}')`,
        { connectionId, trigger, now },
      );
      const rows = await tx.query<SyncRunRow>('SELECT * FROM sync_runs WHERE connection_id = :connectionId ORDER BY id DESC LIMIT 1', { connectionId });
      return toRun(rows[0]);
    });
  }

  async updateCounts(runId: number, counts: Record<string, number>): Promise<void> {
    await this.db.query('UPDATE sync_runs SET counts = :counts WHERE id = :runId', { runId, counts: JSON.stringify(counts) });
  }

  async finishRun(runId: number, status: Exclude<SyncRunStatus, 'running'>, counts: Record<string, number>, error: string | null, now: number): Promise<StoredSyncRun> {
    await this.db.query('UPDATE sync_runs SET status = :status, counts = :counts, error = :error, finished_at = :now WHERE id = :runId', {
      runId,
      status,
      counts: JSON.stringify(counts),
      error,
      now,
    });
    const run = await this.findRun(runId);
    if (!run) throw new Error(`sync run ${runId} disappeared`);
    return run;
  }

  /** Runs left 'running' by a process that died: marked failed so the history tells the truth. */
  async failAbandonedRuns(connectionId: number, now: number): Promise<void> {
    await this.db.query(
      `UPDATE sync_runs SET status = 'failed', finished_at = :now, error = 'the process running this sync stopped before it finished'
       WHERE connection_id = :connectionId AND status = 'running'`,
      { connectionId, now },
    );
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
