import { Injectable, Optional } from '@nestjs/common';
import {
  MAX_RANGE_DAYS,
  METRIC_KEYS,
  type LaunchPlan,
  type MetricSeriesResponse,
  type MetricValues,
  type SeriesPoint,
} from '@uptake/shared';
import { deepFreeze } from '../common/deep-freeze.util';
import { CacheService, type CacheRegion } from '../cache/cache.service';
import { addDays, dayOf, eachDay } from '../common/time.util';
import { PlanInForce } from '../plan/plan-in-force.service';
import { assertRangeInBounds } from './day-bounds.util';
import { assertDay, assertDayRange } from './day-input.util';
import { compareNames } from './metric-values.util';
import { UnknownDepartmentError } from './metrics.errors';
import { MetricsService, ORGANISATION, type DayValues } from './metrics.service';
import { SnapshotRepository, type SnapshotRow } from './snapshot.repository';
import { RestatementRepository, type DirtyDay } from './restatement.repository';
import { timezoneOf } from '../plan/plan-in-force.service';
import { provenanceOf } from './provenance.repository';

/** What the daily series are read from: the snapshots, and the CRM data and plan (today's values, the ramp). */
const SNAPSHOT_TAGS = ['snapshots', 'crm_data', 'plan'] as const;

/** Seat holders of every department and of the organisation on one day. */
export interface DaySeatHolders {
  organisation: number | null;
  departments: Map<string, number>;
}

export type BackfillProgress = (done: number, total: number, day: string) => void;

/** Without a launch plan, backfill from the earliest data reaches back at most this many days. */
export const MAX_UNPLANNED_BACKFILL_DAYS = 365;

/** A backfill computes at most this many consecutive days from one read of the raw data. */
export const BACKFILL_CHUNK_DAYS = 400;

/** Splits days (in order) into runs of consecutive days of at most `limit` days each. */
export function consecutiveRuns(days: readonly string[], limit: number): string[][] {
  const runs: string[][] = [];
  for (const day of days) {
    const run = runs[runs.length - 1];
    if (run && run.length < limit && addDays(run[run.length - 1], 1) === day) run.push(day);
    else runs.push([day]);
  }
  return runs;
}

/**
 * Daily snapshots: what the metrics were on each day, kept even when the CRM data underneath is
 * later edited or deleted. Past days are computed only when missing or on an explicit backfill.
 */
@Injectable()
export class SnapshotService {
  /**
   * Series answers, kept until the snapshots, the data or the plan change; frozen, as every caller
   * shares them. A year of one department is about 140 kB (with its JSON bytes twice that): 200 at most.
   */
  private readonly seriesCache: CacheRegion<MetricSeriesResponse>;
  /** Seat holders by day for hiding small groups in series (privacy.interceptor.ts); read-only for every caller. */
  private readonly seatHoldersCache: CacheRegion<ReadonlyMap<string, DaySeatHolders>>;

  constructor(
    private readonly metrics: MetricsService,
    private readonly snapshots: SnapshotRepository,
    private readonly plans: PlanInForce,
    cache: CacheService,
    /** Logs every stored value a recomputation changes (restatements); without it, days are replaced unlogged. */
    @Optional() private readonly restatements?: RestatementRepository,
  ) {
    this.seriesCache = cache.region('metric-series', [...SNAPSHOT_TAGS, 'sync_state'], { maxEntries: 200 });
    this.seatHoldersCache = cache.region('seat-holders-by-day', SNAPSHOT_TAGS, { maxEntries: 200 });
  }

  /** Computes `day` for every department and the organisation and replaces that day's snapshot. */
  async computeDay(day: string, now: number = Date.now()): Promise<void> {
    assertDay('day', day);
    await this.compute(day, await this.currentPlan(), now);
  }

  /** (Re)computes every day from `from` to `to`, both included; resolves to the number of days. */
  async backfill(from: string, to: string, onProgress?: BackfillProgress): Promise<number> {
    assertDayRange(from, to);
    // Not after today: a later day has no data, and `--to 2999-12-31` would compute some 355,000 days.
    await this.assertDayInBounds('to', to);
    return this.computeDays(eachDay(from, to), await this.currentPlan(), onProgress);
  }

  /**
   * Computes the days without a snapshot from the plan's launch date (without a plan: the day of
   * the earliest data, at most a year back) to `today`, a day or an instant whose day in the plan's
   * time zone is today. Resolves to the days computed.
   */
  async backfillMissing(today: string | number, onProgress?: BackfillProgress): Promise<string[]> {
    const plan = await this.currentPlan();
    const timezone = timezoneOf(plan);
    const last = typeof today === 'number' ? dayOf(today, timezone) : today;
    assertDay('today', last);
    let first = plan?.launch_date ?? null;
    if (first === null) {
      const earliest = await this.metrics.earliestActivity();
      if (earliest === null) return [];
      const floor = addDays(last, -MAX_UNPLANNED_BACKFILL_DAYS);
      first = dayOf(earliest, timezone);
      if (first < floor) first = floor;
    }
    if (first > last) return [];
    const present = await this.snapshots.daysWithSnapshots(first, last);
    const missing = eachDay(first, last).filter((day) => !present.has(day));
    await this.computeDays(missing, plan, onProgress);
    return missing;
  }

  /**
   * Recomputes the stored days from `from` to today (as of `now`), e.g. after a plan version in
   * force from `from`; resolves to the number of days recomputed.
   */
  async recomputeStoredSince(from: string, now: number): Promise<number> {
    assertDay('from', from);
    const plan = await this.currentPlan();
    const today = dayOf(now, timezoneOf(plan));
    if (from > today) return 0;
    const stored = await this.snapshots.daysWithSnapshots(from, today);
    return this.computeDays(
      eachDay(from, today).filter((day) => stored.has(day)),
      plan,
    );
  }

  /** Recomputes the current day (in the plan's time zone) as of `now`; resolves to that day. */
  async recomputeToday(now: number): Promise<string> {
    const plan = await this.currentPlan();
    const day = dayOf(now, timezoneOf(plan));
    await this.compute(day, plan, now);
    return day;
  }

  /**
   * The stored snapshots of a department (or '*' for the organisation) from `from` to `to`, one
   * point per day (values null and seatHolders null where no snapshot was taken), with the
   * expected values of the plan ramp. The days lie between 3 years before launch and today, and a
   * request reads at most `maxDays` of them (default 3 years: day-bounds.util.ts).
   */
  async series(
    department: string,
    from: string,
    to: string,
    { maxDays = MAX_RANGE_DAYS }: { maxDays?: number } = {},
  ): Promise<MetricSeriesResponse> {
    assertDayRange(from, to);
    assertRangeInBounds(from, to, await this.metrics.dayBounds(), maxDays);
    return this.seriesCache.one(`${department} ${from} ${to}`, async () => deepFreeze(await this.readSeries(department, from, to)));
  }

  private async readSeries(department: string, from: string, to: string): Promise<MetricSeriesResponse> {
    if (
      department !== ORGANISATION &&
      !(await this.snapshots.hasDepartment(department)) &&
      !(await this.metrics.departmentNames()).includes(department)
    ) {
      const known = new Set([...(await this.metrics.departmentNames()), ...(await this.snapshots.departments())]);
      throw new UnknownDepartmentError(department, [...known].sort(compareNames));
    }
    const days = eachDay(from, to);
    const rows = await this.snapshots.read(department, from, to);
    const expected = await this.metrics.expectedSeries(department, days);
    const observed = await this.metrics.firstObservations();
    const timezone = timezoneOf(await this.currentPlan());
    const byDay = new Map<string, SnapshotRow[]>();
    for (const row of rows) {
      const ofDay = byDay.get(row.day);
      if (ofDay) ofDay.push(row);
      else byDay.set(row.day, [row]);
    }

    const points = days.map((day, index): SeriesPoint => {
      const stored = byDay.get(day) ?? [];
      const metrics = Object.fromEntries(METRIC_KEYS.map((metric) => [metric, null])) as MetricValues;
      for (const row of stored) metrics[row.metric] = row.value;
      return {
        day,
        seatHolders: stored.length ? stored[0].seatHolders : null,
        metrics,
        expected: expected[index],
        provenance: provenanceOf(observed, department === ORGANISATION ? null : department, day, timezone),
      };
    });
    return { department, from, to, points };
  }

  /** Seat holders of every department and of the organisation on each day from `from` to `to` that has a snapshot (to hide small groups alike on every day). */
  async seatHoldersByDay(from: string, to: string): Promise<ReadonlyMap<string, DaySeatHolders>> {
    assertDayRange(from, to);
    return this.seatHoldersCache.one(`${from} ${to}`, () => this.readSeatHolders(from, to));
  }

  private async readSeatHolders(from: string, to: string): Promise<ReadonlyMap<string, DaySeatHolders>> {
    const byDay = new Map<string, DaySeatHolders>();
    for (const row of await this.snapshots.seatHolders(from, to)) {
      const day = byDay.get(row.day) ?? { organisation: null, departments: new Map<string, number>() };
      if (row.department === ORGANISATION) day.organisation = row.seatHolders;
      else day.departments.set(row.department, row.seatHolders);
      byDay.set(row.day, day);
    }
    return byDay;
  }

  /** Refuses a day a request may not read (MetricsService.assertDayInBounds). */
  assertDayInBounds(name: string, day: string): Promise<void> {
    return this.metrics.assertDayInBounds(name, day);
  }

  hasSnapshots(): Promise<boolean> {
    return this.snapshots.hasAny();
  }

  private async currentPlan(): Promise<LaunchPlan | null> {
    return this.plans.plan();
  }

  /**
   * Computes `days` (in order) a run of consecutive days at a time, reading the raw data once per
   * run of up to BACKFILL_CHUNK_DAYS days, and stores each day as soon as its run is computed.
   */
  private async computeDays(days: readonly string[], plan: LaunchPlan | null, onProgress?: BackfillProgress): Promise<number> {
    let done = 0;
    for (const run of consecutiveRuns(days, BACKFILL_CHUNK_DAYS)) {
      // marks read before the data: a mark made while computing stays for the next run
      const marks = (await this.restatements?.marksOf(run)) ?? new Map<string, DirtyDay>();
      const values = await this.metrics.valuesForDays(run[0], run[run.length - 1]);
      if (this.restatements) {
        // a stored day that changes is logged: as its mark says (late data), else as `uptake snapshot`
        await this.restatements.replaceDays(
          values.map((day) => {
            const mark = marks.get(day.day);
            return {
              day: day.day,
              rows: rowsOf(day),
              cause: mark?.cause ?? { kind: 'snapshot', ref: null },
              generation: mark?.generation ?? null,
            };
          }),
          Date.now(),
        );
      } else {
        await this.snapshots.replaceDays(
          values.map((day) => ({ day: day.day, rows: rowsOf(day) })),
          Date.now(),
        );
      }
      for (const day of values) {
        done += 1;
        onProgress?.(done, days.length, day.day);
      }
    }
    return days.length;
  }

  private async compute(day: string, plan: LaunchPlan | null, now: number): Promise<void> {
    await this.store(await this.metrics.computeValuesAsOf(day), now);
  }

  private async store(values: DayValues, now: number): Promise<void> {
    await this.snapshots.replaceDay(values.day, rowsOf(values), now);
  }
}

/** The snapshot rows of one day: every metric of every department and of the organisation ('*'). */
export function rowsOf(values: DayValues): SnapshotRow[] {
  const scopes = [...values.departments, { department: ORGANISATION, ...values.organisation }];
  return scopes.flatMap((scope) =>
    METRIC_KEYS.map((metric): SnapshotRow => ({
      day: values.day,
      department: scope.department,
      metric,
      value: scope.metrics[metric],
      seatHolders: scope.seatHolders,
    })),
  );
}
