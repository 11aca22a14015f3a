import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { errorCodeOf, httpMessageOf, httpStatusOf } from '../error-codes';

/**
 * One error format for every route: `{ error: { code, message, details } }`, never a stack trace.
 * Only an error whose code is in the error table (error-codes.ts) shows its message; any other
 * (a driver's `ECONNREFUSED host:port`, a file path, a bug) is a 500 with a generic message,
 * its details in the server log.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(ErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    // A route may have set another type (text/csv) before it failed: the error is JSON all the same.
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      response
        .status(status)
        .json({ error: { code: httpCode(status), message: Array.isArray(message) ? message.join('; ') : String(message) } });
      return;
    }
    const client = (exception ?? {}) as { status?: unknown; expose?: unknown; message?: unknown };
    if (typeof client.status === 'number' && client.status >= 400 && client.status < 500 && client.expose === true) {
      // An http-errors error of the body parser (413 too large, 415 unsupported charset...): the client's to fix.
      response.status(client.status).json({ error: { code: httpCode(client.status), message: String(client.message) } });
      return;
    }
    const code = errorCodeOf(exception);
    const status = httpStatusOf(exception);
    if (status >= 500) this.logger.error(describeForLog(exception));
    if (!code) {
      response.status(500).json({ error: { code: 'INTERNAL', message: 'internal error; see the server log' } });
      return;
    }
    const details = (exception as { details?: unknown }).details;
    const message = httpMessageOf(code, (exception as Error).message);
    response.status(status).json({ error: { code, message, ...(details === undefined ? {} : { details }) } });
  }
}

/** The stack, and the raw code of a driver or system error (ECONNREFUSED, 23505...) that the stack does not show. */
function describeForLog(exception: unknown): string {
  if (!(exception instanceof Error)) return String(exception);
  const code = (exception as { code?: unknown }).code;
  const text = exception.stack ?? exception.message;
  return code === undefined ? text : `[${String(code)}] ${text}`;
}

function httpCode(status: number): string {
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 400) return 'BAD_REQUEST';
  return `HTTP_${status}`;
}
