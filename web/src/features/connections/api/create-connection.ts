import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConnectionDetailSchema, type ConnectionDetail, type CreateConnectionRequest } from '@uptake/shared';
import { api } from '@/lib/api-client';
import { getConnectionsQueryOptions } from './get-connections';

export function createConnection(body: CreateConnectionRequest): Promise<ConnectionDetail> {
  return api.post('/api/connections', body, { schema: ConnectionDetailSchema });
}

export function useCreateConnection({ onSuccess }: { onSuccess?: (connection: ConnectionDetail) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createConnection,
    onSuccess: async (connection) => {
      await queryClient.invalidateQueries({ queryKey: getConnectionsQueryOptions().queryKey });
      onSuccess?.(connection);
    },
  });
}
