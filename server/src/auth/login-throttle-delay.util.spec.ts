import { throttleDelayMs } from './login-throttle-delay.util';

describe(throttleDelayMs.name, () => {
  const rule = { free: 3, maxDelayMs: 60_000 };

  it.each([
    [0, 0],
    [1, 0],
    [2, 0],
    [3, 1_000],
    [4, 2_000],
    [5, 4_000],
    [8, 32_000],
    [9, 60_000], // 64 s, capped
    [500, 60_000], // no overflow however long the streak
  ])('after attempt %i of a streak, waits %i ms', (attempts, expected) => {
    expect(throttleDelayMs(attempts, rule)).toBe(expected);
  });

  it('delays from the first attempt when nothing is free', () => {
    expect(throttleDelayMs(0, { free: 0, maxDelayMs: 5_000 })).toBe(1_000);
  });
});
