import { PRIORITY_OPTION, type ConnectionDetail } from '@uptake/shared';
import { useMemo, useState, type FormEvent } from 'react';
import { Field } from '@/components/ui/field';
import { FormServerError } from '@/components/ui/form-server-error';
import { ApiError } from '@/lib/api-client';
import { useUpdateConnection } from '../api/update-connection';
import { checkOptions, ConnectionOptionFields, type ExtraOption, type FieldErrors } from './connection-option-fields';
import { CONNECTOR_OPTIONS, isSecretOption } from '../utils/connection-options';
import { scheduleInWords } from '../utils/schedule-in-words';

/** What the form starts from: the stored options (credentials only as "set"), split into the connector's known ones and the others. */
function initialState(connection: ConnectionDetail) {
  const knownNames = new Set(CONNECTOR_OPTIONS[connection.kind].map((option) => option.name));
  const options: Record<string, string> = { [PRIORITY_OPTION]: String(connection.priority) };
  const extra: ExtraOption[] = [];
  const storedSecrets = new Set<string>();
  for (const [name, value] of Object.entries(connection.options)) {
    const secret = isSecretOption(name);
    if (secret && value === 'set') storedSecrets.add(name);
    const shown = secret ? '' : value;
    if (knownNames.has(name)) options[name] = shown;
    else extra.push({ name, value: shown });
  }
  return { options, extra, storedSecrets };
}

/**
 * Changes a connection with the add form's fields: schedule, options and priority. Only what changed
 * is sent; a credential left empty keeps its stored value, an emptied option is removed.
 */
export function EditConnectionForm({
  connection,
  onSaved,
  onCancel,
}: {
  connection: ConnectionDetail;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const initial = useMemo(() => initialState(connection), [connection]);
  const [schedule, setSchedule] = useState(connection.schedule);
  const [options, setOptions] = useState(initial.options);
  const [extra, setExtra] = useState(initial.extra);
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = useUpdateConnection();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkOptions(connection.kind, options, extra, initial.storedSecrets);
    if (schedule.trim() === '') found.schedule = 'Give a cron schedule, e.g. 0 * * * * for hourly.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const before = new Map<string, string>([
      ...Object.entries(initial.options),
      ...initial.extra.map((row): [string, string] => [row.name, row.value]),
    ]);
    const changed: Record<string, string> = {};
    const rows: Array<[string, string]> = [
      ...Object.entries(options),
      ...extra.map((row): [string, string] => [row.name.trim(), row.value]),
    ];
    for (const [name, raw] of rows) {
      const value = raw.trim();
      if (!name) continue;
      if (initial.storedSecrets.has(name) && value === '') continue; // left empty: the stored credential stays
      if (value !== (before.get(name) ?? '')) changed[name] = value;
    }
    const body = {
      ...(Object.keys(changed).length > 0 ? { options: changed } : {}),
      ...(schedule.trim() !== connection.schedule ? { schedule: schedule.trim() } : {}),
    };
    if (Object.keys(body).length === 0) {
      onCancel();
      return;
    }
    update.mutate({ connectionId: connection.id, ...body }, { onSuccess: onSaved });
  };

  const serverError =
    update.error instanceof ApiError ? update.error : update.error ? new ApiError(update.error.message, 0, 'ERROR') : null;

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={`Edit connection ${connection.name}`}>
      <FormServerError title="The connection was not changed" error={serverError} />
      <div className="form-row">
        <Field label="Schedule" hint={`Cron in UTC: ${scheduleInWords(schedule.trim() || connection.schedule)}`} error={errors.schedule}>
          <input type="text" value={schedule} onChange={(e) => setSchedule(e.target.value)} />
        </Field>
      </div>
      <ConnectionOptionFields
        kind={connection.kind}
        options={options}
        onOptionsChange={setOptions}
        extra={extra}
        onExtraChange={setExtra}
        errors={errors}
        storedSecrets={initial.storedSecrets}
      />
      <div className="row">
        <button type="submit" className="button" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
