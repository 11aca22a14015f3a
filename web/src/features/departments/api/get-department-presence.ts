import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { DepartmentPresenceResponseSchema, type DepartmentPresenceResponse } from '@uptake/shared';
import { api } from '@/lib/api-client';

export function getDepartmentPresence({
  department,
  asOf,
  signal,
}: {
  department: string;
  asOf?: string;
  signal?: AbortSignal;
}): Promise<DepartmentPresenceResponse> {
  return api.get(`/api/departments/${encodeURIComponent(department)}/presence`, {
    params: { asOf },
    schema: DepartmentPresenceResponseSchema,
    signal,
  });
}

export function getDepartmentPresenceQueryOptions({ department, asOf }: { department: string; asOf?: string }) {
  return queryOptions({
    queryKey: asOf ? ['departments', department, 'presence', { asOf }] : ['departments', department, 'presence'],
    queryFn: ({ signal }) => getDepartmentPresence({ department, asOf, signal }),
  });
}

export function useDepartmentPresence({ department, asOf, enabled = true }: { department: string; asOf?: string; enabled?: boolean }) {
  return useQuery({ ...getDepartmentPresenceQueryOptions({ department, asOf }), placeholderData: keepPreviousData, enabled });
}
