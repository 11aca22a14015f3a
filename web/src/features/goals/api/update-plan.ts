import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PlanVersionViewSchema, type PlanUpdateRequest, type PlanVersionView } from '@uptake/shared';
import { api } from '@/lib/api-client';
import { getPlanQueryOptions } from './get-plan';

export function updatePlan(body: PlanUpdateRequest): Promise<PlanVersionView> {
  return api.put('/api/plan', body, { schema: PlanVersionViewSchema });
}

/** Stores the edited plan as a new version; every number computed against goals is refreshed. */
export function useUpdatePlan({ onSuccess }: { onSuccess?: (version: PlanVersionView) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePlan,
    onSuccess: async (version) => {
      await queryClient.invalidateQueries({ queryKey: getPlanQueryOptions().queryKey });
      // Goals change expected values, attainment and health everywhere.
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'plan' });
      onSuccess?.(version);
    },
  });
}
