import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AsOfQuerySchema, OverviewResponseSchema, type OverviewResponse } from '@uptake/shared';
import { openApiSchema } from '../common/http/openapi.util';
import { ZodValidationPipe } from '../common/http/zod-validation.pipe';
import { OverviewService } from './overview.service';

@ApiTags('overview')
@Controller('overview')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get()
  @ApiQuery({ name: 'asOf', required: false, description: 'Day (YYYY-MM-DD) in the plan time zone; default today' })
  @ApiOkResponse({
    description: 'Organisation health, metrics per department and sync state.',
    schema: openApiSchema(OverviewResponseSchema),
  })
  get(@Query(new ZodValidationPipe(AsOfQuerySchema)) query: { asOf?: string }): Promise<OverviewResponse> {
    return this.overview.overview(query.asOf);
  }
}
