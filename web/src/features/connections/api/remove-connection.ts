import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RemoveConnectionResponseSchema, type RemoveConnectionResponse } from '@uptake/shared';
import { api } from '@/lib/api-client';

/** Removes a connection: its data kept and marked deleted, or with `purge` (confirmed by its name) deleted for good. */
export function removeConnection({
  connectionId,
  purge,
  confirm,
}: {
  connectionId: number;
  purge: boolean;
  confirm?: string;
}): Promise<RemoveConnectionResponse> {
  const params: Record<string, string> = purge ? { purge: 'true', confirm: confirm ?? '' } : {};
  return api.delete(`/api/connections/${connectionId}`, { params, schema: RemoveConnectionResponseSchema });
}

export function useRemoveConnection({ onSuccess }: { onSuccess?: (removed: RemoveConnectionResponse) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeConnection,
    onSuccess: async (removed) => {
      // what the removed data counted for changes too (overview, departments, ...)
      await queryClient.invalidateQueries();
      onSuccess?.(removed);
    },
  });
}
