import { UptakeError } from '../common/error-codes';
import { parseInstant } from '../common/time.util';

/**
 * The instant of `import --observed-at` (DESIGN.md "History": the instant the CSV folder is a
 * picture of): an ISO 8601 date or timestamp, a bare date meaning 00:00 of that day in `timezone`.
 * Unparsable or after `now` (the data cannot have been observed in the future): VALIDATION_FAILED.
 */
export function parseObservedAt(text: string, timezone: string, now: number): number {
  const instant = parseInstant(text, timezone);
  if (instant === null) {
    throw new UptakeError('VALIDATION_FAILED', `--observed-at "${text}" is not an ISO 8601 date or timestamp (e.g. 2026-03-01T09:30:00Z)`);
  }
  checkObservedAt(instant, now, text);
  return instant;
}

/** Refuses an observation instant after `now`. */
export function checkObservedAt(instant: number, now: number, text = new Date(instant).toISOString()): void {
  if (!Number.isFinite(instant) || instant > now) {
    throw new UptakeError(
      'VALIDATION_FAILED',
      `--observed-at ${text} is in the future (now is ${new Date(now).toISOString()}); a folder can only show what was observed by now`,
    );
  }
}
