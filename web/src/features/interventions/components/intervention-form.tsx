import { INTERVENTION_KIND_LABELS, INTERVENTION_KINDS, type InterventionKind } from '@uptake/shared';
import { useState, type FormEvent } from 'react';
import { Field } from '@/components/ui/field';
import { FormServerError } from '@/components/ui/form-server-error';
import { ApiError } from '@/lib/api-client';
import { todayIso } from '@/utils/date';
import { useCreateIntervention } from '../api/create-intervention';

interface InterventionFormProps {
  /** Departments the signed-in account may log for (all known ones for an admin, those assigned for a trainer). */
  departments: readonly string[];
}

/** Logs what was done: the day, the kind, the departments, a description and who ran it. */
export function InterventionForm({ departments }: InterventionFormProps) {
  const [date, setDate] = useState(todayIso());
  const [kind, setKind] = useState<InterventionKind>('training_session');
  const [chosen, setChosen] = useState<string[]>([]);
  const [description, setDescription] = useState('');
  const [who, setWho] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [logged, setLogged] = useState<string | null>(null);
  const create = useCreateIntervention({
    onSuccess: (intervention) => {
      setLogged(`Intervention #${intervention.id} logged.`);
      setDescription('');
      setWho('');
      setChosen([]);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!date) problems.date = 'Give the day it happened.';
    if (chosen.length === 0) problems.departments = 'Pick at least one department.';
    if (!description.trim()) problems.description = 'Say what was done.';
    setErrors(problems);
    setLogged(null);
    if (Object.keys(problems).length > 0) return;
    create.mutate({ date, kind, departments: chosen, description: description.trim(), ...(who.trim() ? { who: who.trim() } : {}) });
  };

  const toggle = (name: string, checked: boolean) => setChosen(checked ? [...chosen, name] : chosen.filter((other) => other !== name));
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Log an intervention">
      <FormServerError title="The intervention was not logged" error={create.error instanceof ApiError ? create.error : null} />
      <div className="form-row">
        <Field label="Day" error={errors.date}>
          <input type="date" value={date} max={todayIso()} onChange={(event) => setDate(event.target.value)} />
        </Field>
        <Field label="Kind">
          <select value={kind} onChange={(event) => setKind(event.target.value as InterventionKind)}>
            {INTERVENTION_KINDS.map((value) => (
              <option key={value} value={value}>
                {INTERVENTION_KIND_LABELS[value]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Who ran it" hint="Default: you">
          <input type="text" value={who} onChange={(event) => setWho(event.target.value)} />
        </Field>
      </div>
      <fieldset className="department-picker" aria-invalid={errors.departments ? true : undefined}>
        <legend>Departments</legend>
        {departments.length === 0 ? <span className="muted">No department you may log for.</span> : null}
        {departments.map((name) => (
          <label key={name} className="checkbox">
            <input type="checkbox" checked={chosen.includes(name)} onChange={(event) => toggle(name, event.target.checked)} />
            {name}
          </label>
        ))}
        {errors.departments ? <span className="field-error">{errors.departments}</span> : null}
      </fieldset>
      <Field label="What was done" error={errors.description}>
        <textarea rows={3} value={description} onChange={(event) => setDescription(event.target.value)} />
      </Field>
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? 'Logging…' : 'Log intervention'}
      </button>
      {logged ? (
        <p role="status" className="muted">
          {logged}
        </p>
      ) : null}
    </form>
  );
}
