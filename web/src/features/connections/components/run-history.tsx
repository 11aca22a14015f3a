import { EmptyState } from '@/components/ui/states';
import { QueryView } from '@/components/ui/query-view';
import { formatDuration, formatInstant } from '@/utils/format';
import { useConnectionRuns } from '../api/get-connection-runs';
import { RunCounts } from './run-counts';
import { TableScroll } from '@/components/ui/table-scroll';

const STATUS = { running: 'Running', succeeded: 'Succeeded', failed: 'Failed' } as const;

/** The latest runs of one connection with their counts and errors. */
export function RunHistory({ connectionId }: { connectionId: number }) {
  const runs = useConnectionRuns({ connectionId, limit: 20 });
  return (
    <QueryView
      query={runs}
      loadingLabel="Loading the run history…"
      isEmpty={(data) => data.length === 0}
      empty={<EmptyState title="No run yet" />}
    >
      {(data) => (
        <TableScroll label="Run history">
          <table data-testid={`runs-${connectionId}`}>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Trigger</th>
                <th scope="col">Status</th>
                <th scope="col">Took</th>
                <th scope="col">Counts</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {data.map((run) => (
                <tr key={run.id} data-testid={`run-${run.id}`}>
                  <td>{formatInstant(run.startedAt)}</td>
                  <td>{run.trigger}</td>
                  <td>
                    <span className={`run-status run-${run.status}`}>{STATUS[run.status]}</span>
                  </td>
                  <td>{run.status === 'running' ? '…' : formatDuration(run.startedAt, run.finishedAt)}</td>
                  <td>
                    <RunCounts counts={run.counts} />
                  </td>
                  <td className="sync-error">{run.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </QueryView>
  );
}
