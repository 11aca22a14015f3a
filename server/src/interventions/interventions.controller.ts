import { Body, Controller, Delete, Get, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  CreateInterventionRequestSchema,
  InterventionSchema,
  InterventionsQuerySchema,
  InterventionsResponseSchema,
  type Intervention,
  type InterventionsQuery,
  type InterventionsResponse,
} from '@uptake/shared';
import type { Request } from 'express';
import type { z } from 'zod';
import { principalOf, type Principal } from '../auth/principal';
import { openApiSchema } from '../common/http/openapi.util';
import { ZodValidationPipe } from '../common/http/zod-validation.pipe';
import { InterventionService, type InterventionActor } from './intervention.service';

/** Admins may log for any department, trainers for those assigned to them (the guard lets no other role through). */
function actorOf(request: Request): InterventionActor {
  const principal = principalOf(request) as Principal;
  const admin = principal.role === 'admin';
  return { name: principal.email, departments: admin ? 'all' : principal.departments, seesLoggers: admin };
}

@ApiTags('interventions')
@Controller('interventions')
export class InterventionsController {
  constructor(private readonly interventions: InterventionService) {}

  @Get()
  @ApiQuery({ name: 'asOf', required: false, description: 'Day (YYYY-MM-DD) the effects are estimated on; default today' })
  @ApiOkResponse({
    description: 'Every intervention logged, newest first, with its estimated effect on each metric (difference in differences).',
    schema: openApiSchema(InterventionsResponseSchema),
  })
  list(
    @Query(new ZodValidationPipe(InterventionsQuerySchema)) query: InterventionsQuery,
    @Req() request: Request,
  ): Promise<InterventionsResponse> {
    return this.interventions.list(query.asOf, { seesLoggers: principalOf(request)?.role === 'admin' });
  }

  @Post()
  @ApiBody({ description: 'What was done, on which day, for which departments.', schema: openApiSchema(CreateInterventionRequestSchema) })
  @ApiCreatedResponse({ description: 'The intervention as logged (without effects).', schema: openApiSchema(InterventionSchema) })
  add(
    @Body(new ZodValidationPipe(CreateInterventionRequestSchema, 'body')) body: z.output<typeof CreateInterventionRequestSchema>,
    @Req() request: Request,
  ): Promise<Intervention> {
    return this.interventions.add(body, actorOf(request));
  }

  @Delete(':id')
  @ApiOkResponse({
    description: 'Removes an intervention from the log (kept in the database with who and when).',
    schema: openApiSchema(InterventionSchema),
  })
  remove(@Param('id', ParseIntPipe) id: number, @Req() request: Request): Promise<Intervention> {
    return this.interventions.remove(id, actorOf(request));
  }
}
