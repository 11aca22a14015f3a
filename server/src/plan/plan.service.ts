import { Injectable } from '@nestjs/common';
import { parseLaunchPlan } from './plan.parser';
import { PlanRepository, type StoredPlanVersion } from './plan.repository';

/** The launch plan: every change is a new version with who and when; history is never rewritten. */
@Injectable()
export class PlanService {
  constructor(private readonly plans: PlanRepository) {}

  /**
   * Reads a plan (YAML or JSON) and stores it as the next version, all or nothing. Throws
   * PlanInputError, naming every problem with `<source>:<line>:<column>`, and stores nothing.
   */
  async apply(text: string, source: string, who: string, now: number): Promise<StoredPlanVersion> {
    const plan = parseLaunchPlan(text, source);
    return this.plans.addVersion(plan, who, source, now);
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
