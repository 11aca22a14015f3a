import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ConnectionKindSchema,
  ConnectionPrioritySchema,
  defaultConnectionPriority,
  PRIORITY_OPTION,
  type Connection,
  type ConnectionKind,
  type SyncRun,
} from '@uptake/shared';
import { validateCronExpression } from 'cron';
import { Clock } from '../common/clock';
import { httpStatusOf, UptakeError } from '../common/error-codes';
import { ConnectorError } from '../connectors/connector.port';
import { createConnector } from '../connectors/connector.registry';
import { Database } from '../database/database.service';
import { SnapshotService } from '../metrics/snapshot.service';
import { IngestRepository } from '../sync/ingest.repository';
import { SyncAlreadyRunningError } from '../sync/sync.errors';
import { SyncRepository, type StoredSyncRun } from '../sync/sync.repository';
import { ConnectionRepository, type ConnectionSummary, type RemovedRows, type StoredConnection } from './connection.repository';
import { PlanInForce, timezoneOf } from '../plan/plan-in-force.service';

export const DEFAULT_SCHEDULE = '0 * * * *';
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** Option names whose values are credentials: never returned by the API nor logged. */
const SECRET_OPTION = /secret|password|token|key/i;
/** A removal holds the connection's sync lease this long at most: no sync may start meanwhile. */
const REMOVAL_LEASE_MS = 10 * 60_000;

export interface AddConnectionInput {
  name: string;
  kind: string;
  options?: Record<string, string>;
  schedule?: string;
}

/** What `connection set` and PATCH change; options are merged into the stored ones, an empty value removes one. */
export interface ConnectionChanges {
  options?: Record<string, string>;
  schedule?: string;
  enabled?: boolean;
}

export interface RemovalResult {
  name: string;
  purged: boolean;
  rows: RemovedRows;
}

export interface ConnectionTestOptions {
  log?: (message: string) => void;
  signal?: AbortSignal;
}

/** A connection's check: what it will sync, or null when its connector has no live check. */
export interface ConnectionTestResult {
  summary: string | null;
}

@Injectable()
export class ConnectionService {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly runs: SyncRepository,
    private readonly clock: Clock,
    private readonly ingest: IngestRepository,
    private readonly db: Database,
    private readonly snapshots: SnapshotService,
    private readonly planInForce: PlanInForce,
  ) {}

  /** Validates name, kind, options (by building the connector), priority and schedule, then stores the connection. */
  async add(input: AddConnectionInput): Promise<StoredConnection> {
    if (!NAME.test(input.name)) {
      throw new UptakeError('CONNECTION_INVALID', `connection name "${input.name}" must be 1-64 letters, digits, "-" or "_"`);
    }
    const kind = ConnectionKindSchema.safeParse(input.kind);
    if (!kind.success) {
      throw new UptakeError(
        'CONNECTOR_KIND_UNKNOWN',
        `unknown connection kind "${input.kind}" (known: ${ConnectionKindSchema.options.join(', ')})`,
      );
    }
    const schedule = input.schedule ?? DEFAULT_SCHEDULE;
    assertSchedule(schedule);
    const { options, priority } = splitPriority(input.options ?? {});
    await assertConnectorOptions(kind.data, options);
    const existing = await this.connections.findByName(input.name);
    if (existing) {
      const hint =
        existing.removedAt === null
          ? `change it with \`uptake connection set ${input.name}\` or remove it with \`uptake connection remove ${input.name}\``
          : `it was removed on ${new Date(existing.removedAt).toISOString()} with its data kept; delete it for good with \`uptake connection remove ${input.name} --purge\``;
      throw new UptakeError('CONNECTION_EXISTS', `a connection named "${input.name}" already exists (${hint})`);
    }
    return this.connections.create({
      name: input.name,
      kind: kind.data as ConnectionKind,
      options,
      schedule,
      enabled: true,
      priority: priority ?? null,
      createdAt: this.clock.now(),
    });
  }

  /**
   * Changes options (merged: a left-out option, e.g. a credential, keeps its stored value; an empty
   * value removes it), schedule and enabled, validated as `add` validates them, then stores them.
   */
  async update(connection: StoredConnection, changes: ConnectionChanges): Promise<StoredConnection> {
    assertNotRemoved(connection, 'changed');
    if (changes.schedule !== undefined) assertSchedule(changes.schedule);
    const { options: given, priority } = splitPriority(changes.options ?? {});
    const options = { ...connection.options };
    for (const [key, value] of Object.entries(given)) {
      if (value.trim() === '') delete options[key];
      else options[key] = value;
    }
    if (changes.options !== undefined) await assertConnectorOptions(connection.kind, options);
    await this.connections.update(connection.id, {
      options,
      ...(changes.schedule !== undefined ? { schedule: changes.schedule } : {}),
      ...(changes.enabled !== undefined ? { enabled: changes.enabled } : {}),
      ...(priority !== undefined ? { priority } : {}),
    });
    return this.getById(connection.id);
  }

  /**
   * Removes a connection, all or nothing. By default it stops syncing and its data stays, marked
   * deleted as of now (users deactivated, opportunities and records deleted), so the metrics stop
   * counting it while stored snapshots keep what was seen; `purge` deletes the connection with
   * everything synced into it and its run history. Refused while a sync of it runs. Today's
   * snapshot is recomputed after the commit, as after a sync; past days keep what was seen.
   */
  async remove(connection: StoredConnection, options: { purge: boolean }): Promise<RemovalResult> {
    if (!options.purge) assertNotRemoved(connection, 'removed again (purge it to delete its data)');
    const holder = `remove:${randomUUID()}`;
    if (!(await this.runs.acquireLease(connection.id, holder, this.clock.now(), REMOVAL_LEASE_MS)))
      throw new SyncAlreadyRunningError(connection.name);
    let rows: RemovedRows;
    try {
      rows = options.purge
        ? await this.connections.purge(connection.id)
        : await this.connections.removeKeepingData(connection.id, this.clock.now());
    } finally {
      await this.runs.releaseLease(connection.id, holder);
    }
    await this.snapshots.recomputeToday(this.clock.now());
    return { name: connection.name, purged: options.purge, rows };
  }

  /** Signs in to the CRM and checks permissions and the plan's fields; rejects with why it cannot. */
  async test(connection: StoredConnection, options: ConnectionTestOptions = {}): Promise<ConnectionTestResult> {
    const plan = await this.planInForce.plan();
    const connector = createConnector(connection.kind, connectorOptions(connection.options));
    try {
      if (!connector.test) return { summary: null };
      const summary = await connector.test({
        now: this.clock.now(),
        timezone: timezoneOf(plan),
        requiredFields: plan?.required_fields ?? {},
        knownUserIds: () => this.ingest.knownUserIds(this.db, connection.id),
        log: options.log ?? (() => undefined),
        signal: options.signal,
      });
      return { summary };
    } finally {
      await connector.close?.();
    }
  }

  async get(name: string): Promise<StoredConnection> {
    const connection = await this.connections.findByName(name);
    if (!connection) throw new UptakeError('CONNECTION_NOT_FOUND', `no connection named "${name}" (see \`uptake connection list\`)`);
    return connection;
  }

  async getById(id: number): Promise<StoredConnection> {
    const connection = await this.connections.findById(id);
    if (!connection) throw new UptakeError('CONNECTION_NOT_FOUND', `no connection with id ${id}`);
    return connection;
  }

  list(): Promise<StoredConnection[]> {
    return this.connections.list();
  }

  /** The API view of a connection: no option values, last run, next scheduled run. */
  async describe(connection: ConnectionSummary, nextRunAt: number | null): Promise<Connection> {
    return this.view(connection, await this.runs.lastRun(connection.id), nextRunAt);
  }

  /** Every connection in use (removed ones left out) as `describe` gives it, by name, in two queries whatever their number. */
  async describeAll(nextRunAt: (connection: ConnectionSummary) => number | null): Promise<Connection[]> {
    const [connections, lastRuns] = await Promise.all([this.connections.summaries(), this.runs.lastRunOfEach()]);
    return connections
      .filter((connection) => connection.removedAt === null)
      .map((connection) => this.view(connection, lastRuns.get(connection.id) ?? null, nextRunAt(connection)));
  }

  private view(connection: ConnectionSummary, lastRun: StoredSyncRun | null, nextRunAt: number | null): Connection {
    return {
      id: connection.id,
      name: connection.name,
      kind: connection.kind,
      schedule: connection.schedule,
      enabled: connection.enabled,
      priority: connection.priority ?? defaultConnectionPriority(connection.kind),
      createdAt: new Date(connection.createdAt).toISOString(),
      removedAt: connection.removedAt === null ? null : new Date(connection.removedAt).toISOString(),
      lastRun: lastRun ? toSyncRun(lastRun, connection.name) : null,
      nextRunAt: nextRunAt === null ? null : new Date(nextRunAt).toISOString(),
    };
  }
}

function assertSchedule(schedule: string): void {
  const check = validateCronExpression(schedule);
  if (!check.valid) {
    throw new UptakeError(
      'CONNECTION_INVALID',
      `schedule "${schedule}" is not a cron expression (e.g. "0 * * * *" for hourly): ${check.error?.message ?? 'invalid'}`,
    );
  }
}

/** The generic `priority` option apart from the connector's options: undefined when not given, null when emptied (back to the default). */
export function splitPriority(given: Record<string, string>): { options: Record<string, string>; priority: number | null | undefined } {
  const { [PRIORITY_OPTION]: raw, ...options } = given;
  if (raw === undefined) return { options, priority: undefined };
  if (raw.trim() === '') return { options, priority: null };
  const parsed = ConnectionPrioritySchema.safeParse(raw);
  if (!parsed.success)
    throw new UptakeError(
      'CONNECTION_INVALID',
      `option "${PRIORITY_OPTION}": ${parsed.error.issues[0]?.message ?? 'invalid'} (got "${raw}")`,
    );
  return { options, priority: parsed.data };
}

/** The options the connector reads: the stored ones without the generic ones. */
function connectorOptions(options: Record<string, string>): Record<string, string> {
  return splitPriority(options).options;
}

/** Builds the connector only to validate its options: whatever it rejects is the caller's to fix. */
async function assertConnectorOptions(kind: ConnectionKind, options: Record<string, string>): Promise<void> {
  try {
    await createConnector(kind, options).close?.();
  } catch (error) {
    if (error instanceof ConnectorError && httpStatusOf(error) >= 500) throw new UptakeError('CONNECTOR_OPTIONS_INVALID', error.message);
    throw error;
  }
}

function assertNotRemoved(connection: StoredConnection, what: string): void {
  if (connection.removedAt !== null) {
    throw new UptakeError(
      'CONNECTION_REMOVED',
      `connection "${connection.name}" was removed on ${new Date(connection.removedAt).toISOString()} and cannot be ${what}`,
    );
  }
}

/** Options with credential values replaced by "set", for listings. */
export function redactOptions(options: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(options).map(([key, value]) => [key, SECRET_OPTION.test(key) ? (value ? 'set' : 'not set') : value]),
  );
}

export function toSyncRun(run: StoredSyncRun, connectionName: string): SyncRun {
  return {
    id: run.id,
    connectionId: run.connectionId,
    connectionName,
    trigger: run.trigger,
    status: run.status,
    startedAt: new Date(run.startedAt).toISOString(),
    finishedAt: run.finishedAt === null ? null : new Date(run.finishedAt).toISOString(),
    counts: run.counts,
    error: run.error,
  };
}
