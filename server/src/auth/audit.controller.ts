import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuditPageSchema, AuditQuerySchema, type AuditPage, type AuditQuery } from '@uptake/shared';
import { AuditService } from '../auth/audit.service';
import { openApiSchema } from '../common/http/openapi.util';
import { ZodValidationPipe } from '../common/http/zod-validation.pipe';

/** The audit log (admins only, see route-policy.ts). */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiQuery({ name: 'limit', required: false, description: 'Entries per page (1-500, default 100)' })
  @ApiQuery({ name: 'before', required: false, description: "Entries older than this id (the previous page's nextBefore)" })
  @ApiQuery({ name: 'action', required: false, description: 'Only this action, e.g. people.view' })
  @ApiQuery({ name: 'actor', required: false, description: 'Only this actor (email)' })
  @ApiOkResponse({ description: 'Who saw or changed what, and when; newest first.', schema: openApiSchema(AuditPageSchema) })
  list(@Query(new ZodValidationPipe(AuditQuerySchema)) query: AuditQuery): Promise<AuditPage> {
    return this.audit.page(query);
  }
}
