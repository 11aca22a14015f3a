import { exponentialBackoff, formatDelay, parseRetryAfter } from './retry.util';

describe('retry.util', () => {
  it.each([
    [1, 2000],
    [2, 4000],
    [3, 8000],
    [4, 16000],
    // 2 s * 2^5 = 64 s, capped at 60 s.
    [6, 60000],
  ])('exponentialBackoff(%i) from 2 s capped at 60 s is %i ms', (attempt, delay) => {
    expect(exponentialBackoff(attempt, 2000, 60_000)).toBe(delay);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2024-04-01T10:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Mon, 01 Apr 2024 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });

  it('formats delays for messages', () => {
    expect(formatDelay(250)).toBe('250 ms');
    expect(formatDelay(10_000)).toBe('10 s');
    expect(formatDelay(1500)).toBe('1.5 s');
  });
});
