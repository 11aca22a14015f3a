import { useMutation, useQueryClient } from '@tanstack/react-query';
import { WebhookViewSchema, type WebhookCreateRequest, type WebhookView } from '@uptake/shared';
import { api } from '@/lib/api-client';
import { getWebhooksQueryOptions } from './get-webhooks';

export function createWebhook(body: WebhookCreateRequest): Promise<WebhookView> {
  return api.post('/api/alerts/webhooks', body, { schema: WebhookViewSchema });
}

export function useCreateWebhook({ onSuccess }: { onSuccess?: (created: WebhookView) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWebhook,
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: getWebhooksQueryOptions().queryKey });
      onSuccess?.(created);
    },
  });
}
