import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AsOfQuerySchema,
  DepartmentPresenceResponseSchema,
  PresenceOverviewResponseSchema,
  type DepartmentPresenceResponse,
  type PresenceOverviewResponse,
} from '@uptake/shared';
import { openApiSchema } from '../common/http/openapi.util';
import { ZodValidationPipe } from '../common/http/zod-validation.pipe';
import { PresenceService } from './presence.service';

const AS_OF = { name: 'asOf', required: false, description: 'Day (YYYY-MM-DD) in the plan time zone; default today' };

@ApiTags('presence')
@Controller()
export class PresenceController {
  constructor(private readonly presence: PresenceService) {}

  @Get('presence')
  @ApiQuery(AS_OF)
  @ApiOkResponse({
    description:
      'Presence and work: per department and for the organisation, active users against active contributors and the four quadrants.',
    schema: openApiSchema(PresenceOverviewResponseSchema),
  })
  overview(@Query(new ZodValidationPipe(AsOfQuerySchema)) query: { asOf?: string }): Promise<PresenceOverviewResponse> {
    return this.presence.overview(query.asOf);
  }

  @Get('departments/:name/presence')
  @ApiParam({ name: 'name', description: 'Department name' })
  @ApiQuery(AS_OF)
  @ApiOkResponse({
    description: 'Presence and work of one department: the four quadrants in total and per manager (direct reports).',
    schema: openApiSchema(DepartmentPresenceResponseSchema),
  })
  department(
    @Param('name') name: string,
    @Query(new ZodValidationPipe(AsOfQuerySchema)) query: { asOf?: string },
  ): Promise<DepartmentPresenceResponse> {
    return this.presence.department(name, query.asOf);
  }
}
