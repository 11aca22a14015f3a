/** The first delay once the free attempts are used up; each further attempt doubles it. */
export const FIRST_DELAY_MS = 1_000;

export interface ThrottleRule {
  /** Attempts in a streak that start no delay. */
  free: number;
  /** The longest delay between two attempts. */
  maxDelayMs: number;
}

/**
 * How long the next attempt must wait after the `attempts`-th attempt of a streak: nothing while
 * `attempts` is below `free`, then 1 s, 2 s, 4 s... (doubling per attempt) up to `maxDelayMs`.
 * A delay, never a lock: the right password always works once it has passed.
 */
export function throttleDelayMs(attempts: number, rule: ThrottleRule): number {
  if (attempts < rule.free) return 0;
  const doublings = Math.min(attempts - rule.free, 40);
  return Math.min(rule.maxDelayMs, FIRST_DELAY_MS * 2 ** doublings);
}
