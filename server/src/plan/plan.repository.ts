import { Injectable } from '@nestjs/common';
import { LaunchPlanSchema, type LaunchPlan } from '@uptake/shared';
import { CacheService, invalidate, type CacheRegion } from '../cache/cache.service';
import { Database, toNumber } from '../database/database.service';
import { dayOf } from '../common/time.util';
import { markDirtyDays, planChangesStoredValues } from '../metrics/dirty-days';

export interface StoredPlanVersion {
  id: number;
  version: number;
  createdAt: number;
  createdBy: string;
  source: string | null;
  /** The first day (YYYY-MM-DD, in the plan's time zone) this version is the plan in force. */
  effectiveFrom: string;
  plan: LaunchPlan;
}

interface PlanVersionRow {
  id: number;
  version: number;
  created_at: number | string;
  created_by: string;
  source: string | null;
  effective_from: string | null;
  document: string;
}

/** Launch plan versions: append-only, a new row per change, never updated. */
@Injectable()
export class PlanRepository {
  private readonly newest: CacheRegion<StoredPlanVersion | null>;
  private readonly allVersions: CacheRegion<readonly StoredPlanVersion[]>;

  constructor(
    private readonly db: Database,
    cache: CacheService = new CacheService(db),
  ) {
    this.newest = cache.region('plan-in-force', ['plan']);
    this.allVersions = cache.region('plan-versions', ['plan']);
  }

  /**
   * Stores `plan` as the next version, in force from `effectiveFrom` (default: the day of `now` in
   * the plan's time zone). The caller checks `effectiveFrom` (effectiveFromProblem in shared/).
   */
  async addVersion(
    plan: LaunchPlan,
    createdBy: string,
    source: string | null,
    now: number,
    effectiveFrom: string = dayOf(now, plan.timezone),
  ): Promise<StoredPlanVersion> {
    return this.db.transaction(async (tx) => {
      const [{ next }] = await tx.query<{ next: number | string }>('SELECT COALESCE(MAX(version), 0) + 1 AS next FROM plan_versions');
      const version = toNumber(next);
      // late data: a version that changes stored values marks the stored days it applies to: from its effective day on
      const [previous] = await tx.query<{ document: string }>('SELECT document FROM plan_versions WHERE version = :version', {
        version: version - 1,
      });
      if (planChangesStoredValues(previous ? (JSON.parse(previous.document) as LaunchPlan) : null, plan)) {
        await markDirtyDays(tx, [{ fromDay: effectiveFrom }], { kind: 'plan', ref: String(version) }, now);
      }
      await tx.query(
        `INSERT INTO plan_versions (version, created_at, created_by, source, effective_from, launch_date, timezone, document)
         VALUES (:version, :now, :createdBy, :source, :effectiveFrom, :launchDate, :timezone, :document)`,
        {
          version,
          now,
          createdBy,
          source,
          effectiveFrom,
          launchDate: plan.launch_date,
          timezone: plan.timezone,
          document: JSON.stringify(plan),
        },
      );
      const [{ id }] = await tx.query<{ id: number }>('SELECT id FROM plan_versions WHERE version = :version', { version });
      const planVersionId = toNumber(id);
      await tx.insertMany(
        'plan_goals',
        ['plan_version_id', 'department', 'metric', 'target', 'target_date', 'baseline'],
        plan.goals.map((goal) => [planVersionId, goal.department, goal.metric, goal.target, goal.by, goal.baseline ?? null]),
      );
      await tx.insertMany(
        'plan_required_fields',
        ['plan_version_id', 'object_type', 'field'],
        Object.entries(plan.required_fields).flatMap(([objectType, fields]) =>
          [...new Set(fields)].map((field) => [planVersionId, objectType, field]),
        ),
      );
      await tx.insertMany(
        'plan_required_courses',
        ['plan_version_id', 'department', 'course'],
        Object.entries(plan.training?.required_courses ?? {}).flatMap(([department, courses]) =>
          [...new Set(courses)].map((course) => [planVersionId, department, course]),
        ),
      );
      await tx.insertMany(
        'plan_departments',
        ['plan_version_id', 'name', 'seats', 'licence_cost_per_seat_month'],
        plan.departments.map((department) => [planVersionId, department.name, department.seats, department.licence_cost_per_seat_month]),
      );
      await invalidate(tx, 'plan');
      return { id: planVersionId, version, createdAt: now, createdBy, source, effectiveFrom, plan };
    });
  }

  /**
   * The newest version. Every request reads it several times, so the parsed plan is kept until a
   * version is added in any process (cache tag `plan`). Every caller shares it.
   */
  current(): Promise<StoredPlanVersion | null> {
    return this.newest.one('newest', async () => {
      const rows = await this.db.query<PlanVersionRow>('SELECT * FROM plan_versions ORDER BY id DESC LIMIT 1');
      return rows.length ? toStored(rows[0]) : null;
    });
  }

  async history(): Promise<StoredPlanVersion[]> {
    return [...(await this.all())].reverse();
  }

  /**
   * Every version, oldest first (the plan in force of each day is chosen among them: PlanInForce).
   * Kept until a version is added in any process (cache tag `plan`); versions are never changed.
   */
  async all(): Promise<readonly StoredPlanVersion[]> {
    return this.allVersions.one('all', async () => {
      const rows = await this.db.query<PlanVersionRow>('SELECT * FROM plan_versions ORDER BY version');
      return rows.map(toStored);
    });
  }
}

function toStored(row: PlanVersionRow): StoredPlanVersion {
  const plan = LaunchPlanSchema.parse(JSON.parse(row.document));
  return {
    id: toNumber(row.id),
    version: toNumber(row.version),
    createdAt: toNumber(row.created_at),
    createdBy: row.created_by,
    source: row.source,
    effectiveFrom: row.effective_from ?? dayOf(toNumber(row.created_at), plan.timezone),
    plan,
  };
}
