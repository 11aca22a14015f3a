import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { UptakeError } from '../common/error-codes';
import { parseDatabaseUrl } from '../database/database-url.util';

/** AES-256 needs 32 bytes. */
export const SECRET_KEY_BYTES = 32;

export interface SecretKeySettings {
  /** UPTAKE_SECRET_KEY: 64 hex characters or 32 bytes in base64. */
  key?: string;
  /** UPTAKE_SECRET_KEY_FILE: where the generated key is kept (default: next to the SQLite file, or data/uptake-secret.key). */
  keyFile?: string;
}

export interface ResolvedSecretKey {
  key: Buffer;
  /** Where the key came from, for messages (never the key itself). */
  source: string;
  /** The key file in use; null for UPTAKE_SECRET_KEY or a per-process key. */
  file: string | null;
  /** A new key was made (a key file written, or a per-process key). */
  created: boolean;
}

/** Decodes UPTAKE_SECRET_KEY: 64 hex characters, or base64/base64url of 32 bytes. */
export function decodeSecretKey(text: string, source: string): Buffer {
  const value = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(value)
    ? Buffer.from(value, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(value)
      ? Buffer.from(value, 'base64')
      : null;
  if (!key || key.length !== SECRET_KEY_BYTES) {
    throw new UptakeError(
      'CONFIG_INVALID',
      `${source}: expected a 256-bit key as 64 hex characters or 44 base64 characters (generate one with: openssl rand -hex 32)`,
    );
  }
  return key;
}

/** The key file used when UPTAKE_SECRET_KEY is not set: `<sqlite file>.key`, or data/uptake-secret.key for PostgreSQL. */
export function defaultKeyFile(databaseUrl: string, cwd = process.cwd()): string | null {
  const location = parseDatabaseUrl(databaseUrl, cwd);
  if (location.engine === 'sqlite') return location.target === ':memory:' ? null : `${location.target}.key`;
  return resolve(cwd, 'data', 'uptake-secret.key');
}

/**
 * The key that encrypts connection credentials at rest: UPTAKE_SECRET_KEY when set, else the key
 * file, created on first use with 32 random bytes and mode 0600. An in-memory SQLite database
 * (tests) gets a key that lives as long as the process.
 */
export function resolveSecretKey(settings: SecretKeySettings, databaseUrl: string, cwd = process.cwd()): ResolvedSecretKey {
  if (settings.key)
    return { key: decodeSecretKey(settings.key, 'UPTAKE_SECRET_KEY'), source: 'UPTAKE_SECRET_KEY', file: null, created: false };
  const file = settings.keyFile ? resolve(cwd, settings.keyFile) : defaultKeyFile(databaseUrl, cwd);
  if (!file)
    return { key: randomBytes(SECRET_KEY_BYTES), source: 'a key for this process only (in-memory database)', file: null, created: true };
  if (existsSync(file)) return { key: readKeyFile(file), source: file, file, created: false };
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(SECRET_KEY_BYTES);
  let fd: number;
  try {
    // 'wx': fail if another process created it meanwhile; then read theirs.
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { key: readKeyFile(file), source: file, file, created: false };
    throw error;
  }
  try {
    writeSync(fd, `${key.toString('hex')}\n`);
  } finally {
    closeSync(fd);
  }
  return { key, source: file, file, created: true };
}

function readKeyFile(file: string): Buffer {
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new UptakeError(
      'CONFIG_INVALID',
      `secret key file ${file} is readable by other users (mode ${mode.toString(8)}): run chmod 600 ${file}`,
    );
  }
  return decodeSecretKey(readFileSync(file, 'utf8'), `secret key file ${file}`);
}
