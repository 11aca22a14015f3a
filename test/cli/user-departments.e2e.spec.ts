import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uptake } from './cli-runner';

const PLAN = 'launch_date: 2026-01-01\ndepartments:\n  - { name: Sales APAC, seats: 3 }\n  - { name: Sales EMEA, seats: 3 }\n';
// Central is not in the plan: known from the CRM data only.
const USERS = 'id,department\nu1,Sales APAC\nu2,Central\n';

/** A trainer assigned a department nobody knows sees no one: `user add/set` refuse such names. */
describe('uptake user add/set --department', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'uptake-user-dept-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'users.sqlite')}` };
    writeFileSync(join(dir, 'plan.yaml'), PLAN);
    mkdirSync(join(dir, 'drop'));
    writeFileSync(join(dir, 'drop', 'users.csv'), USERS);
    expect(uptake(['plan', 'apply', join(dir, 'plan.yaml')], env).code).toBe(0);
    expect(uptake(['import', join(dir, 'drop')], env).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses a department that differs from the plan only in case, suggesting the plan's name, and creates nothing", () => {
    const result = uptake(['user', 'add', 'tess@example.com', '--role', 'trainer', '--department', 'Sales Apac'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('uptake: unknown department "Sales Apac": did you mean "Sales APAC"?\n');
    expect(uptake(['user', 'list'], env).stdout).not.toContain('tess@example.com');
  });

  it('accepts departments of the plan and of the CRM data', () => {
    const result = uptake(
      ['user', 'add', 'tom@example.com', '--role', 'trainer', '--department', 'Sales APAC', '--department', 'Central'],
      env,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('tom@example.com\ttrainer departments: Central, Sales APAC');
  });

  it('user set refuses an unknown department and lists the assignable ones', () => {
    expect(uptake(['user', 'add', 'tia@example.com', '--role', 'trainer', '--department', 'Sales EMEA'], env).code).toBe(0);
    const result = uptake(['user', 'set', 'tia@example.com', '--department', 'Marketing'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'uptake: unknown department "Marketing" (departments of the launch plan and the CRM data: Central, Sales APAC, Sales EMEA)\n',
    );
    expect(uptake(['user', 'list'], env).stdout).toContain('tia@example.com\ttrainer departments: Sales EMEA');
  });
});
