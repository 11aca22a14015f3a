/** How long a cached value is used at most, for changes no stamp sees (an edit made outside Uptake). */
export const STAMPED_CACHE_MAX_AGE_MS = 5 * 60_000;
/** Entries kept at most by default; past it the cache starts again empty. */
export const STAMPED_CACHE_MAX_ENTRIES = 1_000;

interface Entry<T> {
  value: Promise<T>;
  storedAt: number;
}

/**
 * Values computed from the data as of a stamp (something that changes whenever the data does):
 * a value is used again while the stamp is the same and it is younger than the maximum age. A
 * computation that is still running is shared by everyone asking for it meanwhile, so a burst of
 * requests after a change computes once. A failed computation is not kept.
 */
export class StampedCache<T> {
  private stamp: string | null = null;
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly maxAgeMs = STAMPED_CACHE_MAX_AGE_MS,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = STAMPED_CACHE_MAX_ENTRIES,
  ) {}

  /** The value of `key` as of `stamp`; on a miss, `compute` gives it. */
  one(stamp: string, key: string, compute: () => Promise<T>): Promise<T> {
    return this.get(stamp, key, async () => new Map([[key, await compute()]]));
  }

  /**
   * The value of `key` as of `stamp`; on a miss, `compute` gives the values of several keys at
   * once (it must include `key`), and all of them are kept.
   */
  async get(stamp: string, key: string, compute: () => Promise<Map<string, T>>): Promise<T> {
    if (stamp !== this.stamp) {
      this.entries.clear();
      this.stamp = stamp;
    }
    const found = this.entries.get(key);
    if (found && this.now() - found.storedAt <= this.maxAgeMs) return found.value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();

    const all = compute();
    const storedAt = this.now();
    const forget = (entryKey: string, value: Promise<T>) => {
      if (this.entries.get(entryKey)?.value === value) this.entries.delete(entryKey);
    };
    const mine = all.then((values) => {
      const value = values.get(key);
      if (value === undefined) throw new Error(`the computation of "${key}" did not give it (gave ${[...values.keys()].join(', ')})`);
      // Kept only while the stamp is the one they were computed for: after a change they are stale.
      if (this.stamp !== stamp) return value;
      for (const [otherKey, otherValue] of values) {
        if (otherKey !== key && !this.entries.has(otherKey)) this.entries.set(otherKey, { value: Promise.resolve(otherValue), storedAt });
      }
      return value;
    });
    this.entries.set(key, { value: mine, storedAt });
    mine.catch(() => forget(key, mine));
    return mine;
  }
}
