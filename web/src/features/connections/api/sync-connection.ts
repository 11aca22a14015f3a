import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SyncStartedResponseSchema, type SyncRun } from '@uptake/shared';
import { api } from '@/lib/api-client';
import { getConnectionsQueryOptions } from './get-connections';
import { getSyncRunQueryOptions } from './get-sync-run';

export async function syncConnection({ connectionId }: { connectionId: number }): Promise<SyncRun> {
  const { run } = await api.post(`/api/connections/${connectionId}/sync`, undefined, { schema: SyncStartedResponseSchema });
  return run;
}

/** Starts a sync now (202 with the run); the run is then polled by useSyncRun. */
export function useSyncConnection({ onStarted }: { onStarted?: (run: SyncRun) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: syncConnection,
    onSuccess: (run) => {
      queryClient.setQueryData(getSyncRunQueryOptions({ runId: run.id }).queryKey, run);
      // The list (last run) and every run history start with the connections key.
      void queryClient.invalidateQueries({ queryKey: getConnectionsQueryOptions().queryKey });
      onStarted?.(run);
    },
  });
}
