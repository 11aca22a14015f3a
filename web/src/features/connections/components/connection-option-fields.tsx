import type { ConnectionKind } from '@uptake/shared';
import { PRIORITY_OPTION } from '@uptake/shared';
import { Field } from '@/components/ui/field';
import { CONNECTOR_OPTIONS, isSecretOption, KIND_LABEL } from '../utils/connection-options';

export interface ExtraOption {
  name: string;
  value: string;
}

export type FieldErrors = Record<string, string>;

interface ConnectionOptionFieldsProps {
  kind: ConnectionKind;
  options: Record<string, string>;
  onOptionsChange: (update: (current: Record<string, string>) => Record<string, string>) => void;
  extra: ExtraOption[];
  onExtraChange: (update: (rows: ExtraOption[]) => ExtraOption[]) => void;
  errors: FieldErrors;
  /** Credentials already stored (editing): their fields stay empty and keep the stored value unless typed. */
  storedSecrets?: ReadonlySet<string>;
}

/** The options of a connection, as the add and edit forms show them: the connector's known options, priority, then any other. */
export function ConnectionOptionFields({
  kind,
  options,
  onOptionsChange,
  extra,
  onExtraChange,
  errors,
  storedSecrets,
}: ConnectionOptionFieldsProps) {
  const known = CONNECTOR_OPTIONS[kind];
  const hintOf = (name: string, hint: string) => (storedSecrets?.has(name) ? `${hint}. Stored; leave empty to keep it` : hint);
  return (
    <fieldset>
      <legend>{KIND_LABEL[kind]} options</legend>
      <div className="form-row">
        {known.map((option) => (
          <Field
            key={`${kind}.${option.name}`}
            label={`${option.name}${option.required ? ' (required)' : ''}`}
            hint={hintOf(option.name, option.hint)}
            error={errors[`option.${option.name}`]}
          >
            <input
              type={isSecretOption(option.name) ? 'password' : 'text'}
              autoComplete="off"
              value={options[option.name] ?? ''}
              onChange={(e) => onOptionsChange((current) => ({ ...current, [option.name]: e.target.value }))}
            />
          </Field>
        ))}
        <Field
          label={PRIORITY_OPTION}
          hint="Whole number; a person in several connections takes department and flags from the highest (default 10 for CRMs, 0 for CSV)"
          error={errors[`option.${PRIORITY_OPTION}`]}
        >
          <input
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={options[PRIORITY_OPTION] ?? ''}
            onChange={(e) => onOptionsChange((current) => ({ ...current, [PRIORITY_OPTION]: e.target.value }))}
          />
        </Field>
        {extra.map((row, index) => (
          <div className="form-row" key={index} role="group" aria-label={`Other option ${index + 1}`}>
            <Field label="Option name" error={errors[`extra.${index}`]}>
              <input
                type="text"
                value={row.name}
                onChange={(e) => onExtraChange((rows) => rows.map((r, i) => (i === index ? { ...r, name: e.target.value } : r)))}
              />
            </Field>
            <Field label="Value" hint={storedSecrets?.has(row.name) ? 'Stored; leave empty to keep it' : undefined}>
              <input
                type={isSecretOption(row.name) ? 'password' : 'text'}
                autoComplete="off"
                value={row.value}
                onChange={(e) => onExtraChange((rows) => rows.map((r, i) => (i === index ? { ...r, value: e.target.value } : r)))}
              />
            </Field>
          </div>
        ))}
      </div>
      <p>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => onExtraChange((rows) => [...rows, { name: '', value: '' }])}
        >
          Add an option
        </button>
      </p>
    </fieldset>
  );
}

/** Checks what the server would refuse anyway, field by field: required options, priority, other option names. */
export function checkOptions(
  kind: ConnectionKind,
  options: Record<string, string>,
  extra: ExtraOption[],
  storedSecrets?: ReadonlySet<string>,
): FieldErrors {
  const found: FieldErrors = {};
  for (const option of CONNECTOR_OPTIONS[kind]) {
    if (option.required && !(options[option.name] ?? '').trim() && !storedSecrets?.has(option.name))
      found[`option.${option.name}`] = `${option.name} is required for ${KIND_LABEL[kind]}.`;
  }
  const priority = (options[PRIORITY_OPTION] ?? '').trim();
  if (priority && !/^-?\d+$/.test(priority)) found[`option.${PRIORITY_OPTION}`] = 'Priority is a whole number, e.g. 10.';
  extra.forEach((row, index) => {
    if (row.value.trim() && !/^[a-z][a-z0-9_]*$/i.test(row.name.trim()))
      found[`extra.${index}`] = 'Option names are letters, digits and "_".';
  });
  return found;
}
