/**
 * A few of one costly kind of work at a time, a few more waiting, and past that a refusal at once
 * (with how long to wait) instead of a queue that grows with the load. Used for password hashes
 * and PDFs, each of which holds tens of MB while it runs.
 */
export class BusyError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limits: { running: number; waiting: number },
    private readonly busy: (retryAfterSeconds: number) => BusyError,
  ) {}

  /**
   * Resolves with a release function once a slot is free. With `refuse`, throws the busy error if
   * the queue is full; without, waits however long it takes.
   */
  async acquire(refuse = true): Promise<() => void> {
    if (this.running >= this.limits.running) {
      if (refuse && this.waiting.length >= this.limits.waiting) throw this.busy(Math.max(1, Math.ceil(this.waiting.length / this.limits.running)));
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the next in line, so `running` never drops while some wait.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
  }

  async run<T>(work: () => Promise<T>, refuse = true): Promise<T> {
    const release = await this.acquire(refuse);
    try {
      return await work();
    } finally {
      release();
    }
  }
}
