import type { Page } from '../connector.port';

/**
 * Splits items ordered by an instant into pages of about `pageSize` items. A page never ends
 * between two items with the same instant, so its watermark (the last instant in it) means "every
 * item up to here was listed" and a listing resumed after the watermark misses nothing.
 */
export async function* pagesByInstant<T>(
  items: Iterable<T>,
  instantOf: (item: T) => number,
  pageSize: number,
  signal?: AbortSignal,
): AsyncGenerator<Page<T>> {
  let page: T[] = [];
  for (const item of items) {
    if (page.length >= pageSize && instantOf(item) !== instantOf(page[page.length - 1])) {
      signal?.throwIfAborted();
      yield { items: page, watermark: instantOf(page[page.length - 1]) };
      page = [];
    }
    page.push(item);
  }
  signal?.throwIfAborted();
  if (page.length > 0) yield { items: page, watermark: instantOf(page[page.length - 1]) };
}

/** Splits a full listing into pages of at most `pageSize` items (no watermark: listed whole every time). */
export async function* pagesOf<T>(items: readonly T[], pageSize: number, signal?: AbortSignal): AsyncGenerator<Page<T>> {
  for (let start = 0; start < items.length; start += pageSize) {
    signal?.throwIfAborted();
    yield { items: items.slice(start, start + pageSize) };
  }
}
