import type { ConnectionDetail } from '@uptake/shared';
import { useCallback, useId, useState } from 'react';
import { formatInstant } from '@/utils/format';
import { useSyncConnection } from '../api/sync-connection';
import { useTestConnection } from '../api/test-connection';
import { useUpdateConnection } from '../api/update-connection';
import { EditConnectionForm } from './edit-connection-form';
import { RemoveConnectionDialog } from './remove-connection-dialog';
import { RunCounts } from './run-counts';
import { scheduleInWords } from '../utils/schedule-in-words';
import { RunHistory } from './run-history';
import { SyncProgress } from './sync-progress';

const STATUS = { running: 'Running', succeeded: 'Succeeded', failed: 'Failed' } as const;

type Tone = 'green' | 'red' | 'none';

/** The badge of a connection: removed, paused, failing (its last run failed) or scheduled. */
export function connectionState(connection: ConnectionDetail): { label: string; tone: Tone } {
  if (connection.removedAt !== null) return { label: 'Removed', tone: 'none' };
  if (!connection.enabled) return { label: 'Paused', tone: 'none' };
  if (connection.lastRun?.status === 'failed') return { label: 'Last sync failed', tone: 'red' };
  return { label: 'Scheduled', tone: 'green' };
}

/** One connection: schedule, options, last run, and the actions sync now, test, edit, pause, remove and history. */
export function ConnectionCard({ connection }: { connection: ConnectionDetail }) {
  const historyId = useId();
  const [startedRunId, setStartedRunId] = useState<number | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const sync = useSyncConnection({ onStarted: (run) => setStartedRunId(run.id) });
  const test = useTestConnection();
  const update = useUpdateConnection();
  const runningRunId = startedRunId ?? (connection.lastRun?.status === 'running' ? connection.lastRun.id : null);
  const [finished, setFinished] = useState<number | null>(null);
  const onFinished = useCallback(() => setFinished(runningRunId), [runningRunId]);
  const isRunning = runningRunId !== null && finished !== runningRunId;
  const options = Object.entries(connection.options);
  const run = connection.lastRun;
  const state = connectionState(connection);
  const removed = connection.removedAt !== null;

  return (
    <article className="card connection-card" aria-labelledby={`connection-${connection.id}`} data-testid={`connection-${connection.name}`}>
      <div className="card-header">
        <h2 id={`connection-${connection.id}`}>
          {connection.name} <span className="muted">({connection.kind})</span>
        </h2>
        <span className={`badge badge-${state.tone}`}>{state.label}</span>
      </div>

      <dl className="facts">
        <div>
          <dt>Schedule</dt>
          <dd>
            {scheduleInWords(connection.schedule)} <code>{connection.schedule}</code>
          </dd>
        </div>
        <div>
          <dt>Next run</dt>
          <dd>
            {removed
              ? 'removed'
              : connection.enabled
                ? connection.nextRunAt
                  ? formatInstant(connection.nextRunAt)
                  : 'not scheduled'
                : 'paused'}
          </dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd>{connection.priority}</dd>
        </div>
        <div>
          <dt>Last run</dt>
          <dd>
            {run ? (
              <>
                <span className={`run-status run-${run.status}`}>{STATUS[run.status]}</span>{' '}
                {formatInstant(run.finishedAt ?? run.startedAt)}
              </>
            ) : (
              'never'
            )}
          </dd>
        </div>
        <div>
          <dt>Last counts</dt>
          <dd>{run ? <RunCounts counts={run.counts} /> : '—'}</dd>
        </div>
      </dl>
      {run?.error ? <p className="sync-error">Last error: {run.error}</p> : null}
      {removed ? (
        <p className="muted">
          Removed on {formatInstant(connection.removedAt!)}: it no longer syncs, and its data is kept, marked deleted, so the metrics no
          longer count it.
        </p>
      ) : null}

      {options.length > 0 ? (
        <dl className="connection-options" aria-label="Options">
          {options.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}

      {runningRunId !== null ? <SyncProgress key={runningRunId} runId={runningRunId} onFinished={onFinished} /> : null}
      {sync.isError ? (
        <p className="sync-error" role="alert">
          Sync did not start: {sync.error.message}
        </p>
      ) : null}
      {test.isSuccess ? (
        <p className={`test-result ${test.data.ok ? 'run-succeeded' : 'run-failed'}`} role="status">
          {test.data.ok
            ? `Connection works${test.data.summary ? `: ${test.data.summary}` : '.'}`
            : `Connection test failed: ${test.data.error ?? 'no reason given'}`}
        </p>
      ) : null}
      {test.isError ? (
        <p className="sync-error" role="alert">
          Connection test failed: {test.error.message}
        </p>
      ) : null}
      {update.isError ? (
        <p className="sync-error" role="alert">
          {update.error.message}
        </p>
      ) : null}

      {editing ? <EditConnectionForm connection={connection} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} /> : null}
      {removing ? <RemoveConnectionDialog connection={connection} onClose={() => setRemoving(false)} /> : null}

      <div className="row">
        {removed ? null : (
          <>
            <button
              type="button"
              className="button"
              disabled={isRunning || sync.isPending}
              onClick={() => sync.mutate({ connectionId: connection.id })}
            >
              {isRunning ? 'Syncing…' : 'Sync now'}
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={test.isPending}
              onClick={() => test.mutate({ connectionId: connection.id })}
            >
              {test.isPending ? 'Testing…' : 'Test connection'}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setEditing((open) => !open)} aria-expanded={editing}>
              Edit
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={update.isPending}
              onClick={() => update.mutate({ connectionId: connection.id, enabled: !connection.enabled })}
            >
              {connection.enabled ? 'Pause' : 'Resume'}
            </button>
          </>
        )}
        <button
          type="button"
          className="button button-secondary"
          aria-expanded={showHistory}
          aria-controls={historyId}
          onClick={() => setShowHistory((open) => !open)}
        >
          {showHistory ? 'Hide run history' : 'Run history'}
        </button>
        <button type="button" className="button button-danger" onClick={() => setRemoving(true)} disabled={removing}>
          {removed ? 'Delete data…' : 'Remove…'}
        </button>
      </div>
      <div id={historyId} hidden={!showHistory}>
        {showHistory ? <RunHistory connectionId={connection.id} /> : null}
      </div>
    </article>
  );
}
