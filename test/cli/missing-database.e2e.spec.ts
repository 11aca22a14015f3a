import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uptake } from './cli-runner';

const PLAN = 'launch_date: 2026-01-01\ndepartments:\n  - { name: Sales, seats: 3 }\n';

/** A mistyped database path must not silently become a new, empty database. */
describe('uptake on a SQLite database that does not exist', () => {
  let dir: string;
  let missing: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'uptake-nodb-'));
    missing = join(dir, 'mavn.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['metrics', ['metrics', '--as-of', '2017-06-30']],
    ['user list', ['user', 'list']],
    ['connection list', ['connection', 'list']],
    ['token list', ['token', 'list', 'ann@example.com']],
    ['sync', ['sync']],
    ['snapshot', ['snapshot', '--from', '2026-01-01', '--to', '2026-01-02']],
  ])('%s refuses a --db file that does not exist, exit code 2, and says which commands create one', (_name, args) => {
    const result = uptake(['--db', `sqlite:${missing}`, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`no database at ${missing}`);
    expect(result.stderr).toContain('import, plan apply, connection add or user add');
    expect(result.stdout).toBe('');
    expect(existsSync(missing)).toBe(false);
  });

  it('names DATABASE_URL when the path came from there', () => {
    const result = uptake(['metrics', '--as-of', '2017-06-30'], { DATABASE_URL: `sqlite:${missing}` });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`no database at ${missing} (DATABASE_URL)`);
    expect(existsSync(missing)).toBe(false);
  });

  it('names the default database, relative to the working directory, when nothing names one', () => {
    const result = uptake(['user', 'list'], {}, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`no database at ${join(dir, 'data', 'uptake.sqlite')} (the default, sqlite:data/uptake.sqlite)`);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('serve refuses a --db file that does not exist instead of serving an empty database', () => {
    const result = uptake(['--db', `sqlite:${missing}`, 'serve', '--port', '0'], { UPTAKE_DEMO: 'false', UPTAKE_SCHEDULER: 'false' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`no database at ${missing}`);
    expect(result.stderr).toContain('DATABASE_URL');
    expect(existsSync(missing)).toBe(false);
  });

  it('commands that write create the database, after which reading works', () => {
    writeFileSync(join(dir, 'plan.yaml'), PLAN);
    const applied = uptake(['--db', `sqlite:${missing}`, 'plan', 'apply', join(dir, 'plan.yaml')]);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(existsSync(missing)).toBe(true);
    const list = uptake(['--db', `sqlite:${missing}`, 'user', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toBe('no accounts\n');
  });
});
