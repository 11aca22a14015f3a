import { queryOptions, useQuery } from '@tanstack/react-query';
import { getPlan } from '@/features/plan/api/get-plan';
import { getDepartments } from '@/features/departments/api/get-departments';

/**
 * Departments a trainer can be assigned: the current plan's departments and the departments that
 * have seat holders today, sorted by name. Derived from GET /api/plan and GET /api/departments;
 * when the server offers a list of assignable departments, switch this one function to it.
 */
export async function getAssignableDepartments({ signal }: { signal?: AbortSignal } = {}): Promise<string[]> {
  const [plan, report] = await Promise.all([getPlan({ signal }), getDepartments({ signal })]);
  const names = [...(plan.current?.plan.departments.map((department) => department.name) ?? []), ...report.departments.map((department) => department.department)];
  return [...new Set(names)].sort((a, b) => a.localeCompare(b));
}

export function getAssignableDepartmentsQueryOptions() {
  return queryOptions({ queryKey: ['assignable-departments'], queryFn: ({ signal }) => getAssignableDepartments({ signal }), staleTime: 60_000 });
}

export function useAssignableDepartments() {
  return useQuery(getAssignableDepartmentsQueryOptions());
}
