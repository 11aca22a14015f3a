import { CronTime } from 'cron';
import { MAX_TICKS_STEPPED, tickTimeOf } from './tick-time';

const at = (iso: string) => Date.parse(iso);
const every5Seconds = new CronTime('*/5 * * * * *', 'UTC');
const nextOf = (cron: CronTime) => (time: number) => cron.getNextDateFrom(new Date(time), 'UTC').toMillis();

describe('tickTimeOf: the schedule time a firing stands for', () => {
  it('is the time the timer was armed for when it fires on time or a little late', () => {
    expect(tickTimeOf(at('2026-11-28T10:00:05Z'), at('2026-11-28T10:00:05.003Z'), nextOf(every5Seconds))).toBe(at('2026-11-28T10:00:05Z'));
    expect(tickTimeOf(at('2026-11-28T10:00:05Z'), at('2026-11-28T10:00:09.999Z'), nextOf(every5Seconds))).toBe(at('2026-11-28T10:00:05Z'));
  });

  it('is the latest schedule time passed when the timer was armed for an earlier one', () => {
    // armed a moment before 10:00:05 went by, so the timer was set for 10:00:10 while the label said 10:00:05
    expect(tickTimeOf(at('2026-11-28T10:00:05Z'), at('2026-11-28T10:00:10.001Z'), nextOf(every5Seconds))).toBe(at('2026-11-28T10:00:10Z'));
    // blocked for 12 s: the ticks of :05 and :10 went by, the firing stands for :15
    expect(tickTimeOf(at('2026-11-28T10:00:05Z'), at('2026-11-28T10:00:17Z'), nextOf(every5Seconds))).toBe(at('2026-11-28T10:00:15Z'));
  });

  it('follows irregular schedules (weekdays at 06:30 UTC)', () => {
    const weekdays = new CronTime('0 30 6 * * 1-5', 'UTC');
    // Friday 27 November 2026 06:30 was armed for; it fires on Monday 30 November at 06:30:00.2
    expect(tickTimeOf(at('2026-11-27T06:30:00Z'), at('2026-11-30T06:30:00.200Z'), nextOf(weekdays))).toBe(at('2026-11-30T06:30:00Z'));
    expect(tickTimeOf(at('2026-11-27T06:30:00Z'), at('2026-11-30T06:29:59Z'), nextOf(weekdays))).toBe(at('2026-11-27T06:30:00Z'));
  });

  it('is the armed time when that is still ahead (a timer never fires early, but the label must not run ahead of it)', () => {
    expect(tickTimeOf(at('2026-11-28T10:00:05Z'), at('2026-11-28T10:00:04.999Z'), nextOf(every5Seconds))).toBe(at('2026-11-28T10:00:05Z'));
  });

  it(`steps over at most ${MAX_TICKS_STEPPED} schedule times`, () => {
    const everySecond = (time: number) => Math.floor(time / 1_000) * 1_000 + 1_000;
    expect(tickTimeOf(0, 1_000_000_000, everySecond)).toBe(MAX_TICKS_STEPPED * 1_000);
  });
});
