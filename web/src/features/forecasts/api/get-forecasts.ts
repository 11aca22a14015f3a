import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { ForecastsResponseSchema, type ForecastsResponse } from '@uptake/shared';
import { api } from '@/lib/api-client';

export function getForecasts({ asOf, signal }: { asOf?: string; signal?: AbortSignal }): Promise<ForecastsResponse> {
  return api.get('/api/forecasts', { params: { asOf }, schema: ForecastsResponseSchema, signal });
}

export function getForecastsQueryOptions({ asOf }: { asOf?: string } = {}) {
  return queryOptions({ queryKey: ['forecasts', { asOf: asOf ?? null }], queryFn: ({ signal }) => getForecasts({ asOf, signal }) });
}

/** The forecast of every goal (organisation and departments) as of `asOf`. */
export function useForecasts({ asOf }: { asOf?: string } = {}) {
  return useQuery({ ...getForecastsQueryOptions({ asOf }), placeholderData: keepPreviousData });
}
