import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppModule } from './app.module';
import { AUTH_CONFIG, type AuthConfig, type AuthOverrides } from './auth/auth.config';
import { applyHttpSecurity } from './auth/http-security';
import type { Clock } from './common/clock';
import { ErrorFilter } from './common/http/error.filter';
import { useFrozenAwareJson } from './common/http/frozen-json.util';
import { UptakeLogger } from './common/uptake-logger';
import type { AppConfig } from './config/app.config';

/** Builds the Nest HTTP application: API under /api, OpenAPI at /api/docs, the dashboard at /. */
export async function createHttpApp(
  config: AppConfig,
  overrides: { clock?: Clock; logger?: false; auth?: AuthOverrides } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, overrides), {
    logger: overrides.logger === false ? false : new UptakeLogger(config.logLevel),
    bodyParser: false,
  });
  applyHttpSecurity(app, app.get<AuthConfig>(AUTH_CONFIG));
  useFrozenAwareJson(app.getHttpAdapter().getInstance());
  app.useBodyParser('json', { limit: '1mb' });
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Uptake API')
      .setDescription('CRM adoption metrics, goals and sync health. Every metric is defined in GET /api/metrics/catalogue.')
      .setVersion('1')
      .build(),
  );
  // Everything of the documentation lives under /api/docs/ (isDocsPath), also the YAML document.
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json', yamlDocumentUrl: 'api/docs/openapi.yaml' });

  if (config.webDist && existsSync(join(config.webDist, 'index.html'))) {
    // Not for /api: the API's requests would each look for a file first.
    const webDist = config.webDist;
    const assets = express.static(webDist, { index: false, maxAge: '1h' });
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (isApiPath(request.path)) return next();
      assets(request, response, () => {
        if (request.method !== 'GET') return next();
        response.setHeader('Cache-Control', 'no-cache');
        // Relative to the web root: send refuses an absolute path with a dot folder in it
        // (~/.local/share/uptake), and dot files inside the root stay refused.
        response.sendFile('index.html', { root: webDist });
      });
    });
  } else {
    new Logger('Web').warn('the dashboard is not built (web/dist missing): only the API is served; run `npm run build`');
  }
  return app;
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}
