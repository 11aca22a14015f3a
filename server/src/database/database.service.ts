import { DataSource, EntityManager } from 'typeorm';
import { createDataSource } from './data-source.factory';
import { parseDatabaseUrl, type DatabaseEngine } from './database-url.util';
import type { Sql, SqlParams, SqlValue } from './sql';

/** SQLite allows 32,766 bound values per statement and PostgreSQL 65,535; stay well below both. */
const MAX_BOUND_VALUES = 30_000;

class ManagerSql implements Sql {
  /** Change counters this transaction's writes change, counted by the Database once they are committed. */
  readonly changes = new Set<string>();

  constructor(
    readonly engine: DatabaseEngine,
    private readonly manager: EntityManager,
  ) {}

  changed(counters: readonly string[]): void {
    for (const counter of counters) this.changes.add(counter);
  }

  async query<T>(text: string, params: SqlParams = {}): Promise<T[]> {
    const [statement, values] = this.manager.connection.driver.escapeQueryWithParameters(text, params, {});
    const result = await this.manager.query(statement, values);
    return (Array.isArray(result) ? result : []) as T[];
  }

  async insertMany(table: string, columns: readonly string[], rows: ReadonlyArray<readonly SqlValue[]>, suffix = ''): Promise<void> {
    const perStatement = Math.max(1, Math.floor(MAX_BOUND_VALUES / columns.length));
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      const values: SqlValue[] = [];
      const tuples = chunk.map((row) => {
        const marks = row.map((value) => {
          values.push(value);
          return this.engine === 'postgres' ? `$${values.length}` : '?';
        });
        return `(${marks.join(',')})`;
      });
      await this.manager.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${tuples.join(',')} ${suffix}`, values);
    }
  }
}

/**
 * Whether a statement only reads, so that it may run on a read connection: a SELECT, or a WITH
 * whose statement writes nothing (a `WITH ... UPDATE` or `WITH ... INSERT` is a write and goes to
 * the writer like any other: on SQLite a write on a read connection would bypass the write queue).
 * A word such as "update" inside a string literal sends a read to the writer, which is only slower.
 */
export function isReadOnly(text: string): boolean {
  if (/^\s*select\b/i.test(text)) return true;
  return /^\s*with\b/i.test(text) && !/\b(insert|update|delete|replace|upsert)\b/i.test(text);
}
/** Read connections of a SQLite file: reads of concurrent requests run on them side by side (WAL lets them read while the writer writes). */
const SQLITE_READERS = 3;

/** A lock held by this process until released. */
export interface AdvisoryLock {
  release(): Promise<void>;
}

/**
 * The one database of the process.
 * SQLite through TypeORM has a single connection per data source, and a statement sent on it while
 * a transaction is open would join that transaction. So on SQLite, writes (and every transaction)
 * are queued on one writer connection, and plain reads go, in turn, to a few read connections
 * that, thanks to WAL, see only committed data: the API keeps serving the last good data while a
 * sync writes, and concurrent requests read side by side.
 */
export class Database implements Sql {
  readonly engine: DatabaseEngine;
  private readonly readers: ManagerSql[];
  private nextReader = 0;
  private writeQueue: Promise<unknown> = Promise.resolve();
  /** Committed changes of this process per change counter (see `changed`). */
  private readonly changes = new Map<string, number>();

  private constructor(
    readonly dataSource: DataSource,
    private readonly readSources: DataSource[],
  ) {
    this.engine = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
    this.readers = readSources.map((source) => new ManagerSql(this.engine, source.manager));
  }

  /** Opens the database at `url` and brings its schema up to date. */
  static async open(url: string, options: { migrate?: boolean } = {}): Promise<Database> {
    const location = parseDatabaseUrl(url);
    const dataSource = createDataSource(location);
    await dataSource.initialize();
    if (location.engine === 'sqlite') {
      await dataSource.query('PRAGMA foreign_keys = ON');
      await dataSource.query('PRAGMA synchronous = NORMAL');
    }
    if (options.migrate !== false) await migrate(dataSource, location.engine);
    const readSources = [dataSource];
    if (location.engine === 'sqlite' && location.target !== ':memory:') {
      readSources.length = 0;
      for (let i = 0; i < SQLITE_READERS; i++) {
        const readSource = createDataSource(location);
        await readSource.initialize();
        readSources.push(readSource);
      }
    }
    return new Database(dataSource, readSources);
  }

  query<T>(text: string, params?: SqlParams): Promise<T[]> {
    if (isReadOnly(text)) return this.reader().query<T>(text, params);
    if (this.engine === 'postgres') return this.reader().query<T>(text, params);
    return this.transaction((tx) => tx.query<T>(text, params));
  }

  /** The next read connection, in turn: on SQLite each is a connection of its own, so reads run side by side. */
  private reader(): ManagerSql {
    const reader = this.readers[this.nextReader];
    this.nextReader = (this.nextReader + 1) % this.readers.length;
    return reader;
  }

  /**
   * Notes that this process changed data counted by `counters` (cache tags, see CacheService):
   * outside a transaction at once, inside one (`tx.changed`) once it is committed.
   */
  changed(counters: readonly string[]): void {
    for (const counter of counters) this.changes.set(counter, (this.changes.get(counter) ?? 0) + 1);
  }

  /**
   * How many committed changes this process made to any of `counters`: a number that changes at
   * once when this process changed that data, for caches of what was computed from it. Changes
   * of other processes are not seen here (they bump the shared change counters).
   */
  changesOf(counters: readonly string[]): number {
    let total = 0;
    for (const counter of counters) total += this.changes.get(counter) ?? 0;
    return total;
  }

  insertMany(table: string, columns: readonly string[], rows: ReadonlyArray<readonly SqlValue[]>, suffix?: string): Promise<void> {
    return this.transaction((tx) => tx.insertMany(table, columns, rows, suffix));
  }

  /** Runs `work` in one transaction: everything it wrote is committed together or not at all. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    const run = async () => {
      const tx = { sql: null as ManagerSql | null };
      try {
        return await this.dataSource.transaction((manager) => work((tx.sql = new ManagerSql(this.engine, manager))));
      } finally {
        // counted after the commit (or the rollback: a needless count only costs a cache miss)
        if (tx.sql) this.changed([...tx.sql.changes]);
      }
    };
    if (this.engine === 'postgres') return run();
    const result = this.writeQueue.then(run, run);
    this.writeQueue = result.catch(() => undefined);
    return result;
  }

  /**
   * PostgreSQL only: takes the session-level advisory lock (namespace, key) on a connection of its
   * own, held until `release()` or until that session ends (the process dies, the connection
   * breaks), so a lock never outlives its holder. Resolves to null when another session holds it.
   */
  async tryAdvisoryLock(namespace: number, key: number): Promise<AdvisoryLock | null> {
    if (this.engine !== 'postgres') throw new Error(`advisory locks are a PostgreSQL feature; this database is ${this.engine}`);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let held = false;
    try {
      const [row] = (await runner.query('SELECT pg_try_advisory_lock($1::integer, $2::integer) AS locked', [namespace, key])) as Array<{
        locked: boolean;
      }>;
      held = row?.locked === true;
    } finally {
      if (!held) await runner.release();
    }
    if (!held) return null;
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        try {
          await runner.query('SELECT pg_advisory_unlock($1::integer, $2::integer)', [namespace, key]);
        } finally {
          await runner.release();
        }
      },
    };
  }

  async close(): Promise<void> {
    await this.writeQueue.catch(() => undefined);
    for (const source of this.readSources) if (source !== this.dataSource && source.isInitialized) await source.destroy();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** The advisory-lock key (namespace, key) that keeps the migrations of replicas starting together apart. */
const MIGRATION_LOCK = [0x75707461, 0] as const;

/**
 * Brings the schema up to date. On PostgreSQL, replicas starting at the same time take turns (a
 * session advisory lock): the first migrates, the others then find nothing left to do.
 */
async function migrate(dataSource: DataSource, engine: DatabaseEngine): Promise<void> {
  if (engine !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1::integer, $2::integer)', [...MIGRATION_LOCK]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1::integer, $2::integer)', [...MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/** Number from a bigint or numeric column (pg returns them as strings). */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function toNullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

export function toBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}
