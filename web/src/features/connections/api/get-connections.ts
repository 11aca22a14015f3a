import { queryOptions, useQuery } from '@tanstack/react-query';
import { ConnectionDetailSchema, type ConnectionDetail } from '@uptake/shared';
import { z } from 'zod';
import { api } from '@/lib/api-client';

const ConnectionListSchema = z.array(ConnectionDetailSchema);

export function getConnections({ signal }: { signal?: AbortSignal } = {}): Promise<ConnectionDetail[]> {
  return api.get('/api/connections', { schema: ConnectionListSchema, signal });
}

export function getConnectionsQueryOptions() {
  return queryOptions({ queryKey: ['connections'], queryFn: ({ signal }) => getConnections({ signal }) });
}

export function useConnections() {
  return useQuery(getConnectionsQueryOptions());
}
