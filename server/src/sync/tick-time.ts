/** How many schedule times `tickTimeOf` steps over at most: a job late by more than this many ticks is labelled with a recent one, not the latest. */
export const MAX_TICKS_STEPPED = 1_000;

/**
 * The cron time a firing of a scheduled job stands for: the latest time of the schedule that is
 * not after `now`, counted on from `armedFor`, the time the job's timer was set for. Replicas
 * claim a tick by this time, so it must not depend on when the timer happened to fire: a timer
 * that fires late, or one armed a moment before a schedule time passed, still names the right
 * tick. `nextAfter(t)` is the schedule's first time strictly after `t` (epoch ms).
 */
export function tickTimeOf(armedFor: number, now: number, nextAfter: (at: number) => number): number {
  let tick = armedFor;
  for (let stepped = 0; stepped < MAX_TICKS_STEPPED; stepped++) {
    const next = nextAfter(tick);
    if (next > now) break;
    tick = next;
  }
  return tick;
}
