import { resolve } from 'node:path';
import type { ErrorCode } from '../common/error-codes';

export type DatabaseEngine = 'sqlite' | 'postgres';

export interface DatabaseLocation {
  engine: DatabaseEngine;
  /** SQLite: absolute file path (or ':memory:'); PostgreSQL: the connection URL. */
  target: string;
}

export const DEFAULT_DATABASE_URL = 'sqlite:data/uptake.sqlite';

/** The forms of a database URL Uptake understands, for error messages. */
export const DATABASE_URL_FORMS = 'use sqlite:<path> (e.g. sqlite:data/uptake.sqlite) or postgres://user@host:5432/db';

export class DatabaseUrlError extends Error {
  readonly code = 'DATABASE_URL_INVALID' satisfies ErrorCode;
}

/** Parses `sqlite:<path>` (relative paths from the working directory) or `postgres://...`. */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseLocation {
  const text = url.trim();
  if (/^postgres(ql)?:\/\//i.test(text)) return { engine: 'postgres', target: text };
  const sqlite = /^sqlite:(?:\/\/)?(.+)$/i.exec(text);
  if (sqlite) {
    const path = sqlite[1];
    return { engine: 'sqlite', target: path === ':memory:' ? path : resolve(cwd, path) };
  }
  throw new DatabaseUrlError(`DATABASE_URL "${text}" is not understood: ${DATABASE_URL_FORMS}`);
}

/** The URL without its password, for logs. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/i, '$1:***@');
}
