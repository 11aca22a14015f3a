import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { Clock } from '../common/clock';
import { UptakeError } from '../common/error-codes';
import { ConnectionRepository, type StoredConnection } from '../connections/connection.repository';
import { createConnector } from '../connectors/connector.registry';
import type {
  CrmConnector,
  CrmRecord,
  CrmUser,
  LoginEvent,
  Opportunity,
  Page,
  SyncContext,
  TrainingAssignment,
} from '../connectors/connector.port';
import { Database } from '../database/database.service';
import type { Sql } from '../database/sql';
import { SnapshotService } from '../metrics/snapshot.service';
import { markDirtyDays, type RestatementCause, type WrittenSpan } from '../metrics/dirty-days';
import { RestatementService } from '../metrics/restatement.service';
import { writtenSpans } from './written-spans';
import { IngestRepository } from './ingest.repository';
import { upsertActivities } from './activity-ingest';
import { PersonDirectory } from '../people/person-directory.repository';
import { optionalFamily } from './optional-family.util';
import { SyncAlreadyRunningError } from './sync.errors';
import { SyncRepository, type StoredSyncRun } from './sync.repository';
import type { SyncTrigger } from '@uptake/shared';
import { PlanInForce } from '../plan/plan-in-force.service';

/** Incremental listings start this far before the watermark, so events that arrive late are not missed. */
export const DEFAULT_OVERLAP_MS = 5 * 60_000;
const LEASE_TTL_MS = 5 * 60_000;
/** An all-or-nothing run cannot renew its lease while its single transaction is open. */
const ATOMIC_LEASE_TTL_MS = 2 * 60 * 60_000;

export interface SyncOptions {
  trigger: SyncTrigger;
  /** Use this connector instead of the connection's own (the CSV import of one folder). */
  connector?: CrmConnector;
  /** Write everything in one transaction: on any error nothing is written (imports). */
  atomic?: boolean;
  /** Progress lines for a human (CLI output). */
  onProgress?: (message: string) => void;
  /** Backfill progress after the first sync: days done of total. */
  onBackfillProgress?: (done: number, total: number, day: string) => void;
  /** Progress of recomputing the stored days the run's late data changed: days done of total. */
  onRestateProgress?: (done: number, total: number, day: string) => void;
  /** The instant the data was observed (an import's `--observed-at`); default: the run's start. Versions are valid from it at the latest. */
  observedAt?: number;
  /**
   * The listing is a full export (`import --full`, atomic runs only): users missing from it are
   * deactivated, and opportunities (when listed) and records of the listed object types missing
   * from it deleted, as of `observedAt`.
   */
  fullExport?: FullExport;
}

/** What a full export lists: users always; opportunities and the object types of records when their files are there. */
export interface FullExport {
  opportunities: boolean;
  recordTypes: readonly string[];
}

export interface StartedSync {
  run: StoredSyncRun;
  /** Settles when the run has ended: resolves with the finished run, rejects with the run's error. */
  done: Promise<StoredSyncRun>;
}

/**
 * Runs syncs: one connection at a time per lease, every page in one transaction together with its
 * watermark, so a crash or a CRM error leaves data and watermark consistent and a re-run loses
 * and duplicates nothing.
 */
@Injectable()
export class SyncService {
  private readonly logger = new Logger(SyncService.name);
  private readonly holderPrefix = `${hostname()}:${process.pid}`;
  overlapMs = DEFAULT_OVERLAP_MS;

  constructor(
    private readonly db: Database,
    private readonly connections: ConnectionRepository,
    private readonly runs: SyncRepository,
    private readonly ingest: IngestRepository,
    private readonly planInForce: PlanInForce,
    private readonly snapshots: SnapshotService,
    private readonly clock: Clock,
    /** Recomputes the stored days the run's data made out of date (late data); without it they stay marked. */
    @Optional() private readonly restatements?: RestatementService,
  ) {}

  /** Starts a run and returns as soon as it is recorded; refuses when one is already running. */
  async start(connection: StoredConnection, options: SyncOptions): Promise<StartedSync> {
    if (connection.removedAt !== null) {
      throw new UptakeError(
        'CONNECTION_REMOVED',
        `connection "${connection.name}" was removed on ${new Date(connection.removedAt).toISOString()}; it no longer syncs`,
      );
    }
    const holder = `${this.holderPrefix}:${randomUUID()}`;
    const ttl = options.atomic ? ATOMIC_LEASE_TTL_MS : LEASE_TTL_MS;
    if (!(await this.runs.acquireLease(connection.id, holder, this.clock.now(), ttl))) {
      throw new SyncAlreadyRunningError(connection.name);
    }
    await this.runs.failAbandonedRuns(connection.id, this.clock.now());
    const run = await this.runs.startRun(connection.id, options.trigger, this.clock.now());
    await this.runs.renewLease(connection.id, holder, this.clock.now(), ttl, run.id);
    const done = this.execute(connection, run, holder, options);
    done.catch(() => undefined);
    return { run, done };
  }

  /** Runs a sync to its end; rejects with the run's error after recording it. */
  async run(connection: StoredConnection, options: SyncOptions): Promise<StoredSyncRun> {
    const { done } = await this.start(connection, options);
    return done;
  }

  private async execute(connection: StoredConnection, run: StoredSyncRun, holder: string, options: SyncOptions): Promise<StoredSyncRun> {
    const counts: Record<string, number> = {};
    const warnings: string[] = [];
    const progress = options.onProgress ?? (() => undefined);
    let connector: CrmConnector | undefined;
    try {
      connector = options.connector ?? createConnector(connection.kind, connection.options);
      const plan = await this.planInForce.plan();
      const ctx: SyncContext = {
        now: this.clock.now(),
        timezone: await this.planInForce.timezone(),
        requiredFields: plan?.required_fields ?? {},
        knownUserIds: () => this.ingest.knownUserIds(this.db, connection.id),
        knownEmails: () => new PersonDirectory().knownEmails(this.db),
        connectionEmails: () => new PersonDirectory().emailsOf(this.db, connection.id),
        log: progress,
      };
      const cause: RestatementCause = { kind: options.trigger === 'import' ? 'import' : 'sync', ref: String(run.id) };
      const observedAt = options.observedAt ?? ctx.now;
      const steps = this.steps(connection, connector, ctx, cause, observedAt).map((step) => optionalFamily(step, warnings, progress));
      if (options.atomic) {
        const seen = options.fullExport ? new Map<string, Set<string>>() : undefined;
        await this.db.transaction(async (tx) => {
          for (const step of steps) await this.consume(tx, connection, step, counts, progress, undefined, seen);
          if (options.fullExport && seen) {
            Object.assign(counts, await this.ingest.markMissing(tx, connection.id, seen, options.fullExport, observedAt));
            // what a full export deleted or deactivated changes the stored days from then on (late data)
            await markDirtyDays(tx, [{ from: observedAt }], cause, this.clock.now());
          }
        });
      } else {
        for (const step of steps) {
          await this.consume(null, connection, step, counts, progress, async () => {
            await this.runs.updateCounts(run.id, counts);
            if (!(await this.runs.renewLease(connection.id, holder, this.clock.now(), LEASE_TTL_MS, run.id))) {
              throw new Error('the sync lease was lost (another process took over); stopping without writing more');
            }
          });
        }
      }
      const usage = connector.apiUsage?.();
      if (usage) Object.assign(counts, { api_requests_used: usage.used, api_requests_limit: usage.limit });
      await this.refreshSnapshots(options);
      // the lease is kept while the stored days are recomputed (a few minutes after an upgrade)
      const ttl = options.atomic ? ATOMIC_LEASE_TTL_MS : LEASE_TTL_MS;
      await this.restate(run, counts, options, progress, () => this.runs.renewLease(connection.id, holder, this.clock.now(), ttl, run.id));
      const finished = await this.runs.finishRun(run.id, 'succeeded', counts, warnings.join('\n') || null, this.clock.now());
      this.logger.log(`sync of "${connection.name}" succeeded: ${describeCounts(counts)}`);
      return finished;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.runs.finishRun(run.id, 'failed', counts, message, this.clock.now());
      this.logger.warn(`sync of "${connection.name}" failed: ${message}`);
      throw error;
    } finally {
      await connector?.close?.();
      await this.runs.releaseLease(connection.id, holder);
    }
  }

  private steps(
    connection: StoredConnection,
    connector: CrmConnector,
    ctx: SyncContext,
    cause: RestatementCause,
    observedAt: number,
  ): SyncStep[] {
    const id = connection.id;
    // marks the stored days a page changes (late data), in the page's transaction: spans worked out before the write
    const marking =
      <T>(spans: (tx: Sql, items: T[]) => Promise<WrittenSpan[]> | WrittenSpan[], write: (tx: Sql, items: T[]) => Promise<void>) =>
      async (tx: Sql, items: T[]): Promise<void> => {
        const touched = await spans(tx, items);
        await write(tx, items);
        await markDirtyDays(tx, touched, cause, this.clock.now());
      };
    const since = async (entity: string) => {
      const mark = await this.runs.watermark(id, entity);
      return mark === null ? null : mark - this.overlapMs;
    };
    const step = <T>(
      entity: string,
      pages: () => Promise<AsyncIterable<Page<T>>>,
      write: (tx: Sql, items: T[]) => Promise<void>,
      incremental: boolean,
    ): SyncStep => ({ entity, pages, write, incremental }) as SyncStep;
    return [
      step(
        'users',
        async () => connector.users(ctx),
        marking(
          (tx, items: CrmUser[]) => writtenSpans.users(tx, id, items, observedAt),
          (tx, items) => this.ingest.upsertUsers(tx, id, items, ctx.now, observedAt),
        ),
        false,
      ),
      step(
        'logins',
        async () => connector.logins(await since('logins'), ctx),
        marking(
          (_tx, items: LoginEvent[]) => writtenSpans.logins(items),
          (tx, items) => this.ingest.upsertLogins(tx, id, items),
        ),
        true,
      ),
      step(
        'opportunities',
        async () => connector.opportunities(await since('opportunities'), ctx),
        marking(
          (tx, items: Opportunity[]) => writtenSpans.opportunities(tx, id, items, observedAt),
          (tx, items) => this.ingest.upsertOpportunities(tx, id, items, observedAt),
        ),
        true,
      ),
      {
        entity: 'records',
        expand: async () =>
          (await connector.recordObjectTypes(ctx)).map((objectType) =>
            step(
              `records:${objectType}`,
              async () => connector.records(objectType, await since(`records:${objectType}`), ctx),
              marking(
                (tx, items: CrmRecord[]) => writtenSpans.records(tx, id, items, observedAt),
                (tx, items) => this.ingest.upsertRecords(tx, id, items, observedAt),
              ),
              true,
            ),
          ),
      },
      step(
        'training',
        async () => connector.training(ctx),
        marking(
          (tx, items: TrainingAssignment[]) => writtenSpans.training(tx, id, items),
          (tx, items) => this.ingest.upsertTraining(tx, id, items),
        ),
        false,
      ),
      ...(connector.activities
        ? [
            step(
              'activities',
              async () => connector.activities!(await since('activities'), ctx),
              (tx, items) => upsertActivities(tx, id, items),
              true,
            ),
          ]
        : []),
    ];
  }

  private async consume(
    tx: Sql | null,
    connection: StoredConnection,
    step: SyncStep,
    counts: Record<string, number>,
    progress: (message: string) => void,
    afterPage?: () => Promise<void>,
    seen?: Map<string, Set<string>>,
  ): Promise<void> {
    if ('expand' in step) {
      for (const child of await step.expand()) await this.consume(tx, connection, child, counts, progress, afterPage, seen);
      return;
    }
    counts[step.entity] ??= 0;
    for await (const page of await step.pages()) {
      if (seen && step.entity !== 'logins' && step.entity !== 'training') {
        const ids = seen.get(step.entity) ?? new Set<string>();
        for (const item of page.items as Array<{ externalId: string }>) ids.add(item.externalId);
        seen.set(step.entity, ids);
      }
      const writePage = async (sql: Sql) => {
        await step.write(sql, page.items);
        if (step.incremental && page.watermark !== undefined) {
          await this.runs.advanceWatermark(sql, connection.id, step.entity, page.watermark, this.clock.now());
        }
      };
      if (tx) await writePage(tx);
      else await this.db.transaction(writePage);
      counts[step.entity] += page.items.length;
      progress(`${step.entity}: ${counts[step.entity]}`);
      if (afterPage) await afterPage();
    }
  }

  /** Today's snapshot after every sync; the first sync also backfills every day since launch. */
  private async refreshSnapshots(options: SyncOptions): Promise<void> {
    const now = this.clock.now();
    await this.snapshots.backfillMissing(now, options.onBackfillProgress);
    await this.snapshots.recomputeToday(now);
  }

  /**
   * After the data has committed: recomputes the stored days it made out of date (at most a cap
   * per run; the rest stay marked for the next run), in transactions of their own, and records
   * how many in the run's counts when there were any: `restated_days`, `restated_values`,
   * `restatement_pending_days`.
   */
  private async restate(
    run: StoredSyncRun,
    counts: Record<string, number>,
    options: SyncOptions,
    progress: (message: string) => void,
    renewLease: () => Promise<unknown>,
  ) {
    if (!this.restatements) return;
    let result;
    try {
      result = await this.restatements.restatePending({
        onProgress: async (done, total, day) => {
          options.onRestateProgress?.(done, total, day);
          if (!options.onRestateProgress) progress(`restating stored days: ${done}/${total} (${day})`);
          Object.assign(counts, { restated_days: done, restatement_pending_days: total - done });
          await this.runs.updateCounts(run.id, counts);
          await renewLease();
        },
      });
    } catch (error) {
      // the data has committed and the marks stay: the next run recomputes those days
      this.logger.warn(`run ${run.id}: recomputing stored days for late data failed, left for the next run: ${(error as Error).message}`);
      return;
    }
    if (result.days > 0 || result.pending > 0) {
      Object.assign(counts, { restated_days: result.days, restated_values: result.values, restatement_pending_days: result.pending });
      this.logger.log(
        `run ${run.id}: ${result.days} stored days recomputed for late data, ${result.values} values restated, ${result.pending} days left for later`,
      );
    }
  }
}

/** One entity to page through, or a group expanded at run time (records of each object type). */
type SyncStep =
  | {
      entity: string;
      pages: () => Promise<AsyncIterable<Page<unknown>>>;
      write: (tx: Sql, items: unknown[]) => Promise<void>;
      /** Incremental entities keep a watermark; full listings (users, training) do not. */
      incremental: boolean;
    }
  | { entity: string; expand: () => Promise<SyncStep[]> };

export function describeCounts(counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([entity, count]) => `${count} ${entity}`);
  return parts.length ? parts.join(', ') : 'nothing new';
}
