import { Injectable, Logger, Optional } from '@nestjs/common';
import { diffPlans, type LaunchPlan, type PlanHistoryResponse, type PlanVersionView } from '@uptake/shared';
import { Clock } from '../common/clock';
import { SnapshotService } from '../metrics/snapshot.service';
import { RestatementService } from '../metrics/restatement.service';
import { PlanRepository, type StoredPlanVersion } from '../plan/plan.repository';

/** Where a version edited on the dashboard comes from; the editor's comment follows it. */
export const DASHBOARD_SOURCE = 'dashboard';

export interface PlanEdit {
  plan: LaunchPlan;
  changedBy: string;
  comment?: string;
  /** The first day the version is in force (checked by PlanUpdateRequestSchema); default today. */
  effectiveFrom?: string;
}

function view(version: StoredPlanVersion, previous: LaunchPlan | null): PlanVersionView {
  return {
    version: version.version,
    createdAt: new Date(version.createdAt).toISOString(),
    createdBy: version.createdBy,
    source: version.source,
    effectiveFrom: version.effectiveFrom,
    plan: version.plan,
    changes: diffPlans(previous, version.plan),
  };
}

/** Goals editing: every edit is a new plan version (history is never rewritten), shown with what changed. */
@Injectable()
export class PlanEditService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly snapshots: SnapshotService,
    private readonly clock: Clock,
    @Optional() private readonly restatements?: RestatementService,
  ) {}

  /** Every version, newest first, each with its differences from the version before it. */
  async history(): Promise<PlanHistoryResponse> {
    const versions = await this.plans.history();
    const history = versions.map((version, index) => view(version, versions[index + 1]?.plan ?? null));
    return { current: history[0] ?? null, history };
  }

  /**
   * Stores `edit.plan` as the next version by `edit.changedBy`, in force from `edit.effectiveFrom`
   * (default today), then recomputes the stored days it now applies to: today, or every day from
   * an earlier effective day to today.
   */
  async update(edit: PlanEdit): Promise<PlanVersionView> {
    const previous = await this.plans.current();
    const now = this.clock.now();
    const comment = edit.comment?.trim();
    const stored = await this.plans.addVersion(
      edit.plan,
      edit.changedBy,
      comment ? `${DASHBOARD_SOURCE}: ${comment}` : DASHBOARD_SOURCE,
      now,
      edit.effectiveFrom,
    );
    await this.snapshots.recomputeStoredSince(stored.effectiveFrom, now);
    await this.snapshots.recomputeToday(now);
    // stored days the version changes (marked with it) are recomputed after the answer, not while the editor waits
    this.restatements?.restatePending().catch((error: Error) => {
      new Logger(PlanEditService.name).warn(
        `recomputing stored days for plan version ${stored.version} failed, left for the next sync: ${error.message}`,
      );
    });
    return view(stored, previous?.plan ?? null);
  }
}
