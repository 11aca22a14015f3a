import type { Page } from '../connector.port';

/**
 * For listings that are not ordered by time: yields every non-empty page at once, without a
 * watermark, and after the last one an empty page carrying the newest instant of the whole
 * listing. A run that stops half-way keeps the pages it got but moves no watermark, so nothing
 * older than the newest row can be skipped next time.
 */
export async function* withFinalWatermark<T>(pages: AsyncIterable<T[]>, instantOf: (item: T) => number | null): AsyncGenerator<Page<T>> {
  let newest: number | undefined;
  for await (const items of pages) {
    const pageNewest = newestOf(items, instantOf);
    if (pageNewest !== undefined && (newest === undefined || pageNewest > newest)) newest = pageNewest;
    if (items.length) yield { items };
  }
  if (newest !== undefined) yield { items: [], watermark: newest };
}

/** The newest instant of a page, for listings ordered by time ascending. */
export function newestOf<T>(items: readonly T[], instantOf: (item: T) => number | null): number | undefined {
  let newest: number | undefined;
  for (const item of items) {
    const instant = instantOf(item);
    if (instant !== null && (newest === undefined || instant > newest)) newest = instant;
  }
  return newest;
}
