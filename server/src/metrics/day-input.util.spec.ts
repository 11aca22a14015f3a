import { assertDay, assertDayRange } from './day-input.util';
import { InvalidDayError } from './metrics.errors';

describe('assertDay', () => {
  it.each(['2026-03-01', '2024-02-29', '1999-12-31'])('accepts %s', (day) => {
    expect(() => assertDay('asOf', day)).not.toThrow();
  });

  it.each(['2026-02-29', '2026-13-01', '2026-3-1', '01/03/2026', '2026-03-01T00:00:00Z', ''])('rejects "%s" naming the argument', (day) => {
    expect(() => assertDay('asOf', day)).toThrow(new InvalidDayError(`asOf: expected a date as YYYY-MM-DD, got "${day}"`));
  });
});

describe('assertDayRange', () => {
  it('accepts a single day and a range in order', () => {
    expect(() => assertDayRange('2026-03-01', '2026-03-01')).not.toThrow();
    expect(() => assertDayRange('2026-02-28', '2026-03-01')).not.toThrow();
  });

  it('rejects a range that ends before it starts, and a bad end', () => {
    expect(() => assertDayRange('2026-03-02', '2026-03-01')).toThrow('from 2026-03-02 is after to 2026-03-01');
    expect(() => assertDayRange('2026-03-01', 'tomorrow')).toThrow('to: expected a date as YYYY-MM-DD, got "tomorrow"');
  });
});
