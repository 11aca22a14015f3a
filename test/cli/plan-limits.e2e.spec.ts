import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '../../server/bin/uptake.js');

/** Runs the built CLI like a user does, timed. */
function uptake(args: string[], env: Record<string, string>) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}

describe('uptake plan apply refuses hostile plan files quickly', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'uptake-plan-limits-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'cli.sqlite')}` };
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a 10 MB plan: exit 2 naming its size and the cap, without parsing it', () => {
    const file = join(dir, 'huge.yaml');
    writeFileSync(file, `launch_date: 2026-01-15\ndepartments:\n${'  - { name: Sales EMEA, seats: 40 }\n'.repeat(300_000)}`);
    const result = uptake(['plan', 'apply', file], env);
    expect(result.stderr).toBe(`uptake: ${file}: the plan is 10.8 MB; a plan may be at most 500 kB\n`);
    expect(result.code).toBe(2);
    expect(result.ms).toBeLessThan(30_000);
  });

  it('a YAML alias bomb: exit 2 naming the aliases', () => {
    const file = join(dir, 'bomb.yaml');
    const levels = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level <= 8; level++)
      levels.push(
        `l${level}: &l${level} [${Array(9)
          .fill(`*l${level - 1}`)
          .join(', ')}]`,
      );
    writeFileSync(file, `launch_date: 2026-01-15\n${levels.join('\n')}\n`);
    const result = uptake(['plan', 'apply', file], env);
    expect(result.stderr).toBe(
      'uptake: bomb.yaml:3:10 YAML aliases expand too much (more than 100 aliased nodes): write the values out instead of nesting aliases\n',
    );
    expect(result.code).toBe(2);
  });
});
