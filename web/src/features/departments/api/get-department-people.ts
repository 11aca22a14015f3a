import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { PeopleResponseSchema, type PeopleResponse } from '@uptake/shared';
import { api } from '@/lib/api-client';

export function getDepartmentPeople({
  department,
  asOf,
  signal,
}: {
  department: string;
  asOf?: string;
  signal?: AbortSignal;
}): Promise<PeopleResponse> {
  return api.get(`/api/departments/${encodeURIComponent(department)}/people`, { params: { asOf }, schema: PeopleResponseSchema, signal });
}

export function getDepartmentPeopleQueryOptions({ department, asOf }: { department: string; asOf?: string }) {
  return queryOptions({
    queryKey: asOf ? ['departments', department, 'people', { asOf }] : ['departments', department, 'people'],
    queryFn: ({ signal }) => getDepartmentPeople({ department, asOf, signal }),
  });
}

export function useDepartmentPeople({ department, asOf, enabled = true }: { department: string; asOf?: string; enabled?: boolean }) {
  return useQuery({ ...getDepartmentPeopleQueryOptions({ department, asOf }), placeholderData: keepPreviousData, enabled });
}
