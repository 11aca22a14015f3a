import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  RestatementPageSchema,
  RestatementQuerySchema,
  type RestatedFigure,
  type RestatementPage,
  type RestatementQuery,
} from '@uptake/shared';
import { openApiSchema } from '../common/http/openapi.util';
import { ZodValidationPipe } from '../common/http/zod-validation.pipe';
import { RestatementRepository } from './restatement.repository';

const DEFAULT_PAGE_SIZE = 50;

@ApiTags('restatements')
@Controller('restatements')
export class RestatementsController {
  constructor(private readonly restatements: RestatementRepository) {}

  @Get()
  @ApiQuery({ name: 'department', required: false, description: 'A department, or "*" for the organisation; every scope when absent' })
  @ApiQuery({ name: 'from', required: false, description: 'First stored day (YYYY-MM-DD)' })
  @ApiQuery({ name: 'to', required: false, description: 'Last stored day (YYYY-MM-DD)' })
  @ApiQuery({ name: 'page', required: false, description: 'Page number, from 1' })
  @ApiQuery({ name: 'pageSize', required: false, description: `Entries per page (default ${DEFAULT_PAGE_SIZE}, at most 200)` })
  @ApiOkResponse({
    description:
      'Every change of a stored daily value (late data, a plan version, a recomputation by hand), newest first, with the old and new value, when and why.',
    schema: openApiSchema(RestatementPageSchema),
  })
  async list(@Query(new ZodValidationPipe(RestatementQuerySchema)) query: RestatementQuery): Promise<RestatementPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const { items, total } = await this.restatements.list({
      department: query.department,
      from: query.from,
      to: query.to,
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return {
      items: items.map((item) => ({
        id: item.id,
        day: item.day,
        department: item.department,
        metric: item.metric as RestatedFigure,
        oldValue: item.oldValue,
        newValue: item.newValue,
        restatedAt: new Date(item.restatedAt).toISOString(),
        cause: item.cause,
      })),
      total,
      page,
      pageSize,
    };
  }
}
