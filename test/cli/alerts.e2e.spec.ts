import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertsResponseSchema } from '@uptake/shared';
import { uptake } from './cli-runner';

describe('uptake alerts and uptake webhook', () => {
  let dir: string;
  let env: Record<string, string | undefined>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'uptake-alerts-cli-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'cli.sqlite')}`, UPTAKE_SMTP_URL: undefined };
    const plan = join(dir, 'plan.yaml');
    writeFileSync(plan, 'launch_date: 2026-01-01\ndepartments:\n  - { name: Sales, seats: 10 }\nalerts:\n  week_drop: { points: 5 }\n');
    expect(uptake(['plan', 'apply', plan], env).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the rules with nothing to say yet, and lists no alert', () => {
    const run = uptake(['alerts', 'run'], env);
    expect(run.stderr).toBe('');
    // a plan but no snapshot yet: nothing to evaluate over
    expect(run.stdout).toBe(
      'evaluated no snapshot day yet: 0 opened, 0 closed, 0 still open; deliveries: 0 sent, 0 to retry, 0 given up\n',
    );
    expect(run.code).toBe(0);
    expect(uptake(['alerts', 'list'], env).stdout).toBe('no alerts\n');
    const json = AlertsResponseSchema.parse(JSON.parse(uptake(['alerts', 'list', '--json'], env).stdout));
    expect(json.alerts).toEqual([]);
    expect(json.emailConfigured).toBe(false);
    expect(json.settings.week_drop).toEqual({ enabled: true, points: 5 });
    expect(json.rules.find((rule) => rule.key === 'week_drop')?.description).toContain('more than 5 points worse');
  });

  it('adds, lists and removes webhooks, refusing bad input with exit code 2 and changing nothing', () => {
    const bad = uptake(['webhook', 'add', 'x', '--url', 'https://h.example/x', '--format', 'discord'], env);
    expect(bad.stderr).toContain('expected slack, teams or json, got "discord"');
    expect(bad.code).toBe(2);
    const misspelt = uptake(['webhook', 'add', 'x', '--url', 'https://h.example/x', '--format', 'slack', '--department', 'sales'], env);
    expect(misspelt.stderr).toBe('uptake: unknown department "sales": did you mean "Sales"?\n');
    expect(misspelt.code).toBe(2);
    const unsignedSlack = uptake(
      ['webhook', 'add', 'x', '--url', 'https://h.example/x', '--format', 'slack', '--secret', 'a-secret-of-16-chars'],
      env,
    );
    expect(unsignedSlack.stderr).toContain('secret: only json webhooks are signed');
    expect(unsignedSlack.code).toBe(2);
    expect(uptake(['webhook', 'list'], env).stdout).toBe('no webhooks\n');

    const added = uptake(
      [
        'webhook',
        'add',
        'ops',
        '--url',
        'https://hooks.example.com/services/T0/B0/secret',
        '--format',
        'json',
        '--secret',
        'a-secret-of-16-chars',
        '--department',
        'Sales',
      ],
      env,
    );
    expect(added.stdout).toBe('webhook "ops" (json, signed) added: https://hooks.example.com/services/T0/…, Sales\n');
    expect(uptake(['webhook', 'list'], env).stdout).toBe('ops\tjson (signed)\thttps://hooks.example.com/services/T0/…\tSales\n');
    expect(uptake(['webhook', 'add', 'ops', '--url', 'https://h.example/x', '--format', 'teams'], env).code).toBe(2);
    expect(uptake(['webhook', 'remove', 'ops'], env).stdout).toBe('webhook "ops" removed\n');
    const gone = uptake(['webhook', 'remove', 'ops'], env);
    expect(gone.stderr).toBe('uptake: no webhook named "ops"\n');
    expect(gone.code).toBe(2);
  });
});
