import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertRunResultSchema, type AlertRunResult } from '@uptake/shared';
import { api } from '@/lib/api-client';
import { getAlertsQueryOptions } from './get-alerts';

/** Evaluates the rules now and sends what the outbox holds (admins). */
export function runAlerts(): Promise<AlertRunResult> {
  return api.post('/api/alerts/run', undefined, { schema: AlertRunResultSchema });
}

export function useRunAlerts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runAlerts,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getAlertsQueryOptions().queryKey }),
  });
}
