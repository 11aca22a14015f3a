import { assertAssignableDepartments } from './department-directory';

describe(assertAssignableDepartments.name, () => {
  const ASSIGNABLE = ['Central', 'Sales APAC', 'Sales EMEA'];
  const problemsOf = (requested: string[], assignable = ASSIGNABLE, kept: string[] = []) => {
    try {
      assertAssignableDepartments(requested, assignable, kept);
      return null;
    } catch (error) {
      return {
        code: (error as { code: string }).code,
        message: (error as Error).message,
        details: (error as { details: unknown }).details,
      };
    }
  };

  it('accepts names of the plan and the CRM data, exactly as spelled', () => {
    expect(problemsOf(['Sales APAC', 'Central'])).toBeNull();
    expect(problemsOf([])).toBeNull();
  });

  it('suggests the name that differs only in case or spacing', () => {
    expect(problemsOf(['Sales Apac'])).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'unknown department "Sales Apac": did you mean "Sales APAC"?',
      details: [{ path: 'departments.0', message: 'unknown department "Sales Apac": did you mean "Sales APAC"?' }],
    });
    expect(problemsOf(['Central', ' sales  emea'])?.details).toEqual([
      { path: 'departments.1', message: 'unknown department " sales  emea": did you mean "Sales EMEA"?' },
    ]);
  });

  it('lists the assignable departments when nothing is close', () => {
    expect(problemsOf(['Marketing'])?.message).toBe(
      'unknown department "Marketing" (departments of the launch plan and the CRM data: Central, Sales APAC, Sales EMEA)',
    );
  });

  it('lists at most 20 names', () => {
    const many = Array.from({ length: 23 }, (_, i) => `D${String(i).padStart(2, '0')}`);
    expect(problemsOf(['X'], many)?.message).toMatch(/D19 and 3 more\)$/);
  });

  it('says how to make departments known when none is', () => {
    expect(problemsOf(['Sales'], [])?.message).toBe(
      'unknown department "Sales": no launch plan or CRM data names a department yet (apply a plan with `uptake plan apply` or import users first)',
    );
  });

  it('lets departments the account already has pass, even when no longer known', () => {
    expect(problemsOf(['Old Team', 'Central'], ASSIGNABLE, ['Old Team'])).toBeNull();
  });
});
