import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { getWebhooksQueryOptions } from './get-webhooks';

export function removeWebhook(id: number): Promise<void> {
  return api.delete(`/api/alerts/webhooks/${id}`);
}

export function useRemoveWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeWebhook,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getWebhooksQueryOptions().queryKey }),
  });
}
