import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startCli, uptake, type RunningCli } from './cli-runner';

const PLAN = 'launch_date: 2026-01-01\ndepartments:\n  - { name: Sales, seats: 3 }\n';
const QUIET = {
  UPTAKE_DEMO: 'false',
  UPTAKE_SCHEDULER: 'false',
  HOST: '127.0.0.1',
  UPTAKE_ADMIN_EMAIL: 'ops@example.test',
  UPTAKE_ADMIN_PASSWORD: 'a long enough password',
};

describe('uptake serve', () => {
  let dir: string;
  let server: RunningCli | null = null;

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'uptake-serve-'))));
  afterEach(async () => {
    await server?.stop();
    server = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps serving when a global option such as --db comes before the command', async () => {
    const db = `sqlite:${join(dir, 'maven.sqlite')}`;
    writeFileSync(join(dir, 'plan.yaml'), PLAN);
    expect(uptake(['--db', db, 'plan', 'apply', join(dir, 'plan.yaml')], QUIET).code).toBe(0);
    const port = await freePort();

    server = startCli(['--db', db, 'serve', '--port', String(port)], QUIET);
    await server.waitFor('Uptake is ready');
    // Before the fix the process exited 0 right after "ready" (only `argv[2] === 'serve'` kept it alive).
    await new Promise((done) => setTimeout(done, 1500));
    expect(server.exitCode()).toBeUndefined();
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
  });

  it('creates the database of DATABASE_URL on the first start, as npm start does on a fresh machine', async () => {
    const fresh = join(dir, 'fresh', 'uptake.sqlite');
    const port = await freePort();
    server = startCli(['serve', '--port', String(port)], { ...QUIET, DATABASE_URL: `sqlite:${fresh}` });
    await server.waitFor('Uptake is ready');
    expect(existsSync(fresh)).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
  });
});
