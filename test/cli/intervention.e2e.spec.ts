import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InterventionsResponseSchema, METRIC_KEYS } from '@uptake/shared';
import { uptake } from './cli-runner';

const PLAN = `
launch_date: 2026-01-01
timezone: UTC
departments:
  - { name: Sales, seats: 3 }
  - { name: Support, seats: 2 }
`;

describe('uptake intervention', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'uptake-intervention-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'cli.sqlite')}` };
    writeFileSync(join(dir, 'plan.yaml'), PLAN);
    expect(uptake(['plan', 'apply', join(dir, 'plan.yaml')], env).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('logs, lists and removes interventions; bad flags exit 2 naming the flag and store nothing', () => {
    const added = uptake(
      [
        'intervention',
        'add',
        '--date',
        '2026-03-01',
        '--kind',
        'training_session',
        '--department',
        'Sales',
        '--department',
        'Support',
        '--description',
        'Pipeline hygiene workshop',
        '--who',
        'Ana',
      ],
      env,
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toBe('intervention logged: #1\t2026-03-01\tTraining session\tSales, Support\tAna\tPipeline hygiene workshop\n');

    const badKind = uptake(
      ['intervention', 'add', '--date', '2026-03-01', '--kind', 'party', '--department', 'Sales', '--description', 'x'],
      env,
    );
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain('--kind');
    const noDepartment = uptake(['intervention', 'add', '--date', '2026-03-01', '--kind', 'coaching', '--description', 'x'], env);
    expect(noDepartment.code).toBe(2);
    expect(noDepartment.stderr).toContain('--department: name at least one department');
    const badDate = uptake(
      ['intervention', 'add', '--date', '2026-02-30', '--kind', 'coaching', '--department', 'Sales', '--description', 'x'],
      env,
    );
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--date');
    const unknown = uptake(
      ['intervention', 'add', '--date', '2026-03-01', '--kind', 'coaching', '--department', 'Finance', '--description', 'x'],
      env,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown department "Finance"');

    const listed = uptake(['intervention', 'list', '--json', '--as-of', '2026-03-31'], env);
    expect(listed.code).toBe(0);
    const answer = InterventionsResponseSchema.parse(JSON.parse(listed.stdout));
    expect(answer.interventions.map((entry) => [entry.id, entry.departments, entry.who])).toEqual([[1, ['Sales', 'Support'], 'Ana']]);
    expect(answer.interventions[0].effects.map((effect) => effect.metric)).toEqual([...METRIC_KEYS]);
    // Both departments had it: there is nothing to compare with.
    expect(answer.interventions[0].effects[0].status).toBe('no_comparison');

    const text = uptake(['intervention', 'list', '--as-of', '2026-03-31'], env);
    expect(text.stdout).toContain('#1\t2026-03-01\tTraining session');
    expect(text.stdout).toContain('there is no department to compare with');

    expect(uptake(['intervention', 'remove', '1'], env).code).toBe(0);
    expect(uptake(['intervention', 'list'], env).stdout).toBe('no interventions\n');
    const again = uptake(['intervention', 'remove', '1'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('no intervention 1');
  });
});
