import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AsOfQuerySchema, ForecastsResponseSchema, type ForecastsResponse } from '@uptake/shared';
import { openApiSchema } from '../common/http/openapi.util';
import { ZodValidationPipe } from '../common/http/zod-validation.pipe';
import { ForecastService } from './forecast.service';

@ApiTags('forecasts')
@Controller('forecasts')
export class ForecastsController {
  constructor(private readonly forecasts: ForecastService) {}

  @Get()
  @ApiQuery({ name: 'asOf', required: false, description: 'Day (YYYY-MM-DD) in the plan time zone; default today' })
  @ApiOkResponse({
    description: 'For every goal of the organisation and each department: when the target is reached at the pace of the last 8 weeks.',
    schema: openApiSchema(ForecastsResponseSchema),
  })
  get(@Query(new ZodValidationPipe(AsOfQuerySchema)) query: { asOf?: string }): Promise<ForecastsResponse> {
    return this.forecasts.forecasts(query.asOf);
  }
}
