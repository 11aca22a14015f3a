import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ConnectionSchema, SyncRunSchema, SyncRunsQuerySchema, SyncStartedResponseSchema, type Connection, type SyncRun } from '@uptake/shared';
import { z } from 'zod';
import { openApiSchema } from '../common/http/openapi.util';
import { ZodValidationPipe } from '../common/http/zod-validation.pipe';
import { ConnectionService, toSyncRun } from '../connections/connection.service';
import { SyncRepository } from '../sync/sync.repository';
import { SyncService } from '../sync/sync.service';
import { OverviewService } from './overview.service';

@ApiTags('connections')
@Controller()
export class ConnectionsController {
  constructor(
    private readonly connections: ConnectionService,
    private readonly overview: OverviewService,
    private readonly runs: SyncRepository,
    private readonly sync: SyncService,
  ) {}

  @Get('connections')
  @ApiOkResponse({ description: 'Connections with schedule, last run and next run.', schema: openApiSchema(z.array(ConnectionSchema)) })
  list(): Promise<Connection[]> {
    return this.overview.describeConnections();
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
}
