import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from './config.error';
import { parseEnvironment } from './environment';

export { ConfigError };

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

/**
 * The server's settings, from every variable of the environment (config/environment.ts) validated
 * once: a bad value of any of them stops the start with CONFIG_INVALID naming the variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const values = parseEnvironment(env);
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
