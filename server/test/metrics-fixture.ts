import { LaunchPlanSchema, type LaunchPlanInput } from '@uptake/shared';
import { invalidate } from '../src/cache/cache-tags';
import type { Activity, CrmRecord, CrmUser, LoginEvent, Opportunity, TrainingAssignment } from '../src/connectors/connector.port';
import { Database, toNumber } from '../src/database/database.service';
import { PlanRepository, type StoredPlanVersion } from '../src/plan/plan.repository';
import { IngestRepository } from '../src/sync/ingest.repository';
import { upsertActivities } from '../src/sync/activity-ingest';

/** Epoch ms of an ISO timestamp with an explicit offset, e.g. `at('2026-03-10T23:59:59.999Z')`. */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO timestamp: ${iso}`);
  return ms;
}

export type UserInput = Partial<CrmUser> & Pick<CrmUser, 'externalId'>;
export type LoginInput = Partial<LoginEvent> & Pick<LoginEvent, 'userExternalId' | 'loginAt'>;
export type OpportunityInput = Partial<Opportunity> & Pick<Opportunity, 'externalId' | 'ownerExternalId'>;
export type RecordInput = Partial<CrmRecord> & Pick<CrmRecord, 'objectType' | 'externalId' | 'ownerExternalId'>;
export type ActivityInput = Partial<Activity> & Pick<Activity, 'ownerExternalId' | 'occurredAt'>;
export type TrainingInput = Partial<TrainingAssignment> & Pick<TrainingAssignment, 'userExternalId' | 'course'>;

/**
 * Builds CRM data for metric tests through the same upserts a sync uses: a connection, then users,
 * logins, opportunities, records and training with defaults for everything a test does not care about.
 * Each write invalidates the cache tag `crm_data`, as a sync does.
 */
export class MetricsFixture {
  private readonly ingest = new IngestRepository();
  private loginSequence = 0;
  private activitySequence = 0;

  constructor(private readonly db: Database) {}

  /** Creates a connection and returns its id. */
  async connection(name = 'crm', kind = 'csv'): Promise<number> {
    await this.db.query('INSERT INTO connections (name, kind, created_at) VALUES (:name, :kind, 0)', { name, kind });
    await invalidate(this.db, 'crm_data', 'sync_state');
    const [row] = await this.db.query<{ id: number | string }>('SELECT id FROM connections WHERE name = :name', { name });
    return toNumber(row.id);
  }

  /** Users default to an active, licensed person of department "Sales" who always existed. */
  async users(connectionId: number, users: readonly UserInput[], observedAt = 0): Promise<void> {
    const rows = users.map((user): CrmUser => ({
      name: user.externalId,
      email: null,
      department: 'Sales',
      role: null,
      managerExternalId: null,
      active: true,
      licensed: true,
      integration: false,
      createdAt: null,
      ...user,
    }));
    await this.db.transaction(async (tx) => {
      await this.ingest.upsertUsers(tx, connectionId, rows, 0, observedAt);
      await invalidate(tx, 'crm_data');
    });
  }

  /** Logins default to a successful web login with a generated external id. */
  async logins(connectionId: number, logins: readonly LoginInput[]): Promise<void> {
    const rows = logins.map((login): LoginEvent => ({
      externalId: `login-${++this.loginSequence}`,
      success: true,
      channel: 'web',
      ...login,
    }));
    await this.db.transaction(async (tx) => {
      await this.ingest.upsertLogins(tx, connectionId, rows);
      await invalidate(tx, 'crm_data');
    });
  }

  /** Opportunities default to open, never touched, with no fields. */
  async opportunities(connectionId: number, opportunities: readonly OpportunityInput[], observedAt = 0): Promise<void> {
    const rows = opportunities.map((o): Opportunity => ({
      stage: null,
      amount: null,
      isClosed: false,
      isWon: false,
      createdAt: null,
      closeDate: null,
      lastActivityAt: null,
      lastModifiedAt: null,
      deleted: false,
      fields: {},
      ...o,
    }));
    await this.db.transaction(async (tx) => {
      await this.ingest.upsertOpportunities(tx, connectionId, rows, observedAt);
      await invalidate(tx, 'crm_data');
    });
  }

  async records(connectionId: number, records: readonly RecordInput[], observedAt = 0): Promise<void> {
    const rows = records.map((r): CrmRecord => ({ createdAt: null, lastModifiedAt: null, deleted: false, fields: {}, ...r }));
    await this.db.transaction(async (tx) => {
      await this.ingest.upsertRecords(tx, connectionId, rows, observedAt);
      await invalidate(tx, 'crm_data');
    });
  }

  /** Assignments default to optional and not completed. */
  async training(connectionId: number, assignments: readonly TrainingInput[]): Promise<void> {
    const rows = assignments.map((a): TrainingAssignment => ({ required: false, completedAt: null, ...a }));
    await this.db.transaction(async (tx) => {
      await this.ingest.upsertTraining(tx, connectionId, rows);
      await invalidate(tx, 'crm_data');
    });
  }

  /** Activities default to a call related to nothing, not deleted, with a generated external id. */
  async activities(connectionId: number, activities: readonly ActivityInput[]): Promise<void> {
    const rows = activities.map((a): Activity => ({
      externalId: `activity-${++this.activitySequence}`,
      type: 'call',
      relatedExternalId: null,
      createdAt: null,
      deleted: false,
      ...a,
    }));
    await this.db.transaction(async (tx) => {
      await upsertActivities(tx, connectionId, rows);
      await invalidate(tx, 'crm_data');
    });
  }

  /** Stores a launch plan as the next version, in force from `effectiveFrom` (default: the day of `now`, 1970-01-01). */
  plan(plan: LaunchPlanInput, now = 0, effectiveFrom?: string): Promise<StoredPlanVersion> {
    return new PlanRepository(this.db).addVersion(LaunchPlanSchema.parse(plan), 'test', null, now, effectiveFrom);
  }

  /** Records a sync run of the connection started at `startedAt` (a completed run observes the connection). */
  async run(connectionId: number, startedAt: number, status: 'succeeded' | 'failed' | 'running' = 'succeeded'): Promise<void> {
    await this.db.query(
      `INSERT INTO sync_runs (connection_id, trigger, status, started_at, finished_at)
       VALUES (:connectionId, 'import', :status, :startedAt, :finishedAt)`,
      { connectionId, status, startedAt, finishedAt: status === 'running' ? null : startedAt + 1000 },
    );
    await invalidate(this.db, 'sync_state');
  }
}
