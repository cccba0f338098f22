/**
 * Refusals that can come in floods, folded (fold.ts) and written through a log's own `record`:
 * the part of recordRepeat()/flushRepeats() that is the same whichever log keeps the entries.
 */
import type { AuditInput } from "./chain.ts";
import { RepeatFolder } from "./fold.ts";

export class RepeatRecorder {
  private readonly folds: RepeatFolder;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    now: () => Date,
    private readonly record: (input: AuditInput) => Promise<unknown>,
  ) {
    this.folds = new RepeatFolder(now);
  }

  /** The first of its kind in a minute is written now (resolves once it is); the rest are counted. */
  async take(input: AuditInput, username?: string): Promise<void> {
    const { write, closed } = this.folds.take(input, username);
    for (const entry of closed) this.record(entry).catch(logFailure);
    if (this.folds.size > 0 && !this.timer) {
      // Unref'd: a pending count never keeps the process alive; close() writes it.
      this.timer = setInterval(() => this.flush().catch(logFailure), 10_000);
      this.timer.unref();
    }
    if (write) await this.record(write);
  }

  /** Writes the counts of folds whose minute is over (every open fold with `all`). */
  async flush(all = false): Promise<void> {
    const due = this.folds.due(all);
    if (this.folds.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    await Promise.all(due.map((entry) => this.record(entry)));
  }
}

export function logFailure(err: unknown): void {
  console.error(`Could not write to the audit log: ${err}`);
}
