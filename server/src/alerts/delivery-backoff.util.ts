/** The first retry waits this long; each further one twice as long, up to MAX_DELAY_MS. */
export const FIRST_RETRY_MS = 30_000;
export const MAX_DELAY_MS = 60 * 60_000;
/** Attempts before a delivery is given up (`failed`): about a day of retries. */
export const MAX_ATTEMPTS = 30;

/** When to try again after failed attempt number `attempts` (1-based), or null to give up. */
export function nextAttemptAt(attempts: number, now: number): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  return now + Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}
