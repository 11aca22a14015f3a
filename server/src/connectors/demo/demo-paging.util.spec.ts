import type { Page } from '../connector.port';
import { pagesByInstant, pagesOf } from './demo-paging.util';

async function collect<T>(pages: AsyncIterable<Page<T>>): Promise<Page<T>[]> {
  const out: Page<T>[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe(pagesByInstant.name, () => {
  it('cuts pages of about the page size, never between equal instants, with the last instant as watermark', async () => {
    const pages = await collect(pagesByInstant([1, 2, 2, 2, 3, 4, 5], (n) => n, 2));
    // [1,2] is full but the next item is 2 again, so the page grows to [1,2,2,2]; then [3,4]; then [5].
    expect(pages).toEqual([
      { items: [1, 2, 2, 2], watermark: 2 },
      { items: [3, 4], watermark: 4 },
      { items: [5], watermark: 5 },
    ]);
  });

  it('yields nothing for nothing', async () => {
    expect(await collect(pagesByInstant([], (n: number) => n, 2))).toEqual([]);
  });

  it('stops when the run is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(collect(pagesByInstant([1, 2, 3], (n) => n, 1, controller.signal))).rejects.toThrow();
  });
});

describe(pagesOf.name, () => {
  it('splits a listing into pages without watermarks', async () => {
    expect(await collect(pagesOf([1, 2, 3, 4, 5], 2))).toEqual([{ items: [1, 2] }, { items: [3, 4] }, { items: [5] }]);
  });
});
