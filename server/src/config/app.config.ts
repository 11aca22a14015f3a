import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from '../database/database-url.util';
import type { ErrorCode } from '../common/error-codes';

/** Every environment variable the service reads, validated once at boot. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port of the API and dashboard'),
  HOST: z.string().default('0.0.0.0').describe('Interface to listen on'),
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .superRefine((value, ctx) => {
      try {
        parseDatabaseUrl(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .describe('sqlite:<path> or postgres://user:password@host:5432/db (sensitive)'),
  UPTAKE_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((value) => value === 'true' || value === '1')
    .describe('On an empty database, create the built-in demo CRM connection and its launch plan'),
  UPTAKE_SCHEDULER: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((value) => value === 'true' || value === '1')
    .describe('Run scheduled syncs in this process'),
  UPTAKE_WEB_DIST: z.string().optional().describe('Folder of the built dashboard (default: web/dist of this checkout)'),
  UPTAKE_SYNC_OVERLAP_MINUTES: z.coerce.number().min(0).default(5).describe('Incremental syncs re-read this many minutes before the watermark'),
  UPTAKE_LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log').describe("Server log level; debug adds Nest's module and route mappings"),
});

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string;
  demo: boolean;
  scheduler: boolean;
  webDist: string | null;
  syncOverlapMs: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID' satisfies ErrorCode;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`invalid environment: ${problems}`);
  }
  const values = parsed.data;
  const defaultWeb = resolve(__dirname, '..', '..', '..', 'web', 'dist');
  const webDist = values.UPTAKE_WEB_DIST ?? (existsSync(join(defaultWeb, 'index.html')) ? defaultWeb : null);
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    demo: values.UPTAKE_DEMO,
    scheduler: values.UPTAKE_SCHEDULER,
    webDist,
    syncOverlapMs: values.UPTAKE_SYNC_OVERLAP_MINUTES * 60_000,
    logLevel: values.UPTAKE_LOG_LEVEL,
    ...overrides,
  };
}
