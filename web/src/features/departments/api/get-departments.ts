import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { MetricsReportSchema, type MetricsReport } from '@uptake/shared';
import { api } from '@/lib/api-client';

export function getDepartments({ asOf, signal }: { asOf?: string; signal?: AbortSignal }): Promise<MetricsReport> {
  return api.get('/api/departments', { params: { asOf }, schema: MetricsReportSchema, signal });
}

export function getDepartmentsQueryOptions({ asOf }: { asOf?: string } = {}) {
  return queryOptions({
    queryKey: asOf ? ['departments', { asOf }] : ['departments'],
    queryFn: ({ signal }) => getDepartments({ asOf, signal }),
  });
}

export function useDepartments({ asOf }: { asOf?: string }) {
  return useQuery({ ...getDepartmentsQueryOptions({ asOf }), placeholderData: keepPreviousData });
}
