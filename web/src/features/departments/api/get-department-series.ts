import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { MetricSeriesResponseSchema, type MetricSeriesResponse } from '@uptake/shared';
import { api } from '@/lib/api-client';

interface SeriesArgs {
  /** Department name, or "*" for the organisation. */
  department: string;
  from?: string;
  to?: string;
}

export function getDepartmentSeries({
  department,
  from,
  to,
  signal,
}: SeriesArgs & { signal?: AbortSignal }): Promise<MetricSeriesResponse> {
  return api.get(`/api/departments/${encodeURIComponent(department)}/series`, {
    params: { from, to },
    schema: MetricSeriesResponseSchema,
    signal,
  });
}

export function getDepartmentSeriesQueryOptions({ department, from, to }: SeriesArgs) {
  return queryOptions({
    queryKey: ['departments', department, 'series', { from: from ?? null, to: to ?? null }],
    queryFn: ({ signal }) => getDepartmentSeries({ department, from, to, signal }),
  });
}

export function useDepartmentSeries({ enabled = true, ...args }: SeriesArgs & { enabled?: boolean }) {
  return useQuery({ ...getDepartmentSeriesQueryOptions(args), placeholderData: keepPreviousData, enabled });
}
