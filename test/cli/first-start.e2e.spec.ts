import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startCli, type RunningCli } from './cli-runner';

/** The first start of the demo: the generated admin password must be easy to find in the log. */
describe('first start of the demo', () => {
  let dir: string;
  let server: RunningCli | null = null;

  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'uptake-first-start-'))));
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the generated admin password last, after "ready", without the route mappings around it', async () => {
    const port = await freePort();
    server = startCli(['serve', '--port', String(port)], {
      DATABASE_URL: `sqlite:${join(dir, 'uptake.sqlite')}`,
      HOST: '127.0.0.1',
      UPTAKE_SCHEDULER: 'false',
      UPTAKE_DEMO: 'true',
      UPTAKE_ADMIN_EMAIL: undefined,
      UPTAKE_ADMIN_PASSWORD: undefined,
      UPTAKE_LOG_LEVEL: undefined,
    });
    await server.waitFor('└──', 240_000);
    // eslint-disable-next-line no-control-regex
    const output = server.output().replace(/\x1b\[[0-9;]*m/g, '');
    // Nest's ~60 "Mapped {/api/..., GET} route" lines are debug output now.
    expect(output).not.toContain('Mapped {');
    expect(output).not.toContain('dependencies initialized');
    const ready = output.indexOf('Uptake is ready');
    const password = /password: (\S+)/.exec(output);
    expect(ready).toBeGreaterThan(-1);
    expect(password).not.toBeNull();
    expect(output.indexOf(password![0])).toBeGreaterThan(ready);
    // The box is the last thing printed.
    expect(output.trimEnd().endsWith('└──────────────────────────────────────────────────────────────')).toBe(true);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'admin@uptake.local', password: password![1] }),
    });
    expect(login.status).toBe(200);
  }, 300_000);
});
