import { Injectable } from '@nestjs/common';
import { ConnectionKindSchema, type Connection, type ConnectionKind, type SyncRun } from '@uptake/shared';
import { validateCronExpression } from 'cron';
import { Clock } from '../common/clock';
import { UptakeError } from '../common/error-codes';
import { createConnector } from '../connectors/connector.registry';
import { SyncRepository, type StoredSyncRun } from '../sync/sync.repository';
import { ConnectionRepository, type ConnectionSummary, type StoredConnection } from './connection.repository';

export const DEFAULT_SCHEDULE = '0 * * * *';
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** Option names whose values are credentials: never returned by the API nor logged. */
const SECRET_OPTION = /secret|password|token|key/i;

export interface AddConnectionInput {
  name: string;
  kind: string;
  options?: Record<string, string>;
  schedule?: string;
}

@Injectable()
export class ConnectionService {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly runs: SyncRepository,
    private readonly clock: Clock,
  ) {}

  /** Validates name, kind, options (by building the connector) and schedule, then stores the connection. */
  async add(input: AddConnectionInput): Promise<StoredConnection> {
    if (!NAME.test(input.name)) {
      throw new UptakeError('CONNECTION_INVALID', `connection name "${input.name}" must be 1-64 letters, digits, "-" or "_"`);
    }
    const kind = ConnectionKindSchema.safeParse(input.kind);
    if (!kind.success) {
      throw new UptakeError('CONNECTOR_KIND_UNKNOWN', `unknown connection kind "${input.kind}" (known: ${ConnectionKindSchema.options.join(', ')})`);
    }
    const schedule = input.schedule ?? DEFAULT_SCHEDULE;
    assertSchedule(schedule);
    const options = input.options ?? {};
    await createConnector(kind.data, options).close?.();
    if (await this.connections.findByName(input.name)) {
      throw new UptakeError('CONNECTION_EXISTS', `a connection named "${input.name}" already exists`);
    }
    return this.connections.create({ name: input.name, kind: kind.data as ConnectionKind, options, schedule, enabled: true, createdAt: this.clock.now() });
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

  async setSchedule(id: number, schedule: string): Promise<void> {
    assertSchedule(schedule);
    await this.connections.update(id, { schedule });
  }

  /** The API view of a connection: no option values, last run, next scheduled run. */
  async describe(connection: ConnectionSummary, nextRunAt: number | null): Promise<Connection> {
    return this.view(connection, await this.runs.lastRun(connection.id), nextRunAt);
  }

  /** Every connection as `describe` gives it, by name, in two queries whatever their number. */
  async describeAll(nextRunAt: (connection: ConnectionSummary) => number | null): Promise<Connection[]> {
    const [connections, lastRuns] = await Promise.all([this.connections.summaries(), this.runs.lastRunOfEach()]);
    return connections.map((connection) => this.view(connection, lastRuns.get(connection.id) ?? null, nextRunAt(connection)));
  }

  private view(connection: ConnectionSummary, lastRun: StoredSyncRun | null, nextRunAt: number | null): Connection {
    return {
      id: connection.id,
      name: connection.name,
      kind: connection.kind,
      schedule: connection.schedule,
      enabled: connection.enabled,
      createdAt: new Date(connection.createdAt).toISOString(),
      lastRun: lastRun ? toSyncRun(lastRun, connection.name) : null,
      nextRunAt: nextRunAt === null ? null : new Date(nextRunAt).toISOString(),
    };
  }
}

function assertSchedule(schedule: string): void {
  const check = validateCronExpression(schedule);
  if (!check.valid) {
    throw new UptakeError('CONNECTION_INVALID', `schedule "${schedule}" is not a cron expression (e.g. "0 * * * *" for hourly): ${check.error?.message ?? 'invalid'}`);
  }
}

/** Options with credential values replaced by "set", for listings. */
export function redactOptions(options: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(options).map(([key, value]) => [key, SECRET_OPTION.test(key) ? (value ? 'set' : 'not set') : value]));
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
