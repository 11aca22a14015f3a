import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ConnectionDetailSchema,
  ConnectionTestResponseSchema,
  CreateConnectionRequestSchema,
  SyncRunSchema,
  SyncRunsQuerySchema,
  SyncStartedResponseSchema,
  UpdateConnectionRequestSchema,
  type ConnectionDetail,
  type ConnectionTestResponse,
  type SyncRun,
  type UpdateConnectionRequest,
} from '@uptake/shared';
import { z } from 'zod';
import { Clock } from '../common/clock';
import { httpStatusOf, UptakeError } from '../common/error-codes';
import { openApiSchema } from '../common/http/openapi.util';
import { ZodValidationPipe } from '../common/http/zod-validation.pipe';
import type { StoredConnection } from '../connections/connection.repository';
import { ConnectionRepository } from '../connections/connection.repository';
import { ConnectionService, redactOptions, toSyncRun } from '../connections/connection.service';
import { ConnectorError } from '../connectors/connector.port';
import { createConnector } from '../connectors/connector.registry';
import { Database } from '../database/database.service';
import { PlanRepository } from '../plan/plan.repository';
import { IngestRepository } from '../sync/ingest.repository';
import { SyncRepository } from '../sync/sync.repository';
import { SyncScheduler } from '../sync/sync.scheduler';
import { SyncService } from '../sync/sync.service';

/** A connection test gives up after this long. */
const TEST_TIMEOUT_MS = 30_000;

@ApiTags('connections')
@Controller()
export class ConnectionsController {
  constructor(
    private readonly connections: ConnectionService,
    private readonly stored: ConnectionRepository,
    private readonly scheduler: SyncScheduler,
    private readonly runs: SyncRepository,
    private readonly sync: SyncService,
    private readonly plans: PlanRepository,
    private readonly ingest: IngestRepository,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  @Get('connections')
  @ApiOkResponse({ description: 'Connections with schedule, redacted options, last run and next run.', schema: openApiSchema(z.array(ConnectionDetailSchema)) })
  async list(): Promise<ConnectionDetail[]> {
    return Promise.all((await this.connections.list()).map((connection) => this.detail(connection)));
  }

  @Post('connections')
  @ApiBody({ schema: openApiSchema(CreateConnectionRequestSchema) })
  @ApiCreatedResponse({ description: 'The connection, validated (kind, options, cron schedule) and scheduled.', schema: openApiSchema(ConnectionDetailSchema) })
  async create(@Body(new ZodValidationPipe(CreateConnectionRequestSchema, 'body')) body: z.output<typeof CreateConnectionRequestSchema>): Promise<ConnectionDetail> {
    const connection = await this.connections.add(body).catch((error: unknown) => {
      // Adding builds the connector only to validate its options: whatever it rejects is the caller's to fix.
      if (error instanceof ConnectorError && httpStatusOf(error) >= 500) throw new UptakeError('CONNECTOR_OPTIONS_INVALID', error.message);
      throw error;
    });
    await this.scheduler.refresh();
    return this.detail(connection);
  }

  @Patch('connections/:id')
  @ApiBody({ schema: openApiSchema(UpdateConnectionRequestSchema) })
  @ApiOkResponse({ description: 'The connection with its new schedule or state; the scheduler follows at once.', schema: openApiSchema(ConnectionDetailSchema) })
  async update(
    @Param('id', ParseIntPipe) id: number,
    @Body(new ZodValidationPipe(UpdateConnectionRequestSchema, 'body')) body: UpdateConnectionRequest,
  ): Promise<ConnectionDetail> {
    await this.connections.getById(id);
    if (body.schedule !== undefined) await this.connections.setSchedule(id, body.schedule);
    if (body.enabled !== undefined) await this.stored.update(id, { enabled: body.enabled });
    await this.scheduler.refresh();
    return this.detail(await this.connections.getById(id));
  }

  @Post('connections/:id/test')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Whether the CRM accepts the credentials, and what would be synced.', schema: openApiSchema(ConnectionTestResponseSchema) })
  async test(@Param('id', ParseIntPipe) id: number): Promise<ConnectionTestResponse> {
    const connection = await this.connections.getById(id);
    const plan = (await this.plans.current())?.plan ?? null;
    try {
      const connector = createConnector(connection.kind, connection.options);
      try {
        if (!connector.test) return { ok: true, summary: `the ${connection.kind} connector has no live check; its options are valid` };
        const summary = await connector.test({
          now: this.clock.now(),
          timezone: plan?.timezone ?? 'UTC',
          requiredFields: plan?.required_fields ?? {},
          knownUserIds: () => this.ingest.knownUserIds(this.db, id),
          log: () => undefined,
          signal: AbortSignal.timeout(TEST_TIMEOUT_MS),
        });
        return { ok: true, summary };
      } finally {
        await connector.close?.();
      }
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  @Post('connections/:id/sync')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'The sync has started; poll its run for progress.', schema: openApiSchema(SyncStartedResponseSchema) })
  async syncNow(@Param('id', ParseIntPipe) id: number): Promise<{ run: SyncRun }> {
    const connection = await this.connections.getById(id);
    const { run } = await this.sync.start(connection, { trigger: 'manual' });
    return { run: toSyncRun(run, connection.name) };
  }

  @Get('connections/:id/runs')
  @ApiOkResponse({ description: 'Run history of one connection, newest first.', schema: openApiSchema(z.array(SyncRunSchema)) })
  async connectionRuns(@Param('id', ParseIntPipe) id: number, @Query(new ZodValidationPipe(SyncRunsQuerySchema)) query: { limit?: number }): Promise<SyncRun[]> {
    const connection = await this.connections.getById(id);
    const runs = await this.runs.runs({ connectionId: id, limit: query.limit ?? 50 });
    return runs.map((run) => toSyncRun(run, connection.name));
  }

  @Get('sync-runs/:runId')
  @ApiOkResponse({ description: 'One run, with its counts so far while it is running.', schema: openApiSchema(SyncRunSchema) })
  async run(@Param('runId', ParseIntPipe) runId: number): Promise<SyncRun> {
    const run = await this.runs.findRun(runId);
    if (!run) throw Object.assign(new Error(`no sync run ${runId}`), { code: 'NOT_FOUND' });
    const connection = await this.connections.getById(run.connectionId);
    return toSyncRun(run, connection.name);
  }

  /** The API view of a connection: ConnectionSchema plus options with credentials redacted. */
  private async detail(connection: StoredConnection): Promise<ConnectionDetail> {
    const described = await this.connections.describe(connection, this.scheduler.nextRunAt(connection));
    return { ...described, options: redactOptions(connection.options) };
  }
}
