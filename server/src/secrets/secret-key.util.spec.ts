import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeSecretKey, defaultKeyFile, resolveSecretKey } from './secret-key.util';

describe(resolveSecretKey.name, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'uptake-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the key file next to the SQLite file with mode 0600, then reads the same key', () => {
    const url = `sqlite:${join(dir, 'uptake.sqlite')}`;
    const first = resolveSecretKey({}, url);
    expect(first).toMatchObject({ file: join(dir, 'uptake.sqlite.key'), created: true });
    expect(statSync(join(dir, 'uptake.sqlite.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'uptake.sqlite.key'), 'utf8')).toBe(`${first.key.toString('hex')}\n`);
    const second = resolveSecretKey({}, url);
    expect(second.created).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('prefers UPTAKE_SECRET_KEY, in hex or base64', () => {
    const hex = 'ab'.repeat(32);
    expect(resolveSecretKey({ key: hex }, `sqlite:${join(dir, 'x.sqlite')}`)).toMatchObject({
      source: 'UPTAKE_SECRET_KEY',
      file: null,
      created: false,
    });
    expect(decodeSecretKey(Buffer.alloc(32, 1).toString('base64'), 'k').equals(Buffer.alloc(32, 1))).toBe(true);
    expect(() => decodeSecretKey('too short', 'UPTAKE_SECRET_KEY')).toThrow(
      'UPTAKE_SECRET_KEY: expected a 256-bit key as 64 hex characters or 44 base64 characters',
    );
  });

  it('refuses a key file others can read', () => {
    const file = join(dir, 'open.key');
    writeFileSync(file, 'cd'.repeat(32));
    chmodSync(file, 0o644);
    expect(() => resolveSecretKey({ keyFile: file }, 'sqlite::memory:')).toThrow(
      `secret key file ${file} is readable by other users (mode 644): run chmod 600 ${file}`,
    );
  });

  it('uses data/uptake-secret.key for PostgreSQL and a per-process key for an in-memory database', () => {
    expect(defaultKeyFile('postgres://db/uptake', '/srv/uptake')).toBe('/srv/uptake/data/uptake-secret.key');
    expect(resolveSecretKey({}, 'sqlite::memory:')).toMatchObject({ file: null, created: true });
  });
});
