import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ErrorState } from '@/components/ui/states';
import { formatDuration } from '@/utils/format';
import { getConnectionsQueryOptions } from '../api/get-connections';
import { useSyncRun } from '../api/get-sync-run';
import { RunCounts } from './run-counts';

/** Live progress of one run: polled every second until it has succeeded or failed. */
export function SyncProgress({ runId, onFinished }: { runId: number; onFinished?: () => void }) {
  const queryClient = useQueryClient();
  const run = useSyncRun({ runId });
  const status = run.data?.status;
  const reported = useRef(false);

  useEffect(() => {
    if (!status || status === 'running' || reported.current) return;
    reported.current = true;
    // New data arrived: every view may change, the connection list shows the new last run.
    void queryClient.invalidateQueries({ queryKey: getConnectionsQueryOptions().queryKey });
    void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'connections' && query.queryKey[0] !== 'sync-runs' });
    onFinished?.();
  }, [status, queryClient, onFinished]);

  if (run.isError) return <ErrorState error={run.error} title={`Could not follow sync run ${runId}`} onRetry={() => void run.refetch()} />;
  const data = run.data;
  return (
    <div
      className={`sync-progress sync-progress-${data?.status ?? 'running'}`}
      role="status"
      aria-live="polite"
      data-testid={`sync-progress-${runId}`}
    >
      {!data || data.status === 'running' ? (
        <>
          <span className="spinner" aria-hidden="true" />
          <span>
            Syncing… <RunCounts counts={data?.counts ?? {}} />
            {data ? <span className="muted"> · {formatDuration(data.startedAt, null)}</span> : null}
          </span>
        </>
      ) : data.status === 'succeeded' ? (
        <span>
          <strong className="run-succeeded">Sync finished</strong> in {formatDuration(data.startedAt, data.finishedAt)}:{' '}
          <RunCounts counts={data.counts} />
        </span>
      ) : (
        <span>
          <strong className="run-failed">Sync failed</strong> after {formatDuration(data.startedAt, data.finishedAt)}:{' '}
          {data.error ?? 'no reason given'}
        </span>
      )}
    </div>
  );
}
