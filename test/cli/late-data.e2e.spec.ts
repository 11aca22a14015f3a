import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../server/test/testing';
import { uptake } from './cli-runner';

const PLAN = `
launch_date: 2026-03-01
timezone: UTC
departments:
  - { name: Sales, seats: 2 }
goals: []
`;

function writeFolder(dir: string, files: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

/*
 * Sales: u1, u2 (always existed). Drop 1: u1 logged in 2026-03-09. The import stores every day
 * from launch to today. Drop 2 brings a login of u2 on 2026-03-05, long after that day:
 * 2026-03-05..2026-03-11: active_users 1/2 -> 2/2 where u1's login counts too (03-09..03-11), 0 -> 1/2 before.
 */
describe('uptake import of late data (CLI)', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'uptake-cli-late-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'cli.sqlite')}` };
    writeFileSync(join(dir, 'plan.yaml'), PLAN);
    expect(uptake(['plan', 'apply', join(dir, 'plan.yaml'), '--by', 'ops'], env).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('recomputes the stored days a later drop changes, says so, and keeps the old values in the restatement log', async () => {
    const first = writeFolder(join(dir, 'drop1'), {
      'users.csv': 'id,name,department\nu1,Ann,Sales\nu2,Bob,Sales\n',
      'logins.csv': 'user_id,login_at,status\nu1,2026-03-09T10:00:00Z,Success\n',
    });
    const imported = uptake(['import', first], env);
    expect(imported.code).toBe(0);
    // nothing was stored before: nothing to restate, and the run says nothing of it
    expect(imported.stdout).not.toContain('restated');

    const late = writeFolder(join(dir, 'drop2'), { 'logins.csv': 'user_id,login_at,status\nu2,2026-03-05T10:00:00Z,Success\n' });
    const restated = uptake(['import', late], env);
    expect(restated.code).toBe(0);
    // marked: 03-04 (the day before, for any time zone) to 04-04 (the 30-day window, and a day more)
    expect(restated.stdout).toContain('32 restated_days');
    expect(restated.stdout).toContain('0 restatement_pending_days');

    const report = JSON.parse(uptake(['metrics', '--as-of', '2026-03-10', '--department', 'Sales', '--json'], env).stdout);
    expect(report.departments[0].metrics.active_users).toBe(1);

    const db = await Database.open(env.DATABASE_URL, { migrate: false });
    try {
      const rows = await db.query<{ old_value: number; new_value: number; cause: string }>(
        "SELECT old_value, new_value, cause FROM metric_restatements WHERE day = '2026-03-10' AND department = 'Sales' AND metric = 'active_users'",
      );
      expect(rows).toEqual([{ old_value: 0.5, new_value: 1, cause: 'import' }]);
      const stored = await db.query<{ value: number }>(
        "SELECT value FROM metric_snapshots WHERE day = '2026-03-10' AND department = 'Sales' AND metric = 'active_users'",
      );
      expect(stored).toEqual([{ value: 1 }]);
    } finally {
      await db.close();
    }

    const pending = uptake(['snapshot', '--pending'], env);
    expect(pending.code).toBe(0);
    expect(pending.stdout).toMatch(/^0 stored days recomputed in [\d.]+ s, 0 values restated, 0 days left\n$/);
  });

  it('refuses --pending with a range, and a range without both ends, with exit code 2', () => {
    const mixed = uptake(['snapshot', '--pending', '--from', '2026-03-01'], env);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('--pending recomputes the marked days: give it without --from and --to');
    const half = uptake(['snapshot', '--from', '2026-03-01'], env);
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('give --from and --to');
    expect(uptake(['snapshot', '--pending', '--max-days', '0'], env).code).toBe(2);
  });
});
