import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AsOfQuerySchema, TrainingResponseSchema, type TrainingResponse } from '@uptake/shared';
import type { Response } from 'express';
import { openApiSchema } from '../common/http/openapi.util';
import { ZodValidationPipe } from '../common/http/zod-validation.pipe';
import { TrainingService } from '../training/training.service';
import { PlanInForce } from '../plan/plan-in-force.service';

@ApiTags('training')
@Controller('training')
export class TrainingController {
  constructor(
    private readonly training: TrainingService,
    private readonly planInForce: PlanInForce,
  ) {}

  @Get()
  @ApiQuery({ name: 'asOf', required: false, description: 'Day (YYYY-MM-DD) in the plan time zone; default today' })
  @ApiOkResponse({
    description: 'Teams ranked by gap to plan, the people to train, and training lift per department.',
    schema: openApiSchema(TrainingResponseSchema),
  })
  async get(@Query(new ZodValidationPipe(AsOfQuerySchema)) query: { asOf?: string }): Promise<TrainingResponse> {
    return this.training.trainingAsOf(query.asOf ?? (await this.planInForce.today()));
  }

  @Get('people.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiQuery({ name: 'asOf', required: false, description: 'Day (YYYY-MM-DD) in the plan time zone; default today' })
  @ApiOkResponse({
    description:
      'The people to train as CSV with a header row (external_id, name, email, department, manager, last_login, reasons, required_courses_done, required_courses).',
  })
  async peopleCsv(
    @Query(new ZodValidationPipe(AsOfQuerySchema)) query: { asOf?: string },
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const asOf = query.asOf ?? (await this.planInForce.today());
    const csv = await this.training.peopleToTrainCsv(asOf);
    response.setHeader('Content-Disposition', `attachment; filename="people-to-train-${asOf}.csv"`);
    return csv;
  }
}
