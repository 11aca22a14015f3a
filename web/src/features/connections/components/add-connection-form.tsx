import { ConnectionKindSchema, type ConnectionDetail, type ConnectionKind } from '@uptake/shared';
import { useState, type FormEvent } from 'react';
import { Field } from '@/components/ui/field';
import { ApiError } from '@/lib/api-client';
import { useCreateConnection } from '../api/create-connection';
import { CONNECTOR_OPTIONS, isSecretOption } from './connection-options';
import { FormServerError } from '../../../components/ui/form-server-error';

const KINDS = ConnectionKindSchema.options;
const KIND_LABEL: Record<ConnectionKind, string> = { demo: 'Demo CRM', csv: 'CSV folder', salesforce: 'Salesforce', hubspot: 'HubSpot', dataverse: 'Dynamics 365 (Dataverse)' };
const NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/;

type Errors = Record<string, string>;

/** Adds a CRM connection: name, kind, schedule and the connector's options. */
export function AddConnectionForm({ onCreated, onCancel }: { onCreated: (connection: ConnectionDetail) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ConnectionKind>('csv');
  const [schedule, setSchedule] = useState('0 * * * *');
  const [options, setOptions] = useState<Record<string, string>>({});
  const [extra, setExtra] = useState<Array<{ name: string; value: string }>>([]);
  const [errors, setErrors] = useState<Errors>({});
  const create = useCreateConnection({ onSuccess: onCreated });
  const known = CONNECTOR_OPTIONS[kind];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (!NAME.test(name.trim())) found.name = 'Name the connection: letters, digits, space, "_", "-" or ".", at most 64.';
    if (schedule.trim() === '') found.schedule = 'Give a cron schedule, e.g. 0 * * * * for hourly.';
    for (const option of known) {
      if (option.required && !(options[option.name] ?? '').trim()) found[`option.${option.name}`] = `${option.name} is required for ${KIND_LABEL[kind]}.`;
    }
    extra.forEach((row, index) => {
      if (row.value.trim() && !/^[a-z][a-z0-9_]*$/i.test(row.name.trim())) found[`extra.${index}`] = 'Option names are letters, digits and "_".';
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body: Record<string, string> = {};
    for (const option of known) if ((options[option.name] ?? '').trim()) body[option.name] = options[option.name].trim();
    for (const row of extra) if (row.name.trim() && row.value.trim()) body[row.name.trim()] = row.value.trim();
    create.mutate({ name: name.trim(), kind, schedule: schedule.trim(), options: body });
  };

  const serverError = create.error instanceof ApiError ? create.error : create.error ? new ApiError(create.error.message, 0, 'ERROR') : null;

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
      <fieldset>
        <legend>{KIND_LABEL[kind]} options</legend>
        <div className="form-row">
          {known.map((option) => (
            <Field key={`${kind}.${option.name}`} label={`${option.name}${option.required ? ' (required)' : ''}`} hint={option.hint} error={errors[`option.${option.name}`]}>
              <input
                type={isSecretOption(option.name) ? 'password' : 'text'}
                autoComplete="off"
                value={options[option.name] ?? ''}
                onChange={(e) => setOptions((current) => ({ ...current, [option.name]: e.target.value }))}
              />
            </Field>
          ))}
          {extra.map((row, index) => (
            <div className="form-row" key={index} role="group" aria-label={`Other option ${index + 1}`}>
              <Field label="Option name" error={errors[`extra.${index}`]}>
                <input type="text" value={row.name} onChange={(e) => setExtra((rows) => rows.map((r, i) => (i === index ? { ...r, name: e.target.value } : r)))} />
              </Field>
              <Field label="Value">
                <input
                  type={isSecretOption(row.name) ? 'password' : 'text'}
                  autoComplete="off"
                  value={row.value}
                  onChange={(e) => setExtra((rows) => rows.map((r, i) => (i === index ? { ...r, value: e.target.value } : r)))}
                />
              </Field>
            </div>
          ))}
        </div>
        <p>
          <button type="button" className="button button-secondary button-small" onClick={() => setExtra((rows) => [...rows, { name: '', value: '' }])}>
            Add an option
          </button>
        </p>
      </fieldset>
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
