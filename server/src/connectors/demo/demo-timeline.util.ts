/**
 * The demo simulates whole days; on the day that contains `now`, changes planned after `now` must
 * not show yet. Simulations call `beforeChange` before changing an item (at most once per item and
 * day); when the change lies after `now`, the item as it was is kept and listed instead.
 */
export class NowCutoff<T extends { createdAt: number }> {
  private readonly asOfNow = new Map<T, T>();

  constructor(
    private readonly now: number,
    private readonly copy: (item: T) => T,
  ) {}

  beforeChange(item: T, at: number): void {
    if (at > this.now && !this.asOfNow.has(item)) this.asOfNow.set(item, this.copy(item));
  }

  /** The item as the CRM shows it at `now`; null when it is created later. */
  visible(item: T): T | null {
    if (item.createdAt > this.now) return null;
    return this.asOfNow.get(item) ?? item;
  }
}
