import { StampedCache } from './stamped-cache';

describe(StampedCache.name, () => {
  let clock: number;
  let sut: StampedCache<number>;
  let computations: number;
  const compute = (values: Record<string, number>) => async () => {
    computations += 1;
    return new Map(Object.entries(values));
  };

  beforeEach(() => {
    clock = 1_000;
    computations = 0;
    sut = new StampedCache<number>(60_000, () => clock);
  });

  it('computes once for the key and the others computed with it, while the stamp stays', async () => {
    await expect(sut.get('s1', 'mon', compute({ mon: 1, sun: 7 }))).resolves.toBe(1);
    await expect(sut.get('s1', 'sun', compute({ sun: 70 }))).resolves.toBe(7); // kept from the first computation
    await expect(sut.get('s1', 'mon', compute({ mon: 10 }))).resolves.toBe(1);
    expect(computations).toBe(1);
  });

  it('computes again when the stamp changes or the value is older than the maximum age', async () => {
    await sut.get('s1', 'mon', compute({ mon: 1 }));
    await expect(sut.get('s2', 'mon', compute({ mon: 2 }))).resolves.toBe(2);
    clock += 60_001; // stored at 1,000; now 61,001: 60,001 ms old
    await expect(sut.get('s2', 'mon', compute({ mon: 3 }))).resolves.toBe(3);
    expect(computations).toBe(3);
  });

  it('does not keep the other values of a computation that was running when the stamp changed', async () => {
    let finish!: (values: Map<string, number>) => void;
    const slow = () => new Promise<Map<string, number>>((resolve) => (finish = resolve));
    const before = sut.get('s1', 'mon', slow);
    await expect(sut.get('s2', 'tue', compute({ tue: 20 }))).resolves.toBe(20);
    finish(
      new Map([
        ['mon', 1],
        ['sun', 7],
      ]),
    );
    await expect(before).resolves.toBe(1); // its caller still gets what it asked for
    await expect(sut.get('s2', 'sun', compute({ sun: 70 }))).resolves.toBe(70); // not the 7 of stamp s1
    expect(computations).toBe(2);
  });

  it('keeps a single value with one()', async () => {
    await expect(sut.one('s1', 'report', async () => 3)).resolves.toBe(3);
    await expect(sut.one('s1', 'report', async () => 4)).resolves.toBe(3);
    await expect(sut.one('s2', 'report', async () => 5)).resolves.toBe(5);
  });

  it('shares a running computation and forgets a failed one', async () => {
    let finish!: (values: Map<string, number>) => void;
    const slow = () => {
      computations += 1;
      return new Promise<Map<string, number>>((resolve) => (finish = resolve));
    };
    const first = sut.get('s1', 'mon', slow);
    const second = sut.get('s1', 'mon', slow);
    finish(new Map([['mon', 5]]));
    await expect(Promise.all([first, second])).resolves.toEqual([5, 5]);
    expect(computations).toBe(1);

    await expect(sut.get('s2', 'tue', () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    await expect(sut.get('s2', 'tue', compute({ tue: 2 }))).resolves.toBe(2);
  });
});
