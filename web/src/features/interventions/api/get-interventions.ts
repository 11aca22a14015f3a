import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { InterventionsResponseSchema, type InterventionsResponse } from '@uptake/shared';
import { api } from '@/lib/api-client';

export function getInterventions({ asOf, signal }: { asOf?: string; signal?: AbortSignal }): Promise<InterventionsResponse> {
  return api.get('/api/interventions', { params: { asOf }, schema: InterventionsResponseSchema, signal });
}

export function getInterventionsQueryOptions({ asOf }: { asOf?: string } = {}) {
  return queryOptions({
    queryKey: ['interventions', { asOf: asOf ?? null }],
    queryFn: ({ signal }) => getInterventions({ asOf, signal }),
  });
}

/** Every intervention logged, newest first, with its effect estimates as of `asOf`. */
export function useInterventions({ asOf }: { asOf?: string } = {}) {
  return useQuery({ ...getInterventionsQueryOptions({ asOf }), placeholderData: keepPreviousData });
}
