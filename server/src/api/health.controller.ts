import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthResponseSchema, type HealthResponse } from '@uptake/shared';
import { openApiSchema } from '../common/http/openapi.util';
import { Database } from '../database/database.service';

const VERSION: string = require('../../package.json').version;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: Database) {}

  @Get()
  @ApiOkResponse({ description: 'The service answers and its database is reachable.', schema: openApiSchema(HealthResponseSchema) })
  async health(): Promise<HealthResponse> {
    await this.db.query('SELECT 1 AS ok');
    return { status: 'ok', version: VERSION, database: this.db.engine, time: new Date().toISOString() };
  }
}
