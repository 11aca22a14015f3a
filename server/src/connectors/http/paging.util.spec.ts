import { newestOf, withFinalWatermark } from './paging.util';

async function* pages<T>(...lists: T[][]): AsyncGenerator<T[]> {
  for (const list of lists) yield list;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('paging.util', () => {
  it('yields pages at once and the newest instant after the last', async () => {
    const result = await collect(withFinalWatermark(pages([5, 9], [], [7]), (n) => n));
    expect(result).toEqual([{ items: [5, 9] }, { items: [7] }, { items: [], watermark: 9 }]);
  });

  it('gives no watermark for an empty listing', async () => {
    expect(await collect(withFinalWatermark(pages<number>([], []), (n) => n))).toEqual([]);
  });

  it('finds the newest instant of a page, ignoring unknown ones', () => {
    expect(newestOf([3, null, 8, 1], (n) => n)).toBe(8);
    expect(newestOf([null], (n) => n)).toBeUndefined();
  });
});
