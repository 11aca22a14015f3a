import type { ConnectionDetail } from '@uptake/shared';
import { useId, useState } from 'react';
import { Field } from '@/components/ui/field';
import { FormServerError } from '@/components/ui/form-server-error';
import { ApiError } from '@/lib/api-client';
import { useRemoveConnection } from '../api/remove-connection';

/**
 * Asks before removing a connection and says what happens to its data: kept and marked deleted
 * (the default), or with "delete for good" purged once its name is typed. A connection already
 * removed can only be purged.
 */
export function RemoveConnectionDialog({ connection, onClose }: { connection: ConnectionDetail; onClose: () => void }) {
  const titleId = useId();
  const alreadyRemoved = connection.removedAt !== null;
  const [purge, setPurge] = useState(alreadyRemoved);
  const [typed, setTyped] = useState('');
  const remove = useRemoveConnection({ onSuccess: onClose });
  const confirmed = !purge || typed.trim() === connection.name;
  const serverError =
    remove.error instanceof ApiError ? remove.error : remove.error ? new ApiError(remove.error.message, 0, 'ERROR') : null;

  return (
    <div className="card remove-connection" role="alertdialog" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {alreadyRemoved ? `Delete the data of "${connection.name}" for good?` : `Remove connection "${connection.name}"?`}
      </h3>
      <FormServerError title="The connection was not removed" error={serverError} />
      {alreadyRemoved ? null : (
        <p>
          It stops syncing. Its data stays in Uptake, marked deleted as of now: its people no longer count as seat holders and its
          opportunities and records leave the metrics. Daily snapshots already stored keep their values. The name stays taken until the data
          is deleted.
        </p>
      )}
      {alreadyRemoved ? null : (
        <label className="checkbox">
          <input type="checkbox" checked={purge} onChange={(e) => setPurge(e.target.checked)} /> Also delete all its data for good
        </label>
      )}
      {purge ? (
        <>
          <p className="sync-error">
            Deletes the connection with all its users, logins, opportunities, records, training and run history. This cannot be undone; days
            recomputed later will not know this data.
          </p>
          <Field label={`Type the connection's name, ${connection.name}, to confirm`}>
            <input type="text" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
          </Field>
        </>
      ) : null}
      <div className="row">
        <button
          type="button"
          className="button button-danger"
          disabled={!confirmed || remove.isPending}
          onClick={() => remove.mutate({ connectionId: connection.id, purge, confirm: purge ? typed.trim() : undefined })}
        >
          {remove.isPending ? 'Removing…' : purge ? 'Delete for good' : 'Remove connection'}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
