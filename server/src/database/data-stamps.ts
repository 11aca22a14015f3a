import { Database } from './database.service';

/** Every table the metrics read: a write of this process to one of them changes the metrics stamp. */
const METRIC_TABLES = [
  'connections',
  'departments',
  'crm_users',
  'login_events',
  'opportunities',
  'records',
  'record_fields',
  'training_assignments',
  'activities',
  'plan_versions',
  'plan_required_fields',
  'crm_user_versions',
  'opportunity_versions',
  'record_versions',
  'record_field_versions',
  'plan_required_courses',
  'person_overrides',
];
const SNAPSHOT_TABLES = ['metric_snapshots'];
const SYNC_STATE_TABLES = ['connections', 'sync_runs'];
const ACCESS_TABLES = ['accounts', 'account_departments', 'api_tokens'];
/** A write of this process to one of these makes the shared counters be read again at once. */
const COUNTED_TABLES = [...new Set([...METRIC_TABLES, ...SNAPSHOT_TABLES, ...SYNC_STATE_TABLES, ...ACCESS_TABLES, 'change_counters'])];

/**
 * How long the shared counters, once read, stand for the writes of other processes. Writes of this
 * process are seen at once regardless; another replica's sync shows at most this much later.
 */
export const SHARED_COUNTERS_FRESH_MS = 100;

interface SharedCounters {
  crmData: string;
  snapshots: string;
  syncState: string;
  access: string;
  /** The id of the newest plan version (they are append-only), or null without a plan. */
  planId: number | null;
}

interface CountersRead {
  startedAt: number;
  localWrites: number;
  counters: Promise<SharedCounters>;
}

const byDatabase = new WeakMap<Database, DataStamps>();

/**
 * Stamps of the data the dashboard's answers are computed from: strings that change whenever that
 * data may have changed, for caches keyed by them. A stamp joins this process's own writes
 * (counted as they commit, so seen at once) with the change counters every process bumps in the
 * transaction of its write (a replica's sync, `uptake snapshot`) and the newest plan version.
 *
 * The shared counters are one small query, read again when this process wrote to a counted table
 * or SHARED_COUNTERS_FRESH_MS after the last read: a busy server reads them a few times a second,
 * not several times per request.
 */
export class DataStamps {
  private last: CountersRead | null = null;

  private constructor(private readonly db: Database) {}

  /** The one instance of a database, so that every cache of it shares the counters. */
  static of(db: Database): DataStamps {
    let stamps = byDatabase.get(db);
    if (!stamps) {
      stamps = new DataStamps(db);
      byDatabase.set(db, stamps);
    }
    return stamps;
  }

  /** Changes with the CRM data and the plan: what metric counts and reports are computed from. */
  async metrics(): Promise<string> {
    return this.metricsStamp(await this.counters());
  }

  /** Changes with the snapshots, the CRM data and the plan: what the daily series (with the plan's ramp) are read from. */
  async snapshots(): Promise<string> {
    const counters = await this.counters();
    return `s${this.db.writesTo(SNAPSHOT_TABLES)}.${counters.snapshots}.${this.metricsStamp(counters)}`;
  }

  /** Changes with the connections and their sync runs (started, progressing, finished). */
  async syncState(): Promise<string> {
    const counters = await this.counters();
    return `c${this.db.writesTo(SYNC_STATE_TABLES)}.${counters.syncState}`;
  }

  /** Changes with the accounts, their departments and the API tokens: who may sign requests, as what. */
  async access(): Promise<string> {
    const counters = await this.counters();
    return `a${this.db.writesTo(ACCESS_TABLES)}.${counters.access}`;
  }

  /** The id of the newest plan version, or null when no plan was applied. */
  async newestPlanId(): Promise<number | null> {
    return (await this.counters()).planId;
  }

  private metricsStamp(counters: SharedCounters): string {
    return `m${this.db.writesTo(METRIC_TABLES)}.${counters.crmData}.${counters.planId ?? ''}`;
  }

  private counters(): Promise<SharedCounters> {
    const localWrites = this.db.writesTo(COUNTED_TABLES);
    const now = Date.now();
    const last = this.last;
    if (last && last.localWrites === localWrites && now - last.startedAt < SHARED_COUNTERS_FRESH_MS) return last.counters;
    const read: CountersRead = { startedAt: now, localWrites, counters: this.readCounters() };
    read.counters.catch(() => {
      if (this.last === read) this.last = null;
    });
    this.last = read;
    return read.counters;
  }

  private async readCounters(): Promise<SharedCounters> {
    const rows = await this.db.query<{ name: string; value: number | string | null }>(
      "SELECT name, value FROM change_counters WHERE name IN ('crm_data', 'snapshots', 'sync_state', 'access') UNION ALL SELECT 'plan' AS name, MAX(id) AS value FROM plan_versions",
    );
    const value = (name: string) => rows.find((row) => row.name === name)?.value ?? null;
    const planId = value('plan');
    return {
      crmData: String(value('crm_data') ?? ''),
      snapshots: String(value('snapshots') ?? ''),
      syncState: String(value('sync_state') ?? ''),
      access: String(value('access') ?? ''),
      planId: planId === null ? null : Number(planId),
    };
  }
}
