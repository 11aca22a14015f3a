import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { errorCodeOf, httpStatusOf } from '../error-codes';

/** One error format for every route: `{ error: { code, message, details } }`, never a stack trace. */
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
      response.status(status).json({ error: { code: httpCode(status), message: Array.isArray(message) ? message.join('; ') : String(message) } });
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
    if (status >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    const message = status >= 500 && !code ? 'internal error; see the server log' : (exception as Error).message;
    const details = (exception as { details?: unknown }).details;
    response.status(status).json({ error: { code: code ?? 'INTERNAL', message, ...(details === undefined ? {} : { details }) } });
  }
}

function httpCode(status: number): string {
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 400) return 'BAD_REQUEST';
  return `HTTP_${status}`;
}
