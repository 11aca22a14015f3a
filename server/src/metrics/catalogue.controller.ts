import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { METRIC_CATALOGUE, METRIC_KEYS, type MetricDefinition } from '@uptake/shared';

@ApiTags('metrics')
@Controller('metrics')
export class CatalogueController {
  @Get('catalogue')
  @ApiOkResponse({ description: 'Every metric with label, unit, direction and its definition.' })
  catalogue(): MetricDefinition[] {
    return METRIC_KEYS.map((key) => METRIC_CATALOGUE[key]);
  }
}
