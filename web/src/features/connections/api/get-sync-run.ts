import { queryOptions, useQuery } from '@tanstack/react-query';
import { SyncRunSchema, type SyncRun } from '@uptake/shared';
import { env } from '@/config/env';
import { api } from '@/lib/api-client';

export function getSyncRun({ runId, signal }: { runId: number; signal?: AbortSignal }): Promise<SyncRun> {
  return api.get(`/api/sync-runs/${runId}`, { schema: SyncRunSchema, signal });
}

export function getSyncRunQueryOptions({ runId }: { runId: number }) {
  return queryOptions({
    queryKey: ['sync-runs', runId],
    queryFn: ({ signal }) => getSyncRun({ runId, signal }),
    // Live progress: ask again every SYNC_POLL_MS (1 s by default) until the run has ended.
    refetchInterval: (query) => (query.state.data?.status === 'running' || query.state.data === undefined ? env.SYNC_POLL_MS : false),
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
}

export function useSyncRun({ runId }: { runId: number }) {
  return useQuery(getSyncRunQueryOptions({ runId }));
}
