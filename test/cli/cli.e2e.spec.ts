import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Database } from '../../server/test/testing';

const BIN = resolve(__dirname, '../../server/bin/uptake.js');

/** Runs the built CLI like a user does: `npx uptake ...`. */
function uptake(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeFolder(dir: string, files: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body.trimStart());
  return dir;
}

const USERS = `
id,name,email,department,role,manager_id,active,licensed,integration,created_at
u1,Ann,ann@example.com,Sales,Rep,,true,true,false,
u2,Bob,bob@example.com,Sales,Rep,u1,yes,1,no,2026-02-01
u3,Cid,cid@example.com,Sales,Rep,u1,false,true,false,
u4,Sync Bot,,Sales,,,true,true,true,
`;
const LOGINS = `
user_id,login_at,status,channel
u1,2026-03-09T10:00:00Z,Success,web
u2,2026-03-08T10:00:00Z,SUCCESS,mobile
u2,2026-03-08T11:00:00Z,Failed,web
u4,2026-03-09T10:00:00Z,Success,api
u3,2026-03-09T10:00:00Z,Success,web
`;
const PLAN = `
launch_date: 2026-01-01
timezone: UTC
departments:
  - { name: Sales, seats: 3, licence_cost_per_seat_month: 80 }
goals:
  - { department: "*", metric: active_users, target: 0.8, by: 2026-03-31, baseline: 0 }
`;

describe('uptake CLI', () => {
  let dir: string;
  let db: string;
  const env = () => ({ DATABASE_URL: db });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'uptake-cli-'));
    db = `sqlite:${join(dir, 'cli.sqlite')}`;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 2 on a usage error and names the problem', () => {
    const result = uptake(['metrics'], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("required option '--as-of <date>'");
    expect(uptake(['no-such-command'], env()).code).toBe(2);
  });

  it('applies a plan, imports a folder and prints the metrics of DESIGN.md as JSON', () => {
    writeFileSync(join(dir, 'plan.yaml'), PLAN);
    const applied = uptake(['plan', 'apply', join(dir, 'plan.yaml'), '--by', 'ops@example.com'], env());
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('plan version 1 applied by ops@example.com');

    const folder = writeFolder(join(dir, 'drop1'), { 'users.csv': USERS, 'logins.csv': LOGINS });
    const imported = uptake(['import', folder], env());
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('4 users');
    expect(imported.stdout).toContain('5 logins');

    const result = uptake(['metrics', '--as-of', '2026-03-10', '--json'], env());
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    // Seat holders: u1 and u2 (u3 is deactivated, u4 an integration account).
    // Counted logins in the 7 days: u1 (web) and u2 ("SUCCESS", mobile); u2's failure and u4's API login do not count.
    const sales = report.departments.find((d: { department: string }) => d.department === 'Sales');
    expect(report.asOf).toBe('2026-03-10');
    expect(sales.seatHolders).toBe(2);
    expect(sales.metrics.active_users).toBe(1);
    expect(sales.metrics.logins_per_user).toBe(1);
    expect(sales.metrics.training_completion).toBeNull();
    // Ramp: 0.8 * 68/89 days; attainment of 1 against it is clamped to 1, health 100.
    expect(sales.expected.active_users).toBeCloseTo((0.8 * 68) / 89, 9);
    expect(sales.health).toBe(100);
    expect(sales.status).toBe('green');
    expect(report.organisation.seatHolders).toBe(2);

    // u2 was created on 2026-02-01: on 2026-01-31 only u1 holds a seat, with no login yet.
    const early = JSON.parse(uptake(['metrics', '--as-of', '2026-01-31', '--department', 'Sales', '--json'], env()).stdout);
    expect(early.departments).toHaveLength(1);
    expect(early.departments[0].seatHolders).toBe(1);
    expect(early.departments[0].metrics.active_users).toBe(0);
  });

  it('rejects a bad import with file:line:column, exit code 2, and writes nothing', async () => {
    const badLogins = LOGINS.replace('2026-03-08T11:00:00Z', '2026-02-30T11:00:00Z');
    const folder = writeFolder(join(dir, 'bad'), { 'users.csv': USERS, 'logins.csv': badLogins });
    const result = uptake(['import', folder], env());
    expect(result.code).toBe(2);
    // Line 4 of logins.csv (header is line 1), column 2 (login_at).
    expect(result.stderr).toContain('logins.csv:4:2');

    const database = await Database.open(db);
    try {
      for (const table of ['crm_users', 'login_events', 'departments']) {
        const [{ n }] = await database.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
        expect(Number(n)).toBe(0);
      }
    } finally {
      await database.close();
    }
  });

  it('rejects a bad plan with file:line:column and key path, exit code 2', () => {
    writeFileSync(join(dir, 'plan.yaml'), PLAN.replace('target: 0.8', 'target: 1.8'));
    const result = uptake(['plan', 'apply', join(dir, 'plan.yaml')], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/plan\.yaml:7:\d+ goals\[0\]\.target: /);
  });

  it('adds and lists connections, hiding secrets', () => {
    expect(uptake(['connection', 'add', 'demo2', '--kind', 'demo', '--option', 'seed=abc', '--schedule', '*/30 * * * *'], env()).code).toBe(
      0,
    );
    const bad = uptake(['connection', 'add', 'x', '--kind', 'nosuchcrm'], env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown connection kind "nosuchcrm"');
    const list = uptake(['connection', 'list'], env());
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('demo2\tdemo\t*/30 * * * *\tenabled\tnever synced');
  });

  it('--db overrides DATABASE_URL', () => {
    const other = `sqlite:${join(dir, 'other.sqlite')}`;
    expect(uptake(['--db', other, 'connection', 'add', 'only-here', '--kind', 'demo'], env()).code).toBe(0);
    // The database of DATABASE_URL was never created: --db wrote elsewhere.
    expect(uptake(['connection', 'list'], env()).stderr).toContain('no database at');
    expect(uptake(['--db', other, 'connection', 'list'], env()).stdout).toContain('only-here');
  });
});
