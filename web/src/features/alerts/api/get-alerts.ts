import { queryOptions, useQuery } from '@tanstack/react-query';
import { AlertsResponseSchema, type AlertsResponse } from '@uptake/shared';
import { api } from '@/lib/api-client';

export function getAlerts({ signal }: { signal?: AbortSignal } = {}): Promise<AlertsResponse> {
  return api.get('/api/alerts', { schema: AlertsResponseSchema, signal });
}

export function getAlertsQueryOptions() {
  return queryOptions({ queryKey: ['alerts'], queryFn: ({ signal }) => getAlerts({ signal }) });
}

export function useAlerts() {
  return useQuery(getAlertsQueryOptions());
}
