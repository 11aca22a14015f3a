import { z } from 'zod';

/** A shared zod schema as an OpenAPI schema object for @nestjs/swagger decorators. */
export function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'output' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}
