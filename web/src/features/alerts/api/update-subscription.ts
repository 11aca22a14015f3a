import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertSubscriptionSchema, type AlertSubscription, type AlertSubscriptionUpdate } from '@uptake/shared';
import { api } from '@/lib/api-client';
import { getSubscriptionQueryOptions } from './get-subscription';

export function updateSubscription(body: AlertSubscriptionUpdate): Promise<AlertSubscription> {
  return api.put('/api/alerts/subscription', body, { schema: AlertSubscriptionSchema });
}

export function useUpdateSubscription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSubscription,
    onSuccess: (saved) => queryClient.setQueryData(getSubscriptionQueryOptions().queryKey, saved),
  });
}
