import { PipeTransform } from '@nestjs/common';
import { formatIssuePath } from '@uptake/shared';
import type { z } from 'zod';
import { UptakeError } from '../error-codes';

/** Validates a query or body against a shared zod schema; unknown fields are rejected by strict schemas. */
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.output<T>> {
  constructor(
    private readonly schema: T,
    private readonly where: 'query' | 'body' | 'path' = 'query',
  ) {}

  transform(value: unknown): z.output<T> {
    const parsed = this.schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data;
    const details = parsed.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
    const summary = details.map((detail) => (detail.path ? `${detail.path}: ${detail.message}` : detail.message)).join('; ');
    throw new UptakeError('VALIDATION_FAILED', `invalid ${this.where}: ${summary}`, details);
  }
}
