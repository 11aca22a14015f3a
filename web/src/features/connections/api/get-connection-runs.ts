import { queryOptions, useQuery } from '@tanstack/react-query';
import { SyncRunSchema, type SyncRun } from '@uptake/shared';
import { z } from 'zod';
import { api } from '@/lib/api-client';

const RunListSchema = z.array(SyncRunSchema);

export function getConnectionRuns({
  connectionId,
  limit,
  signal,
}: {
  connectionId: number;
  limit?: number;
  signal?: AbortSignal;
}): Promise<SyncRun[]> {
  return api.get(`/api/connections/${connectionId}/runs`, { params: { limit }, schema: RunListSchema, signal });
}

export function getConnectionRunsQueryOptions({ connectionId, limit = 20 }: { connectionId: number; limit?: number }) {
  return queryOptions({
    queryKey: ['connections', connectionId, 'runs', { limit }],
    queryFn: ({ signal }) => getConnectionRuns({ connectionId, limit, signal }),
  });
}

export function useConnectionRuns({ connectionId, limit, enabled = true }: { connectionId: number; limit?: number; enabled?: boolean }) {
  return useQuery({ ...getConnectionRunsQueryOptions({ connectionId, limit }), enabled });
}
