import { ConnectionKindSchema, PRIORITY_OPTION, type ConnectionDetail, type ConnectionKind } from '@uptake/shared';
import { useState, type FormEvent } from 'react';
import { Field } from '@/components/ui/field';
import { ApiError } from '@/lib/api-client';
import { useCreateConnection } from '../api/create-connection';
import { checkOptions, ConnectionOptionFields, type ExtraOption, type FieldErrors } from './connection-option-fields';
import { CONNECTOR_OPTIONS, KIND_LABEL } from '../utils/connection-options';
import { FormServerError } from '../../../components/ui/form-server-error';

const KINDS = ConnectionKindSchema.options;
const NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/;

/** Adds a CRM connection: name, kind, schedule and the connector's options. */
export function AddConnectionForm({ onCreated, onCancel }: { onCreated: (connection: ConnectionDetail) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ConnectionKind>('csv');
  const [schedule, setSchedule] = useState('0 * * * *');
  const [options, setOptions] = useState<Record<string, string>>({});
  const [extra, setExtra] = useState<ExtraOption[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateConnection({ onSuccess: onCreated });
  const known = CONNECTOR_OPTIONS[kind];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = checkOptions(kind, options, extra);
    if (!NAME.test(name.trim())) found.name = 'Name the connection: letters, digits, space, "_", "-" or ".", at most 64.';
    if (schedule.trim() === '') found.schedule = 'Give a cron schedule, e.g. 0 * * * * for hourly.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body: Record<string, string> = {};
    for (const option of [...known.map((o) => o.name), PRIORITY_OPTION])
      if ((options[option] ?? '').trim()) body[option] = options[option].trim();
    for (const row of extra) if (row.name.trim() && row.value.trim()) body[row.name.trim()] = row.value.trim();
    create.mutate({ name: name.trim(), kind, schedule: schedule.trim(), options: body });
  };

  const serverError =
    create.error instanceof ApiError ? create.error : create.error ? new ApiError(create.error.message, 0, 'ERROR') : null;

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Add a connection">
      <FormServerError title="The connection was not added" error={serverError} />
      <div className="form-row">
        <Field label="Name" error={errors.name}>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        </Field>
        <Field label="Kind">
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as ConnectionKind);
              setOptions({});
              setErrors({});
            }}
          >
            {KINDS.map((value) => (
              <option key={value} value={value}>
                {KIND_LABEL[value]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Schedule" hint="Cron in UTC; 0 * * * * is hourly" error={errors.schedule}>
          <input type="text" value={schedule} onChange={(e) => setSchedule(e.target.value)} />
        </Field>
      </div>
      <ConnectionOptionFields
        kind={kind}
        options={options}
        onOptionsChange={setOptions}
        extra={extra}
        onExtraChange={setExtra}
        errors={errors}
      />
      <div className="row">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add connection'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
