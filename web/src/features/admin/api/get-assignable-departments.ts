import { queryOptions, useQuery } from '@tanstack/react-query';
import { AssignableDepartmentsResponseSchema } from '@uptake/shared';
import { api } from '@/lib/api-client';

/** Departments a trainer can be assigned: those the launch plan or the CRM data name (GET /api/users/departments), sorted. */
export async function getAssignableDepartments({ signal }: { signal?: AbortSignal } = {}): Promise<string[]> {
  const response = await api.get('/api/users/departments', { schema: AssignableDepartmentsResponseSchema, signal });
  return response.departments;
}

export function getAssignableDepartmentsQueryOptions() {
  return queryOptions({
    queryKey: ['assignable-departments'],
    queryFn: ({ signal }) => getAssignableDepartments({ signal }),
    staleTime: 60_000,
  });
}

export function useAssignableDepartments() {
  return useQuery(getAssignableDepartmentsQueryOptions());
}
