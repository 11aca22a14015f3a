import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { OverviewResponseSchema, type OverviewResponse } from '@uptake/shared';
import { api } from '@/lib/api-client';

export function getOverview({ asOf, signal }: { asOf?: string; signal?: AbortSignal }): Promise<OverviewResponse> {
  return api.get('/api/overview', { params: { asOf }, schema: OverviewResponseSchema, signal });
}

export function getOverviewQueryOptions({ asOf }: { asOf?: string } = {}) {
  return queryOptions({
    queryKey: asOf ? ['overview', { asOf }] : ['overview'],
    queryFn: ({ signal }) => getOverview({ asOf, signal }),
  });
}

export function useOverview({ asOf }: { asOf?: string }) {
  return useQuery({ ...getOverviewQueryOptions({ asOf }), placeholderData: keepPreviousData });
}
