import { useMutation, useQueryClient } from '@tanstack/react-query';
import { InterventionSchema, type CreateInterventionRequest, type Intervention } from '@uptake/shared';
import { api } from '@/lib/api-client';

export function createIntervention(body: CreateInterventionRequest): Promise<Intervention> {
  return api.post('/api/interventions', body, { schema: InterventionSchema });
}

/** Logs an intervention; every list of interventions (and so every chart's markers) is read again. */
export function useCreateIntervention({ onSuccess }: { onSuccess?: (intervention: Intervention) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createIntervention,
    onSuccess: async (intervention) => {
      await queryClient.invalidateQueries({ queryKey: ['interventions'] });
      onSuccess?.(intervention);
    },
  });
}
