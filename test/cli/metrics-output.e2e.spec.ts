import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uptake } from './cli-runner';

const PLAN = `
launch_date: 2026-01-01
timezone: UTC
departments:
  - { name: Sales, seats: 2, licence_cost_per_seat_month: 80 }
  - { name: Support, seats: 1, licence_cost_per_seat_month: 80 }
goals:
  - { department: "*", metric: active_users, target: 0.8, by: 2026-03-31, baseline: 0 }
`;
const USERS = 'id,name,email,department\nu1,Ann,ann@example.com,Sales\nu2,Bob,bob@example.com,Sales\nu3,Cy,cy@example.com,Support\n';
const LOGINS = 'user_id,login_at,status\nu1,2026-03-09T10:00:00Z,Success\nu2,2026-03-08T10:00:00Z,Success\n';

/** The human output speaks like the dashboard (percentages, "On track"); --json stays machine-shaped. */
describe('uptake metrics output', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'uptake-metrics-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'metrics.sqlite')}` };
    writeFileSync(join(dir, 'plan.yaml'), PLAN);
    mkdirSync(join(dir, 'drop'));
    writeFileSync(join(dir, 'drop', 'users.csv'), USERS);
    writeFileSync(join(dir, 'drop', 'logins.csv'), LOGINS);
    expect(uptake(['plan', 'apply', join(dir, 'plan.yaml')], env).code).toBe(0);
    expect(uptake(['import', join(dir, 'drop')], env).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cells = (line: string) => line.trim().split(/ {2,}/);

  it('prints shares as percentages, logins per user with one decimal and the health status in words', () => {
    const result = uptake(['metrics', '--as-of', '2026-03-10'], env);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('as of 2026-03-10');
    expect(cells(lines[1])).toEqual([
      'department',
      'seat holders',
      'Active users (7 days)',
      'Active users (30 days)',
      'Logins per user (7 days)',
      'Record completeness',
      'Stale opportunities',
      'Training completion',
      'Active contributors (7 days)',
      'Activities per user (7 days)',
      'health',
      'status',
    ]);
    const row = (name: string) => cells(lines.find((line) => line.startsWith(name))!);
    // Sales: both seat holders logged in once in the 7 days: 100%, 2 logins / 2 = 1.0; no records,
    // opportunities or required courses, no work (no activity, record or opportunity): 0% contributors,
    // 0 activities per user. Expected active users 0.8 * 68/89 days; attainment 1: health 100.
    expect(row('Sales')).toEqual(['Sales', '2', '100.0%', '100.0%', '1.0', '—', '—', '—', '0.0%', '0.0', '100.0', 'On track']);
    // Support: its one seat holder never logged in: 0%, attainment 0, health 0.
    expect(row('Support')).toEqual(['Support', '1', '0.0%', '0.0%', '0.0', '—', '—', '—', '0.0%', '0.0', '0.0', 'Behind plan']);
    // Organisation: 2 of 3 active (66.7%), 2 logins / 3 = 0.67 -> 0.7.
    expect(row('(organisation)').slice(0, 5)).toEqual(['(organisation)', '3', '66.7%', '66.7%', '0.7']);
    // The folder was imported today, long after 2026-03-10: every value of that day is rebuilt from it.
    expect(lines[lines.length - 1]).toBe(
      'reconstructed (the day ends before Uptake first observed a connection they read): Sales, Support, (organisation)',
    );
  });

  it('keeps --json machine-shaped: fractions and status codes', () => {
    const report = JSON.parse(uptake(['metrics', '--as-of', '2026-03-10', '--json'], env).stdout);
    const support = report.departments.find((d: { department: string }) => d.department === 'Support');
    expect(support.metrics.active_users).toBe(0);
    // no activity, record or opportunity of its seat holder: 0, not null
    expect(support.metrics.active_contributors).toBe(0);
    expect(support.metrics.activities_per_user).toBe(0);
    expect(support.status).toBe('red');
    expect(report.organisation.metrics.active_users).toBeCloseTo(2 / 3, 12);
    // DESIGN.md "metrics --json output": provenance at the top level, and with every scope
    expect(report.provenance).toBe('reconstructed');
    expect(support.provenance).toBe('reconstructed');
  });
});
