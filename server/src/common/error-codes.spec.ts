import {
  DOMAIN_ERROR_TABLES,
  errorCodeOf,
  exitCodeOf,
  httpMessageOf,
  httpStatusOf,
  isErrorCode,
  UptakeError,
  vendorErrorCode,
} from './error-codes';

describe('error table', () => {
  it('knows the codes of its rows only', () => {
    expect(isErrorCode('PLAN_INVALID')).toBe(true);
    expect(isErrorCode('ECONNREFUSED')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('__proto__')).toBe(false);
    expect(errorCodeOf(Object.assign(new Error('x'), { code: '23505' }))).toBeNull();
    expect(errorCodeOf(new UptakeError('NO_PLAN', 'no plan'))).toBe('NO_PLAN');
  });

  it('gives a driver or file system error 500 and exit code 1, whatever its code', () => {
    const raw = Object.assign(new Error("ENOENT: no such file or directory, open '/etc/uptake/key'"), { code: 'ENOENT' });
    expect(httpStatusOf(raw)).toBe(500);
    expect(exitCodeOf(raw)).toBe(1);
    expect(httpStatusOf(new UptakeError('PLAN_INVALID', 'bad'))).toBe(400);
    expect(exitCodeOf(new UptakeError('PLAN_INVALID', 'bad'))).toBe(2);
  });

  it('builds vendor codes that are rows of the table', () => {
    for (const vendor of ['Salesforce', 'HubSpot', 'Dataverse'] as const) {
      for (const failure of ['UNREACHABLE', 'AUTH_FAILED', 'AUTH_REJECTED'] as const) {
        const code = vendorErrorCode(vendor, failure);
        expect(code).toBe(`${vendor.toUpperCase()}_${failure}`);
        expect(isErrorCode(code)).toBe(true);
      }
    }
  });

  it('does not compile a code that is not in the table', () => {
    // @ts-expect-error 'TYPO' is no row of the table (checked by `tsc -p server/tsconfig.json`)
    const typo = new UptakeError('TYPO', 'never');
    expect(httpStatusOf(typo)).toBe(500);
  });

  it('combines one table per domain, each code a row of exactly one', () => {
    const owners = new Map<string, string[]>();
    for (const [domain, table] of Object.entries(DOMAIN_ERROR_TABLES)) {
      for (const code of Object.keys(table)) owners.set(code, [...(owners.get(code) ?? []), domain]);
    }
    expect([...owners].filter(([, domains]) => domains.length > 1)).toEqual([]);
    expect(owners.get('FORBIDDEN')).toEqual(['auth']);
    expect(owners.get('SYNC_ALREADY_RUNNING')).toEqual(['sync']);
    expect(owners.get('DEPARTMENT_UNKNOWN')).toEqual(['metrics']);
    expect(owners.get('CONFIG_INVALID')).toEqual(['config']);
    for (const code of owners.keys()) expect(isErrorCode(code)).toBe(true);
  });

  it('answers a domain row with its status, exit code and fixed message', () => {
    expect(httpStatusOf(new UptakeError('FORBIDDEN', 'no'))).toBe(403);
    expect(exitCodeOf(new UptakeError('SYNC_ALREADY_RUNNING', 'busy'))).toBe(1);
    expect(httpStatusOf(new UptakeError('SYNC_ALREADY_RUNNING', 'busy'))).toBe(409);
    expect(httpMessageOf('CONFIG_INVALID', 'PORT: bad')).toBe('the server is not configured correctly; see the server log');
    expect(httpMessageOf('NO_PLAN', 'no plan yet')).toBe('no plan yet');
  });
});
