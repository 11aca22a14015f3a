import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, type AppConfig } from '../config/app.config';
import { CliModule } from './cli.module';

export interface GlobalOptions {
  db?: string;
}

/** Opens the CLI's modules (no HTTP, no scheduler) on the database named by --db or DATABASE_URL. */
export async function withCore<T>(
  globals: GlobalOptions,
  work: (app: INestApplicationContext, config: AppConfig) => Promise<T>,
): Promise<T> {
  const config = loadConfig(process.env, { scheduler: false, ...(globals.db ? { databaseUrl: globals.db } : {}) });
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error'] });
  try {
    return await work(app, config);
  } finally {
    await app.close();
  }
}
