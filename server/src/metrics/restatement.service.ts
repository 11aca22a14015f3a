import { Injectable } from '@nestjs/common';
import type { MetricKey } from '@uptake/shared';
import { Clock } from '../common/clock';
import { dayOf } from '../common/time.util';
import { PlanRepository } from '../plan/plan.repository';
import { timezoneOf } from '../plan/plan-in-force.service';
import { MetricsService } from './metrics.service';
import { RestatementRepository } from './restatement.repository';
import { BACKFILL_CHUNK_DAYS, consecutiveRuns, rowsOf } from './snapshot.service';
import type { SnapshotRow } from './snapshot.repository';

/** A run recomputes at most this many marked days; the rest wait for the next sync, import or tick. */
export const DEFAULT_RESTATE_MAX_DAYS = 400;

export type RestateProgress = (done: number, total: number, day: string) => void | Promise<void>;

export interface RestateResult {
  /** Marked days recomputed by this run. */
  days: number;
  /** Stored values that changed (each logged as a restatement). */
  values: number;
  /** Marked days left for a later run. */
  pending: number;
}

/**
 * Recomputes the stored days that late data made out of date (dirty-days.ts), after the write
 * that marked them has committed: only the marked days, a run of consecutive days from one range
 * read (MetricsRepository.countsForDays), at most `maxDays` per call, newest first. Each run of
 * days is stored, logged and unmarked in one transaction of its own, so a crash leaves the marks
 * of the days not yet done, and the next call goes on from there.
 */
@Injectable()
export class RestatementService {
  constructor(
    private readonly metrics: MetricsService,
    private readonly restatements: RestatementRepository,
    private readonly plans: PlanRepository,
    private readonly clock: Clock,
  ) {}

  async restatePending(options: { maxDays?: number; onProgress?: RestateProgress } = {}): Promise<RestateResult> {
    const maxDays = options.maxDays ?? DEFAULT_RESTATE_MAX_DAYS;
    const plan = (await this.plans.current())?.plan ?? null;
    // today's snapshot is the live value, recomputed after every sync anyway: not a restatement
    const today = dayOf(this.clock.now(), timezoneOf(plan));
    const marked = await this.restatements.dirtyDays(today, maxDays);
    const marks = new Map(marked.map((mark) => [mark.day, mark]));
    const days = [...marks.keys()].sort();
    // days only late logins changed: the login metrics and seat holders from the logins alone, the rest as stored
    const loginsOnly = days.filter((day) => marks.get(day)!.scope === 'logins');
    const others = days.filter((day) => marks.get(day)!.scope !== 'logins');
    let done = 0;
    let values = 0;
    const runs = [
      ...consecutiveRuns(others, BACKFILL_CHUNK_DAYS).map((run) => ({ run, only: undefined })),
      ...consecutiveRuns(loginsOnly, BACKFILL_CHUNK_DAYS).map((run) => ({ run, only: 'activity' as const })),
    ];
    for (const { run, only } of runs) {
      const computed = await this.metrics.valuesForDays(run[0], run[run.length - 1], only);
      const stored = only ? await this.restatements.stored(run) : null;
      values += await this.restatements.replaceDays(
        computed.map((day) => {
          const mark = marks.get(day.day)!;
          const rows = stored ? withStoredOthers(rowsOf(day), stored.get(day.day)) : rowsOf(day);
          return { day: day.day, rows, cause: mark.cause, generation: mark.generation };
        }),
        this.clock.now(),
      );
      for (const day of run) {
        done += 1;
        await options.onProgress?.(done, days.length, day);
      }
    }
    return { days: days.length, values, pending: await this.restatements.countDirty(today) };
  }
}

/** The metrics computed from logins alone. */
const LOGIN_METRICS: ReadonlySet<MetricKey> = new Set(['active_users', 'monthly_active_users', 'logins_per_user']);

/** Rows computed from the logins alone, with every other metric as stored (a day without stored rows keeps them all as computed). */
function withStoredOthers(rows: SnapshotRow[], stored: ReadonlyMap<string, number | null> | undefined): SnapshotRow[] {
  if (!stored) return rows;
  return rows.map((row) =>
    LOGIN_METRICS.has(row.metric) ? row : { ...row, value: stored.get(`${row.department}\u0000${row.metric}`) ?? null },
  );
}
