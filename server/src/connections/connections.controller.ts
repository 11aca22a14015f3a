import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ConnectionDetailSchema,
  ConnectionTestResponseSchema,
  CreateConnectionRequestSchema,
  PersonConflictSchema,
  PersonOverrideRequestSchema,
  PersonOverrideSchema,
  RemoveConnectionQuerySchema,
  RemoveConnectionResponseSchema,
  SyncRunSchema,
  SyncRunsQuerySchema,
  SyncStartedResponseSchema,
  UpdateConnectionRequestSchema,
  type ConnectionDetail,
  type ConnectionTestResponse,
  type PersonConflict,
  type PersonOverrideRequest,
  type PersonOverrideView,
  type RemoveConnectionResponse,
  type SyncRun,
  type UpdateConnectionRequest,
} from '@uptake/shared';
import { z } from 'zod';
import { UptakeError } from '../common/error-codes';
import { openApiSchema } from '../common/http/openapi.util';
import { ZodValidationPipe } from '../common/http/zod-validation.pipe';
import type { StoredConnection } from '../connections/connection.repository';
import { ConnectionService, redactOptions, toSyncRun } from '../connections/connection.service';
import { Database } from '../database/database.service';
import { Clock } from '../common/clock';
import { PersonDirectory } from '../people/person-directory.repository';
import { PersonOverrideRepository } from '../people/person-override.repository';
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
    private readonly scheduler: SyncScheduler,
    private readonly runs: SyncRepository,
    private readonly sync: SyncService,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  @Get('connections/person-overrides')
  @ApiOkResponse({
    description: "Admins' merges and splits of people, newest first, with who and when (a replaced one has supersededAt).",
    schema: openApiSchema(z.array(PersonOverrideSchema)),
  })
  personOverrides(): Promise<PersonOverrideView[]> {
    return new PersonOverrideRepository(this.db).history();
  }

  @Post('connections/person-overrides')
  @ApiBody({ schema: openApiSchema(PersonOverrideRequestSchema) })
  @ApiCreatedResponse({
    description:
      'Merges the users of an email into the person of another, splits a user out of its person, or undoes either; a new version.',
    schema: openApiSchema(PersonOverrideSchema),
  })
  changePerson(@Body(new ZodValidationPipe(PersonOverrideRequestSchema, 'body')) body: PersonOverrideRequest): Promise<PersonOverrideView> {
    const overrides = new PersonOverrideRepository(this.db);
    const by = body.by ?? 'api';
    const now = this.clock.now();
    switch (body.kind) {
      case 'merge':
        return overrides.merge(body.email, body.into, by, now);
      case 'unmerge':
        return overrides.unmerge(body.email, by, now);
      case 'split':
        return overrides.split(body.connection, body.externalId, by, now);
      case 'unsplit':
        return overrides.unsplit(body.connection, body.externalId, by, now);
    }
  }

  @Get('connections/person-conflicts')
  @ApiOkResponse({
    description:
      'People (users with one email across connections) whose users are in different departments, primary user first: its department is the one counted.',
    schema: openApiSchema(z.array(PersonConflictSchema)),
  })
  personConflicts(): Promise<PersonConflict[]> {
    return new PersonDirectory().conflicts(this.db);
  }

  @Get('connections')
  @ApiOkResponse({
    description: 'Connections with schedule, priority, redacted options, last run and next run; removed ones (data kept) with removedAt.',
    schema: openApiSchema(z.array(ConnectionDetailSchema)),
  })
  async list(): Promise<ConnectionDetail[]> {
    return Promise.all((await this.connections.list()).map((connection) => this.detail(connection)));
  }

  @Post('connections')
  @ApiBody({ schema: openApiSchema(CreateConnectionRequestSchema) })
  @ApiCreatedResponse({
    description: 'The connection, validated (kind, options, priority, cron schedule) and scheduled.',
    schema: openApiSchema(ConnectionDetailSchema),
  })
  async create(
    @Body(new ZodValidationPipe(CreateConnectionRequestSchema, 'body')) body: z.output<typeof CreateConnectionRequestSchema>,
  ): Promise<ConnectionDetail> {
    const connection = await this.connections.add(body);
    await this.scheduler.refresh();
    return this.detail(connection);
  }

  @Patch('connections/:id')
  @ApiBody({ schema: openApiSchema(UpdateConnectionRequestSchema) })
  @ApiOkResponse({
    description:
      'The connection with its new options (merged: a left-out credential keeps its value), priority, schedule or state; the scheduler follows at once.',
    schema: openApiSchema(ConnectionDetailSchema),
  })
  async update(
    @Param('id', ParseIntPipe) id: number,
    @Body(new ZodValidationPipe(UpdateConnectionRequestSchema, 'body')) body: UpdateConnectionRequest,
  ): Promise<ConnectionDetail> {
    const updated = await this.connections.update(await this.connections.getById(id), body);
    await this.scheduler.refresh();
    return this.detail(updated);
  }

  @Delete('connections/:id')
  @ApiOkResponse({
    description:
      'Removes the connection in one transaction. Default: it stops syncing and its data is kept, marked deleted (users deactivated). `purge=true` with `confirm` = its name deletes it with all its data and run history.',
    schema: openApiSchema(RemoveConnectionResponseSchema),
  })
  async remove(
    @Param('id', ParseIntPipe) id: number,
    @Query(new ZodValidationPipe(RemoveConnectionQuerySchema)) query: z.output<typeof RemoveConnectionQuerySchema>,
  ): Promise<RemoveConnectionResponse> {
    const connection = await this.connections.getById(id);
    if (query.purge && query.confirm !== connection.name) {
      throw new UptakeError(
        'CONNECTION_CONFIRMATION_REQUIRED',
        `purging deletes connection "${connection.name}" with all its data and run history; confirm with confirm=${connection.name}`,
      );
    }
    const removed = await this.connections.remove(connection, { purge: query.purge });
    await this.scheduler.refresh();
    return removed;
  }

  @Post('connections/:id/test')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'Whether the CRM accepts the credentials, and what would be synced.',
    schema: openApiSchema(ConnectionTestResponseSchema),
  })
  async test(@Param('id', ParseIntPipe) id: number): Promise<ConnectionTestResponse> {
    const connection = await this.connections.getById(id);
    try {
      const { summary } = await this.connections.test(connection, { signal: AbortSignal.timeout(TEST_TIMEOUT_MS) });
      return { ok: true, summary: summary ?? `the ${connection.kind} connector has no live check; its options are valid` };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  @Post('connections/:id/sync')
  @HttpCode(202)
  @ApiAcceptedResponse({
    description: 'The sync has started; poll its run for progress.',
    schema: openApiSchema(SyncStartedResponseSchema),
  })
  async syncNow(@Param('id', ParseIntPipe) id: number): Promise<{ run: SyncRun }> {
    const connection = await this.connections.getById(id);
    const { run } = await this.sync.start(connection, { trigger: 'manual' });
    return { run: toSyncRun(run, connection.name) };
  }

  @Get('connections/:id/runs')
  @ApiOkResponse({ description: 'Run history of one connection, newest first.', schema: openApiSchema(z.array(SyncRunSchema)) })
  async connectionRuns(
    @Param('id', ParseIntPipe) id: number,
    @Query(new ZodValidationPipe(SyncRunsQuerySchema)) query: { limit?: number },
  ): Promise<SyncRun[]> {
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
