import { queryOptions, useQuery } from '@tanstack/react-query';
import { WebhooksResponseSchema, type WebhooksResponse } from '@uptake/shared';
import { api } from '@/lib/api-client';

export function getWebhooks({ signal }: { signal?: AbortSignal } = {}): Promise<WebhooksResponse> {
  return api.get('/api/alerts/webhooks', { schema: WebhooksResponseSchema, signal });
}

export function getWebhooksQueryOptions() {
  return queryOptions({ queryKey: ['alerts', 'webhooks'], queryFn: ({ signal }) => getWebhooks({ signal }) });
}

export function useWebhooks({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...getWebhooksQueryOptions(), enabled });
}
