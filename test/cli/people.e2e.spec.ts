import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freshDatabase, testEngines, type FreshDatabase } from '../../server/test/testing';

const BIN = resolve(__dirname, '../../server/bin/uptake.js');
jest.setTimeout(180_000);

function uptake(args: string[], db: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: db },
    input: '',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/*
 * "crm" (csv): u1 ann@x.com and u2 annie@x.com (the same human under two addresses); "lms" (csv, an
 * LMS export): training by email for annie@x.com. An admin merges annie into ann, then splits u2
 * out again; every decision stays in the history with who and when.
 */
describe.each(testEngines())('uptake people merge / split / history (%s)', (engine) => {
  let database: FreshDatabase;
  let folder: string;

  beforeEach(async () => {
    database = await freshDatabase(engine);
    folder = mkdtempSync(join(tmpdir(), 'uptake-people-'));
    mkdirSync(join(folder, 'crm'));
    mkdirSync(join(folder, 'lms'));
    writeFileSync(join(folder, 'crm', 'users.csv'), 'id,email,department\nu1,ann@x.com,Sales\nu2,annie@x.com,Sales\n');
    writeFileSync(join(folder, 'lms', 'training.csv'), 'user_email,course,required,completed_at\nannie@x.com,Basics,yes,2026-03-01\n');
  });
  afterEach(async () => {
    rmSync(folder, { recursive: true, force: true });
    await database.dispose();
  });

  it('merges and splits people, exits 2 on an unknown email, and lists the history with who and when', async () => {
    const db = database.url;
    expect(uptake(['import', join(folder, 'crm'), '--connection', 'crm'], db).code).toBe(0);
    expect(uptake(['import', join(folder, 'lms'), '--connection', 'lms'], db).code).toBe(0);

    const merged = uptake(['people', 'merge', 'Annie@x.com', '--into', 'ann@x.com'], db);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toMatch(/^\S+Z\tcli:\S*\tmerge annie@x.com into ann@x.com\tin force\n$/);

    const unknown = uptake(['people', 'merge', 'zed@x.com', '--into', 'ann@x.com'], db);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no user of any connection has the email zed@x.com');

    expect(uptake(['people', 'split', 'crm', 'u2'], db).code).toBe(0);
    const twice = uptake(['people', 'split', 'crm', 'u2'], db);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('user crm/u2 is split already');

    const history = uptake(['people', 'history'], db).stdout.trim().split('\n');
    expect(history.map((line) => line.split('\t').slice(2).join(' | '))).toEqual([
      'split crm/u2 (annie@x.com) | in force',
      'merge annie@x.com into ann@x.com | in force',
    ]);
  });
});
