import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uptake } from './cli-runner';

const PLAN = 'launch_date: 2026-01-15\ndepartments:\n  - { name: Sales, seats: 2 }\nrequired_fields:\n  account: [industry]\n';
const PLAN_V2 = 'launch_date: 2026-01-15\ndepartments:\n  - { name: Sales, seats: 2 }\nrequired_fields:\n  account: [industry, phone]\n';

/** `plan apply --effective-from DATE`: when a version takes effect; bad days are refused with exit 2 and nothing stored. */
describe('uptake plan apply --effective-from', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'uptake-effective-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'plan.sqlite')}` };
    writeFileSync(join(dir, 'plan.yaml'), PLAN);
    writeFileSync(join(dir, 'plan-v2.yaml'), PLAN_V2);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['before the launch date', '2026-01-14', 'plan.yaml: effective-from 2026-01-14 is before the launch date 2026-01-15'],
    ['not a date', 'next-week', 'plan.yaml: effective-from "next-week" is not a date (expected YYYY-MM-DD, e.g. 2026-01-15)'],
    [
      'a day that does not exist',
      '2026-02-30',
      'plan.yaml: effective-from "2026-02-30" is not a date (expected YYYY-MM-DD, e.g. 2026-01-15)',
    ],
  ])('refuses a day %s: exit 2, nothing stored', (_name, day, message) => {
    const result = uptake(['plan', 'apply', join(dir, 'plan.yaml'), '--effective-from', day], env);
    expect(result.stderr).toBe(`uptake: ${message}\n`);
    expect(result.code).toBe(2);
  });

  it('stores versions with their effective days, who applied them and when', () => {
    // the refusals above stored nothing: this is version 1
    const first = uptake(['plan', 'apply', join(dir, 'plan.yaml'), '--by', 'ann', '--effective-from', '2026-01-15'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^plan version 1 applied by ann, in force from 2026-01-15: launch 2026-01-15 \(UTC\)/);
    const second = uptake(['plan', 'apply', join(dir, 'plan-v2.yaml'), '--by', 'bob', '--effective-from', '2026-03-01'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^plan version 2 applied by bob, in force from 2026-03-01:/);
  });
});
