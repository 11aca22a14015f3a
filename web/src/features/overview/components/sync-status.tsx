import type { Connection } from '@uptake/shared';
import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/states';
import { formatInstant } from '@/utils/format';

const RUN_LABEL = { running: 'Running', succeeded: 'Succeeded', failed: 'Failed' } as const;

/** Last run, next run and errors of every connection, linking to the Connections page. */
export function SyncStatus({ connections, linkToConnections }: { connections: Connection[]; linkToConnections: boolean }) {
  if (connections.length === 0) {
    return (
      <EmptyState title="No CRM connection yet">
        {linkToConnections ? (
          <>
            <Link to="/connections">Add a connection</Link> to start syncing usage data.
          </>
        ) : (
          'An admin adds a connection to start syncing usage data.'
        )}
      </EmptyState>
    );
  }
  return (
    <ul className="sync-list">
      {connections.map((connection) => {
        const run = connection.lastRun;
        return (
          <li key={connection.id} className="sync-item" data-testid={`sync-${connection.name}`}>
            <div className="sync-name">
              {linkToConnections ? <Link to={`/connections#connection-${connection.id}`}>{connection.name}</Link> : connection.name}{' '}
              <span className="muted">({connection.kind})</span>
              {!connection.enabled ? <span className="badge badge-none">paused</span> : null}
            </div>
            <dl className="sync-facts">
              <div>
                <dt>Last run</dt>
                <dd>
                  {run ? (
                    <>
                      <span className={`run-status run-${run.status}`}>{RUN_LABEL[run.status]}</span>{' '}
                      {formatInstant(run.finishedAt ?? run.startedAt)}
                    </>
                  ) : (
                    'never'
                  )}
                </dd>
              </div>
              <div>
                <dt>Next run</dt>
                <dd>{connection.nextRunAt ? formatInstant(connection.nextRunAt) : connection.enabled ? 'not scheduled' : 'paused'}</dd>
              </div>
            </dl>
            {run?.error ? (
              <p className="sync-error" role="note">
                <span className="visually-hidden">Error: </span>
                {run.error}
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
