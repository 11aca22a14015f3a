import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AsOfQuerySchema, PeopleResponseSchema, type PeopleResponse } from '@uptake/shared';
import { openApiSchema } from '../common/http/openapi.util';
import { ZodValidationPipe } from '../common/http/zod-validation.pipe';
import { PeopleService } from '../people/people.service';
import { PlanInForce } from '../plan/plan-in-force.service';

@ApiTags('departments')
@Controller('departments')
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly planInForce: PlanInForce,
  ) {}

  @Get(':name/people')
  @ApiParam({ name: 'name', description: 'Department name' })
  @ApiQuery({ name: 'asOf', required: false, description: 'Day (YYYY-MM-DD) in the plan time zone; default today' })
  @ApiOkResponse({
    description: 'Each seat holder of the department with their own figures, and the metrics per manager.',
    schema: openApiSchema(PeopleResponseSchema),
  })
  async list(
    @Param('name') name: string,
    @Query(new ZodValidationPipe(AsOfQuerySchema)) query: { asOf?: string },
  ): Promise<PeopleResponse> {
    return this.people.department(name, query.asOf ?? (await this.planInForce.today()));
  }
}
