import { Injectable } from '@nestjs/common';
import { LaunchPlanSchema, type LaunchPlan } from '@uptake/shared';
import { CacheService, invalidate, type CacheRegion } from '../cache/cache.service';
import { Database, toNumber } from '../database/database.service';

export interface StoredPlanVersion {
  id: number;
  version: number;
  createdAt: number;
  createdBy: string;
  source: string | null;
  plan: LaunchPlan;
}

interface PlanVersionRow {
  id: number;
  version: number;
  created_at: number | string;
  created_by: string;
  source: string | null;
  document: string;
}

/** Launch plan versions: append-only, a new row per change, never updated. */
@Injectable()
export class PlanRepository {
  private readonly newest: CacheRegion<StoredPlanVersion | null>;

  constructor(
    private readonly db: Database,
    cache: CacheService = new CacheService(db),
  ) {
    this.newest = cache.region('plan-in-force', ['plan']);
  }

  async addVersion(plan: LaunchPlan, createdBy: string, source: string | null, now: number): Promise<StoredPlanVersion> {
    return this.db.transaction(async (tx) => {
      const [{ next }] = await tx.query<{ next: number | string }>('SELECT COALESCE(MAX(version), 0) + 1 AS next FROM plan_versions');
      const version = toNumber(next);
      await tx.query(
        `INSERT INTO plan_versions (version, created_at, created_by, source, launch_date, timezone, document)
         VALUES (:version, :now, :createdBy, :source, :launchDate, :timezone, :document)`,
        { version, now, createdBy, source, launchDate: plan.launch_date, timezone: plan.timezone, document: JSON.stringify(plan) },
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
        'plan_departments',
        ['plan_version_id', 'name', 'seats', 'licence_cost_per_seat_month'],
        plan.departments.map((department) => [planVersionId, department.name, department.seats, department.licence_cost_per_seat_month]),
      );
      await invalidate(tx, 'plan');
      return { id: planVersionId, version, createdAt: now, createdBy, source, plan };
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
    const rows = await this.db.query<PlanVersionRow>('SELECT * FROM plan_versions ORDER BY version DESC');
    return rows.map(toStored);
  }
}

function toStored(row: PlanVersionRow): StoredPlanVersion {
  return {
    id: toNumber(row.id),
    version: toNumber(row.version),
    createdAt: toNumber(row.created_at),
    createdBy: row.created_by,
    source: row.source,
    plan: LaunchPlanSchema.parse(JSON.parse(row.document)),
  };
}
