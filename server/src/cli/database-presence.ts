import { existsSync } from 'node:fs';
import { UptakeError } from '../common/error-codes';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from '../database/database-url.util';
import type { GlobalOptions } from './cli-context';

/**
 * Commands that write and so may create the database they are pointed at. Every other command
 * only reads (or changes what must already exist), and refuses a SQLite file that does not exist:
 * a mistyped path would otherwise become a new, empty database.
 */
const CREATING_COMMANDS = new Set(['import', 'plan apply', 'connection add', 'user add']);
const CREATING_LIST = 'import, plan apply, connection add or user add';

/** The database a command opens and where its name came from. */
export interface NamedDatabase {
  url: string;
  source: '--db' | 'DATABASE_URL' | 'default';
}

export function namedDatabase(globals: GlobalOptions, env: NodeJS.ProcessEnv = process.env): NamedDatabase {
  if (globals.db !== undefined) return { url: globals.db, source: '--db' };
  if (env.DATABASE_URL !== undefined) return { url: env.DATABASE_URL, source: 'DATABASE_URL' };
  return { url: DEFAULT_DATABASE_URL, source: 'default' };
}

/**
 * Throws DATABASE_NOT_FOUND (exit code 2) when `command` (e.g. "user list") would open a SQLite file
 * that does not exist and may not create it. `serve` creates the database of the environment
 * (DATABASE_URL or the default; `npm start` on a fresh machine seeds the demo there) but not one
 * named by --db, which is a database the operator expects to exist.
 */
export function assertDatabaseExists(command: string, database: NamedDatabase, cwd = process.cwd()): void {
  if (CREATING_COMMANDS.has(command)) return;
  if (command === 'serve' && database.source !== '--db') return;
  const location = parseDatabaseUrl(database.url, cwd);
  if (location.engine !== 'sqlite' || location.target === ':memory:' || existsSync(location.target)) return;
  const named = database.source === 'default' ? `the default, ${DEFAULT_DATABASE_URL}` : database.source;
  const serveHint =
    command === 'serve'
      ? `; to start a server on a new database, name it in DATABASE_URL instead (\`DATABASE_URL=${database.url} npx uptake serve\`; the demo CRM is seeded unless UPTAKE_DEMO=false)`
      : '';
  throw new UptakeError(
    'DATABASE_NOT_FOUND',
    `no database at ${location.target} (${named}): check the path; the commands that write (${CREATING_LIST}) create it${serveHint}`,
  );
}
