import { useQuery } from '@tanstack/react-query';
import { PlanHistoryResponseSchema } from '@uptake/shared';
import { api } from '@/lib/api-client';

export const DEFAULT_MIN_GROUP_SIZE = 5;

/** The plan's privacy.min_group_size (5 without a plan); shares the cache of GET /api/plan (key ['plan']). */
export function useMinGroupSize(): number {
  const query = useQuery({
    queryKey: ['plan'],
    queryFn: ({ signal }) => api.get('/api/plan', { schema: PlanHistoryResponseSchema, signal }),
  });
  return query.data?.current?.plan.privacy.min_group_size ?? DEFAULT_MIN_GROUP_SIZE;
}
