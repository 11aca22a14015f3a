import { queryOptions, useQuery } from '@tanstack/react-query';
import { AlertSubscriptionSchema, type AlertSubscription } from '@uptake/shared';
import { api } from '@/lib/api-client';

export function getSubscription({ signal }: { signal?: AbortSignal } = {}): Promise<AlertSubscription> {
  return api.get('/api/alerts/subscription', { schema: AlertSubscriptionSchema, signal });
}

export function getSubscriptionQueryOptions() {
  return queryOptions({ queryKey: ['alerts', 'subscription'], queryFn: ({ signal }) => getSubscription({ signal }) });
}

export function useSubscription() {
  return useQuery(getSubscriptionQueryOptions());
}
