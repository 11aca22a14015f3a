import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AsOfQuerySchema,
  MAX_RANGE_DAYS,
  MetricSeriesResponseSchema,
  MetricsReportSchema,
  SeriesQuerySchema,
  type MetricSeriesResponse,
  type MetricsReport,
} from '@uptake/shared';
import { openApiSchema } from '../common/http/openapi.util';
import { ZodValidationPipe } from '../common/http/zod-validation.pipe';
import { addDays } from '../common/time.util';
import { MetricsService } from '../metrics/metrics.service';
import { SnapshotService } from '../metrics/snapshot.service';
import { PlanInForce } from '../plan/plan-in-force.service';

@ApiTags('departments')
@Controller('departments')
export class DepartmentsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly snapshots: SnapshotService,
    private readonly planInForce: PlanInForce,
  ) {}

  @Get()
  @ApiQuery({ name: 'asOf', required: false, description: 'Day (YYYY-MM-DD) in the plan time zone; default today' })
  @ApiOkResponse({
    description: 'Metrics, expected values and health of every department as of a day.',
    schema: openApiSchema(MetricsReportSchema),
  })
  async list(@Query(new ZodValidationPipe(AsOfQuerySchema)) query: { asOf?: string }): Promise<MetricsReport> {
    return this.metrics.report(query.asOf ?? (await this.planInForce.today()));
  }

  @Get(':name/series')
  @ApiParam({ name: 'name', description: 'Department name, or "*" for the organisation' })
  @ApiQuery({
    name: 'from',
    required: false,
    description:
      'First day; default the launch date (at most 3 years before to). From..to spans at most 3 years; days lie between 3 years before launch and today',
  })
  @ApiQuery({ name: 'to', required: false, description: 'Last day; default today' })
  @ApiOkResponse({
    description: 'Daily snapshots of every metric with the expected (ramp) values.',
    schema: openApiSchema(MetricSeriesResponseSchema),
  })
  async series(
    @Param('name') name: string,
    @Query(new ZodValidationPipe(SeriesQuerySchema)) query: { from?: string; to?: string },
  ): Promise<MetricSeriesResponse> {
    const to = query.to ?? (await this.planInForce.today());
    const launch = (await this.planInForce.plan())?.launch_date;
    // Default: since launch, at most the 3 years a request may read (an older launch starts the chart 3 years back).
    const from = query.from ?? maxDay(launch ?? addDays(to, -90), addDays(to, -(MAX_RANGE_DAYS - 1)));
    return this.snapshots.series(name, from, to);
  }
}

function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}
