import { Injectable } from '@nestjs/common';
import { effectiveFromProblem } from '@uptake/shared';
import { UptakeError } from '../common/error-codes';
import { parseLaunchPlan } from './plan.parser';
import { PlanRepository, type StoredPlanVersion } from './plan.repository';

/** The launch plan: every change is a new version with who and when; history is never rewritten. */
@Injectable()
export class PlanService {
  constructor(private readonly plans: PlanRepository) {}

  /**
   * Reads a plan (YAML or JSON) and stores it as the next version, in force from `effectiveFrom`
   * (default: the day it is applied), all or nothing. Throws PlanInputError, naming every problem
   * with `<source>:<line>:<column>`, or PLAN_INVALID for an effective day that is not a date or is
   * before the launch date, and stores nothing.
   */
  async apply(text: string, source: string, who: string, now: number, effectiveFrom?: string): Promise<StoredPlanVersion> {
    const plan = parseLaunchPlan(text, source);
    if (effectiveFrom !== undefined) {
      const problem = effectiveFromProblem(effectiveFrom, plan.launch_date);
      if (problem !== null) throw new UptakeError('PLAN_INVALID', `${source}: ${problem}`);
    }
    return this.plans.addVersion(plan, who, source, now, effectiveFrom);
  }

  /** The plan in force: the latest version, or null before any plan was applied. */
  current(): Promise<StoredPlanVersion | null> {
    return this.plans.current();
  }

  /** Every version, newest first. */
  history(): Promise<StoredPlanVersion[]> {
    return this.plans.history();
  }
}
