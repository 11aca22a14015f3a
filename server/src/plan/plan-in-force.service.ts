import { Injectable } from '@nestjs/common';
import type { LaunchPlan } from '@uptake/shared';
import { Clock } from '../common/clock';
import { dayOf } from '../common/time.util';
import { PlanRepository, type StoredPlanVersion } from './plan.repository';

/** The time zone of days without a plan. */
export const DEFAULT_TIMEZONE = 'UTC';

/** The plan's time zone, or UTC without a plan: the one rule for "whose day is it". */
export function timezoneOf(plan: Pick<LaunchPlan, 'timezone'> | null | undefined): string {
  return plan?.timezone ?? DEFAULT_TIMEZONE;
}

/**
 * The launch plan in force (the newest version; versions are append-only) and "today" in its
 * time zone by the injectable Clock. Ask this service instead of reading the newest plan inline.
 */
@Injectable()
export class PlanInForce {
  constructor(
    private readonly plans: PlanRepository,
    private readonly clock: Clock,
  ) {}

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
