import { InvalidDayError } from './metrics.errors';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks that `value` is a calendar date as YYYY-MM-DD; `name` says which argument it is. */
export function assertDay(name: string, value: string): void {
  const match = ISO_DAY.exec(value);
  const valid =
    match !== null && new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().slice(0, 10) === value;
  if (!valid) throw new InvalidDayError(`${name}: expected a date as YYYY-MM-DD, got "${value}"`);
}

/** Checks both days and that `from` is not after `to`. */
export function assertDayRange(from: string, to: string): void {
  assertDay('from', from);
  assertDay('to', to);
  if (from > to) throw new InvalidDayError(`from ${from} is after to ${to}`);
}
