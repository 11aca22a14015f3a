import { Injectable } from '@nestjs/common';
import type { LaunchPlan } from '@uptake/shared';
import { Clock } from '../common/clock';
import { addDays, dayOf } from '../common/time.util';
import { PlanRepository, type StoredPlanVersion } from './plan.repository';

/** The time zone of days without a plan. */
export const DEFAULT_TIMEZONE = 'UTC';

/** The plan's time zone, or UTC without a plan: the one rule for "whose day is it". */
export function timezoneOf(plan: Pick<LaunchPlan, 'timezone'> | null | undefined): string {
  return plan?.timezone ?? DEFAULT_TIMEZONE;
}

/**
 * The version in force on `day` among `versions` (oldest first): of the versions effective on or
 * before the day, the one applied last (the highest version number); before every effective day,
 * the first version. Null without versions.
 *
 * So a version applied later with an earlier effective day replaces its predecessors from that day
 * on, and the newest version is in force from its own effective day.
 */
export function versionAt(versions: readonly StoredPlanVersion[], day: string): StoredPlanVersion | null {
  let inForce: StoredPlanVersion | null = null;
  for (const version of versions) {
    if (version.effectiveFrom <= day && (inForce === null || version.version > inForce.version)) inForce = version;
  }
  return inForce ?? versions[0] ?? null;
}

/** A run of consecutive days with the same plan in force. */
export interface PlanSegment {
  from: string;
  to: string;
  version: StoredPlanVersion | null;
}

/** Splits `from`..`to` (both included) into runs of days that have the same plan in force, in order. */
export function planSegments(versions: readonly StoredPlanVersion[], from: string, to: string): PlanSegment[] {
  // The plan in force changes only on an effective day: only those days need a look.
  const changes = [...new Set(versions.map((version) => version.effectiveFrom))].filter((day) => day > from && day <= to).sort();
  const segments: PlanSegment[] = [];
  for (const [index, start] of [from, ...changes].entries()) {
    const end = index < changes.length ? addDays(changes[index], -1) : to;
    const version = versionAt(versions, start);
    const last = segments[segments.length - 1];
    if (last && last.version?.id === version?.id) last.to = end;
    else segments.push({ from: start, to: end, version });
  }
  return segments;
}

/**
 * The launch plan in force: `at(day)` for a day (DESIGN.md "History": each day uses the plan in
 * force at its end), `version()`/`plan()` for the newest version, which also sets the time zone
 * of every day; and "today" in that time zone by the injectable Clock. Ask this service instead of
 * reading plan versions inline.
 */
@Injectable()
export class PlanInForce {
  constructor(
    private readonly plans: PlanRepository,
    private readonly clock: Clock,
  ) {}

  /** The version in force on `day` (versionAt), or null when no plan was applied. */
  async at(day: string): Promise<StoredPlanVersion | null> {
    return versionAt(await this.plans.all(), day);
  }

  /** Every version, oldest first. */
  all(): Promise<readonly StoredPlanVersion[]> {
    return this.plans.all();
  }

  /** The days `from`..`to` in runs with the same plan in force (planSegments). */
  async segments(from: string, to: string): Promise<PlanSegment[]> {
    return planSegments(await this.plans.all(), from, to);
  }

  /** The newest version with its number and author, or null when no plan was applied. */
  version(): Promise<StoredPlanVersion | null> {
    return this.plans.current();
  }

  async plan(): Promise<LaunchPlan | null> {
    return (await this.plans.current())?.plan ?? null;
  }

  /** The plan's time zone (UTC without a plan). */
  async timezone(): Promise<string> {
    return timezoneOf(await this.plan());
  }

  /** Today's date (YYYY-MM-DD) in the plan's time zone. */
  async today(): Promise<string> {
    return dayOf(this.clock.now(), await this.timezone());
  }
}
