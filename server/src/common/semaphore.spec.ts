import { Semaphore } from './semaphore';

describe(Semaphore.name, () => {
  /** A task that stays running until `finish()` is called. */
  function task() {
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    return { finish, body: () => done };
  }
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('runs at most `limit` tasks at once and starts the waiting ones in turn', async () => {
    const sut = new Semaphore(2);
    const tasks = [task(), task(), task()];
    const started: number[] = [];
    const runs = tasks.map((t, n) => sut.run(async () => (started.push(n), t.body())));
    await tick();
    expect(started).toEqual([0, 1]);
    expect([sut.active, sut.queued]).toEqual([2, 1]);
    tasks[1].finish();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    tasks[0].finish();
    tasks[2].finish();
    await Promise.all(runs);
    expect([sut.active, sut.queued]).toEqual([0, 0]);
  });

  it('refuses a task that would wait behind `maxWaiting` others, and frees the slot of a failed task', async () => {
    const sut = new Semaphore(1, 1);
    const first = task();
    const running = sut.run(first.body);
    const waiting = sut.run(async () => 'second');
    await expect(
      sut.run(
        async () => 'third',
        () => new Error('busy'),
      ),
    ).rejects.toThrow('busy');
    first.finish();
    await running;
    await expect(waiting).resolves.toBe('second');
    await expect(sut.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(sut.run(async () => 'after')).resolves.toBe('after');
    expect(sut.active).toBe(0);
  });
});
