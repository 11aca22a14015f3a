import { UptakeError } from '../common/error-codes';

/** The departments an account may be assigned: those of the launch plan in force and of the CRM data. */
export abstract class DepartmentDirectory {
  abstract assignable(): Promise<string[]>;
}

/** How many assignable names an error lists before "and N more". */
const LISTED = 20;

/** The same name but for case and spacing, as people mistype it ("Sales Apac" for "Sales APAC"). */
const loose = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Throws VALIDATION_FAILED naming each requested department that is not assignable, with the
 * assignable name it most likely means. Names in `kept` (already assigned) pass unchecked, so that
 * a department later dropped from the plan does not block other changes to the account.
 */
export function assertAssignableDepartments(
  requested: readonly string[],
  assignable: readonly string[],
  kept: readonly string[] = [],
): void {
  const known = new Set([...assignable, ...kept]);
  const problems = requested
    .map((name, index) => ({ name, index }))
    .filter(({ name }) => !known.has(name))
    .map(({ name, index }) => ({ path: `departments.${index}`, message: unknownDepartmentMessage(name, assignable) }));
  if (problems.length === 0) return;
  throw new UptakeError('VALIDATION_FAILED', problems.map((problem) => problem.message).join('; '), problems);
}

function unknownDepartmentMessage(name: string, assignable: readonly string[]): string {
  if (assignable.length === 0) {
    return `unknown department "${name}": no launch plan or CRM data names a department yet (apply a plan with \`uptake plan apply\` or import users first)`;
  }
  const meant = assignable.find((candidate) => loose(candidate) === loose(name));
  if (meant !== undefined) return `unknown department "${name}": did you mean "${meant}"?`;
  const listed = assignable.slice(0, LISTED).join(', ') + (assignable.length > LISTED ? ` and ${assignable.length - LISTED} more` : '');
  return `unknown department "${name}" (departments of the launch plan and the CRM data: ${listed})`;
}
