import { useMutation } from '@tanstack/react-query';
import { ConnectionTestResponseSchema, type ConnectionTestResponse } from '@uptake/shared';
import { api } from '@/lib/api-client';

export function testConnection({ connectionId }: { connectionId: number }): Promise<ConnectionTestResponse> {
  return api.post(`/api/connections/${connectionId}/test`, undefined, { schema: ConnectionTestResponseSchema });
}

/** Asks the connector whether it can reach the CRM with its options; nothing is synced. */
export function useTestConnection() {
  return useMutation({ mutationFn: testConnection });
}
