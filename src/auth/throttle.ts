/** Six failed sign-ins within 15 minutes lock that account for the rest of the window. */
export const MAX_FAILURES = 6;
export const WINDOW_MS = 15 * 60 * 1000;

export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => Date) {}

  private recent(username: string): number[] {
    const t = this.now().getTime();
    const list = (this.failures.get(username) ?? []).filter((at) => t - at < WINDOW_MS);
    this.failures.set(username, list);
    return list;
  }

  isLocked(username: string): boolean {
    return this.recent(username).length >= MAX_FAILURES;
  }

  fail(username: string): void {
    this.recent(username).push(this.now().getTime());
  }

  clear(username: string): void {
    this.failures.delete(username);
  }
}
