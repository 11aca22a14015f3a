import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { CACHE_TAGS, type CacheTag } from './cache-tags';
import { STAMPED_CACHE_MAX_AGE_MS, STAMPED_CACHE_MAX_ENTRIES, StampedCache } from './stamped-cache';

export { invalidate, type CacheTag } from './cache-tags';

/**
 * How long the shared counters, once read, stand for the changes of other processes. Changes of
 * this process are seen at once regardless; another replica's sync shows at most this much later.
 */
export const SHARED_COUNTERS_FRESH_MS = 100;

interface CountersRead {
  startedAt: number;
  localChanges: number;
  counters: Promise<ReadonlyMap<string, string>>;
}

export interface CacheRegionOptions {
  /** Entries kept at most; past it the region starts again empty. */
  maxEntries?: number;
  /** Something else the values depend on that no tag counts (the scheduler's next runs). */
  extraStamp?: () => string;
}

/** One kind of cached value (the metric counts, the overview...), computed from the data of its tags. */
export class CacheRegion<T> {
  private readonly entries: StampedCache<T>;

  constructor(
    private readonly cache: CacheService,
    private readonly tags: readonly CacheTag[],
    private readonly options: CacheRegionOptions,
  ) {
    this.entries = new StampedCache<T>(STAMPED_CACHE_MAX_AGE_MS, Date.now, options.maxEntries ?? STAMPED_CACHE_MAX_ENTRIES);
  }

  /** The value of `key`; on a miss (or after a change of a tag), `compute` gives it. */
  async one(key: string, compute: () => Promise<T>): Promise<T> {
    return this.entries.one(await this.stamp(), key, compute);
  }

  /** The value of `key`; on a miss, `compute` gives the values of several keys at once (it must include `key`). */
  async many(key: string, compute: () => Promise<Map<string, T>>): Promise<T> {
    return this.entries.get(await this.stamp(), key, compute);
  }

  /** A string that changes whenever a value of this region may have. */
  async stamp(): Promise<string> {
    const stamp = await this.cache.stamp(this.tags);
    return this.options.extraStamp ? `${stamp} ${this.options.extraStamp()}` : stamp;
  }
}

/**
 * The one cache of the server. A service keeps its values in a region (`region(name, tags)`);
 * a value is used again while the tags it was computed under are unchanged and it is younger than
 * STAMPED_CACHE_MAX_AGE_MS (for changes no tag sees: an edit made outside Uptake). Writers
 * invalidate tags by name (`invalidate(tx, 'plan')`, cache-tags.ts), in their transaction.
 *
 * A tag's stamp joins this process's own changes (seen at once) with its shared change counter,
 * which every process bumps: the counters are one small query, read again when this process
 * changed something or SHARED_COUNTERS_FRESH_MS after the last read, so a busy server reads them a
 * few times a second, not several times per request.
 */
@Injectable()
export class CacheService {
  private last: CountersRead | null = null;

  constructor(private readonly db: Database) {}

  /** A region of values computed from the data of `tags`. */
  region<T>(name: string, tags: readonly CacheTag[], options: CacheRegionOptions = {}): CacheRegion<T> {
    if (tags.length === 0) throw new Error(`cache region ${name} names no tag: its values would never change`);
    return new CacheRegion<T>(this, tags, options);
  }

  /** A string that changes whenever data of any of `tags` may have changed, in any process. */
  async stamp(tags: readonly CacheTag[]): Promise<string> {
    const counters = await this.counters();
    return tags.map((tag) => `${tag}:${this.db.changesOf([tag])}.${counters.get(tag) ?? ''}`).join(' ');
  }

  private counters(): Promise<ReadonlyMap<string, string>> {
    const localChanges = this.db.changesOf(CACHE_TAGS);
    const now = Date.now();
    const last = this.last;
    if (last && last.localChanges === localChanges && now - last.startedAt < SHARED_COUNTERS_FRESH_MS) return last.counters;
    const read: CountersRead = { startedAt: now, localChanges, counters: this.readCounters() };
    read.counters.catch(() => {
      if (this.last === read) this.last = null;
    });
    this.last = read;
    return read.counters;
  }

  private async readCounters(): Promise<ReadonlyMap<string, string>> {
    const rows = await this.db.query<{ name: string; value: number | string | null }>('SELECT name, value FROM change_counters');
    return new Map(rows.map((row) => [row.name, String(row.value ?? '')]));
  }
}
