/**
 * At most `limit` tasks at once; later ones wait in turn. With `maxWaiting`, a task that would
 * wait behind that many others is not queued: `run` rejects with `onFull()`.
 */
export class Semaphore {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly limit: number,
    private readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>, onFull?: () => Error): Promise<T> {
    if (this.running >= this.limit) {
      if (onFull && this.waiting.length >= this.maxWaiting) throw onFull();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes to the next task as is
      else this.running -= 1;
    }
  }
}
