import type { DatabaseEngine } from './database-url.util';

export type SqlValue = string | number | boolean | null;
export type SqlParams = Record<string, SqlValue | ReadonlyArray<SqlValue>>;

/** What repositories need of a database: named-parameter SQL that runs the same on SQLite and PostgreSQL. */
export interface Sql {
  readonly engine: DatabaseEngine;
  /** Runs one statement; `:name` binds a value, `:...name` expands an array. */
  query<T = Record<string, unknown>>(text: string, params?: SqlParams): Promise<T[]>;
  /** Runs `INSERT INTO table (columns) VALUES ... <suffix>` for many rows, in chunks the engine accepts. */
  insertMany(table: string, columns: readonly string[], rows: ReadonlyArray<readonly SqlValue[]>, suffix?: string): Promise<void>;
  /**
   * Notes that these writes change data counted by `counters` (cache tags): this process's caches
   * of it are stale once the writes are committed. Use `invalidate` of cache/cache-tags.ts.
   */
  changed(counters: readonly string[]): void;
}
