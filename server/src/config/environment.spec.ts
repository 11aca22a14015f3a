import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './app.config';
import { ENVIRONMENT, envValue, parseEnvironment, SENSITIVE_VARIABLES } from './environment';

/** The names in backquotes in the first column of the README's configuration table. */
function readmeVariables(): string[] {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const rows = readme.split('\n').filter((line) => /^\| `[A-Z][A-Z0-9_]*`/.test(line));
  return rows.flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((match) => match[1] as string));
}

describe('the environment', () => {
  it('is declared once, and the README configuration table lists exactly the declared variables', () => {
    expect([...readmeVariables()].sort()).toEqual(Object.keys(ENVIRONMENT).sort());
  });

  it('marks the database URL, passwords and keys as sensitive', () => {
    expect([...SENSITIVE_VARIABLES].sort()).toEqual([
      'DATABASE_URL',
      'UPTAKE_ADMIN_PASSWORD',
      'UPTAKE_OIDC_CLIENT_SECRET',
      'UPTAKE_SECRET_KEY',
      'UPTAKE_SMTP_URL',
    ]);
  });

  it('gives every variable its default', () => {
    const values = parseEnvironment({});
    expect(values.PORT).toBe(3000);
    expect(values.UPTAKE_TOKEN_TTL_DAYS).toBe(90);
    expect(values.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS).toBe(false);
    expect(values.UPTAKE_IMPORT_ROOT).toBe('data/import');
    expect(values.UPTAKE_SECRET_KEY).toBeUndefined();
  });

  it('refuses a bad value of any variable at start, CONFIG_INVALID naming it', () => {
    expect(() => loadConfig({ UPTAKE_SESSION_HOURS: '-1' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringMatching(/^invalid environment: UPTAKE_SESSION_HOURS: /) }),
    );
    expect(() => loadConfig({ UPTAKE_ALLOW_PRIVATE_CRM_HOSTS: 'maybe' })).toThrow(
      'invalid environment: UPTAKE_ALLOW_PRIVATE_CRM_HOSTS: must be true or false, not "maybe"',
    );
    expect(() => loadConfig({ UPTAKE_TOKEN_TTL_DAYS: 'soon' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('UPTAKE_TOKEN_TTL_DAYS: ') }),
    );
  });

  it('reads one variable with the same rule, naming it', () => {
    expect(envValue('UPTAKE_ALLOW_PRIVATE_CRM_HOSTS', { UPTAKE_ALLOW_PRIVATE_CRM_HOSTS: ' TRUE ' })).toBe(true);
    expect(envValue('UPTAKE_IMPORT_ROOT', { UPTAKE_IMPORT_ROOT: '  ' })).toBe('data/import');
    expect(() => envValue('UPTAKE_TOKEN_TTL_DAYS', { UPTAKE_TOKEN_TTL_DAYS: '0' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('UPTAKE_TOKEN_TTL_DAYS: ') }),
    );
  });

  it('never echoes the value of a sensitive variable', () => {
    let message = '';
    try {
      loadConfig({ UPTAKE_ADMIN_PASSWORD: 'abc' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^invalid environment: UPTAKE_ADMIN_PASSWORD: /);
    expect(message).not.toContain('abc');
  });

  it('never echoes a database URL it does not understand, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db.example.test/uptake' })).toThrow(
      'invalid environment: DATABASE_URL: not understood: use sqlite:<path> (e.g. sqlite:data/uptake.sqlite) or postgres://user@host:5432/db',
    );
  });
});
