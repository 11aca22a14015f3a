import { queryOptions, useQuery } from '@tanstack/react-query';
import { PlanHistoryResponseSchema, type PlanHistoryResponse } from '@uptake/shared';
import { api } from '@/lib/api-client';

export function getPlan({ signal }: { signal?: AbortSignal } = {}): Promise<PlanHistoryResponse> {
  return api.get('/api/plan', { schema: PlanHistoryResponseSchema, signal });
}

export function getPlanQueryOptions() {
  return queryOptions({ queryKey: ['plan'], queryFn: ({ signal }) => getPlan({ signal }) });
}

export function usePlan() {
  return useQuery(getPlanQueryOptions());
}
