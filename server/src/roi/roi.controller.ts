import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AsOfQuerySchema, RoiResponseSchema, type RoiResponse } from '@uptake/shared';
import { openApiSchema } from '../common/http/openapi.util';
import { ZodValidationPipe } from '../common/http/zod-validation.pipe';
import { RoiService } from '../roi/roi.service';
import { PlanInForce } from '../plan/plan-in-force.service';

@ApiTags('roi')
@Controller('roi')
export class RoiController {
  constructor(
    private readonly roi: RoiService,
    private readonly planInForce: PlanInForce,
  ) {}

  @Get()
  @ApiQuery({ name: 'asOf', required: false, description: 'Day (YYYY-MM-DD) in the plan time zone; default today' })
  @ApiOkResponse({
    description:
      'Licence spend, shelfware, cost per monthly active user, adoption against plan and the fresh/stale pipeline; every figure says how it was computed.',
    schema: openApiSchema(RoiResponseSchema),
  })
  async get(@Query(new ZodValidationPipe(AsOfQuerySchema)) query: { asOf?: string }): Promise<RoiResponse> {
    return this.roi.roiAsOf(query.asOf ?? (await this.planInForce.today()));
  }
}
