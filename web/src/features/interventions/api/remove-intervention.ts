import { useMutation, useQueryClient } from '@tanstack/react-query';
import { InterventionSchema, type Intervention } from '@uptake/shared';
import { api } from '@/lib/api-client';

export function removeIntervention(id: number): Promise<Intervention> {
  return api.delete(`/api/interventions/${id}`, { schema: InterventionSchema });
}

export function useRemoveIntervention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeIntervention,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['interventions'] });
    },
  });
}
