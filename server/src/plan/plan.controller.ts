import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  PlanHistoryResponseSchema,
  PlanUpdateRequestSchema,
  PlanVersionViewSchema,
  type PlanHistoryResponse,
  type PlanVersionView,
} from '@uptake/shared';
import type { z } from 'zod';
import { openApiSchema } from '../common/http/openapi.util';
import { ZodValidationPipe } from '../common/http/zod-validation.pipe';
import { PlanEditService } from './plan-edit.service';

@ApiTags('plan')
@Controller('plan')
export class PlanController {
  constructor(private readonly plans: PlanEditService) {}

  @Get()
  @ApiOkResponse({
    description: 'The current launch plan and every version, newest first, each with what changed from the one before.',
    schema: openApiSchema(PlanHistoryResponseSchema),
  })
  plan(): Promise<PlanHistoryResponse> {
    return this.plans.history();
  }

  @Put()
  @ApiBody({
    description: 'The whole launch plan (plan file format), who changes it and why.',
    schema: openApiSchema(PlanUpdateRequestSchema),
  })
  @ApiOkResponse({
    description: 'The new plan version; earlier versions are kept unchanged.',
    schema: openApiSchema(PlanVersionViewSchema),
  })
  update(
    @Body(new ZodValidationPipe(PlanUpdateRequestSchema, 'body')) body: z.output<typeof PlanUpdateRequestSchema>,
  ): Promise<PlanVersionView> {
    return this.plans.update(body);
  }
}
