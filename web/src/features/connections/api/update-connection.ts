import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConnectionDetailSchema, type ConnectionDetail, type UpdateConnectionRequest } from '@uptake/shared';
import { api } from '@/lib/api-client';
import { getConnectionsQueryOptions } from './get-connections';

export function updateConnection({ connectionId, ...body }: { connectionId: number } & UpdateConnectionRequest): Promise<ConnectionDetail> {
  return api.patch(`/api/connections/${connectionId}`, body, { schema: ConnectionDetailSchema });
}

/** Changes options, priority, schedule, or pauses/resumes a connection. */
export function useUpdateConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateConnection,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getConnectionsQueryOptions().queryKey }),
  });
}
