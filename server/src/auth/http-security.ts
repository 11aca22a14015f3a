import type { NestExpressApplication } from '@nestjs/platform-express';
import { CSRF_HEADER } from '@uptake/shared';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AuthConfig } from './auth.config';
import { isDocsPath } from './route-policy';

/**
 * HTTP hardening of the whole app: helmet's headers (CSP, nosniff, frame-ancestors 'self',
 * referrer policy...), no caching of API answers (they hold data about people), CORS closed
 * unless UPTAKE_CORS_ORIGINS names origins, and the proxy trust of UPTAKE_TRUST_PROXY.
 * Call before any route or static file is served.
 */
export function applyHttpSecurity(app: NestExpressApplication, config: AuthConfig): void {
  if (config.trustProxy !== null) app.set('trust proxy', trustProxyValue(config.trustProxy));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Uptake is often reached over plain HTTP inside a company network; upgrading would break it.
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.path.startsWith('/api/') && !isDocsPath(request.path)) response.setHeader('Cache-Control', 'no-store');
    next();
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Content-Type', 'Authorization', CSRF_HEADER],
      maxAge: 600,
    });
  }
}

function trustProxyValue(text: string): boolean | number | string {
  if (text === 'true') return true;
  if (text === 'false') return false;
  return /^\d+$/.test(text) ? Number(text) : text;
}
