import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { RoiResponseSchema, type RoiResponse } from '@uptake/shared';
import { api } from '@/lib/api-client';

export function getRoi({ asOf, signal }: { asOf?: string; signal?: AbortSignal }): Promise<RoiResponse> {
  return api.get('/api/roi', { params: { asOf }, schema: RoiResponseSchema, signal });
}

export function getRoiQueryOptions({ asOf }: { asOf?: string } = {}) {
  return queryOptions({
    queryKey: asOf ? ['roi', { asOf }] : ['roi'],
    queryFn: ({ signal }) => getRoi({ asOf, signal }),
  });
}

export function useRoi({ asOf }: { asOf?: string }) {
  return useQuery({ ...getRoiQueryOptions({ asOf }), placeholderData: keepPreviousData });
}
