import { errorCodeOf, exitCodeOf, httpStatusOf, isErrorCode, UptakeError, vendorErrorCode } from './error-codes';

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
});
