import { Controller, Get, Logger } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthResponseSchema, type HealthResponse } from '@uptake/shared';
import { UptakeError } from '../common/error-codes';
import { openApiSchema } from '../common/http/openapi.util';
import { Database } from '../database/database.service';

const VERSION: string = require('../../package.json').version;

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(private readonly db: Database) {}

  @Get()
  @ApiOkResponse({
    description:
      'The service answers and its database is reachable; 503 DATABASE_UNAVAILABLE when it is not (the reason in the server log only).',
    schema: openApiSchema(HealthResponseSchema),
  })
  async health(): Promise<HealthResponse> {
    try {
      await this.db.query('SELECT 1 AS ok');
    } catch (error) {
      // Public route: the driver's message (host, port, user) goes to the log, not to the caller.
      this.logger.error(`database check failed: ${error instanceof Error ? error.message : String(error)}`);
      throw new UptakeError('DATABASE_UNAVAILABLE', 'the database does not answer; see the server log');
    }
    return { status: 'ok', version: VERSION, database: this.db.engine, time: new Date().toISOString() };
  }
}
