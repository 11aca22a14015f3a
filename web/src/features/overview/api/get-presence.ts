import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { PresenceOverviewResponseSchema, type PresenceOverviewResponse } from '@uptake/shared';
import { api } from '@/lib/api-client';

export function getPresence({ asOf, signal }: { asOf?: string; signal?: AbortSignal }): Promise<PresenceOverviewResponse> {
  return api.get('/api/presence', { params: { asOf }, schema: PresenceOverviewResponseSchema, signal });
}

export function getPresenceQueryOptions({ asOf }: { asOf?: string } = {}) {
  return queryOptions({
    queryKey: asOf ? ['presence', { asOf }] : ['presence'],
    queryFn: ({ signal }) => getPresence({ asOf, signal }),
  });
}

export function usePresence({ asOf }: { asOf?: string }) {
  return useQuery({ ...getPresenceQueryOptions({ asOf }), placeholderData: keepPreviousData });
}
