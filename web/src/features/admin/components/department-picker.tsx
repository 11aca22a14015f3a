import { useAssignableDepartments } from '../api/get-assignable-departments';

interface DepartmentPickerProps {
  /** Names the group, e.g. "Departments" or "Departments of ann@example.com". */
  label: string;
  value: readonly string[];
  onChange: (departments: string[]) => void;
  error?: string;
}

/**
 * A multi-select of known departments (the plan's and those with seat holders). An assigned name
 * no department matches (e.g. a misspelling) stays listed, checked and marked, so it can be removed.
 */
export function DepartmentPicker({ label, value, onChange, error }: DepartmentPickerProps) {
  const known = useAssignableDepartments();
  const names = known.data ?? [];
  const unknown = value.filter((name) => !names.includes(name));
  const toggle = (name: string, checked: boolean) => onChange(checked ? [...value, name] : value.filter((other) => other !== name));
  return (
    <fieldset className="department-picker" aria-invalid={error ? true : undefined}>
      <legend>{label}</legend>
      {known.isPending ? <span className="muted">Loading departments…</span> : null}
      {known.isError ? <span className="field-error">Could not load the departments: {known.error.message}</span> : null}
      {known.isSuccess && names.length === 0 ? (
        <span className="muted">No department is known yet: apply a launch plan or sync the CRM first.</span>
      ) : null}
      {[...names, ...unknown].map((name) => (
        <label key={name} className="checkbox">
          <input type="checkbox" checked={value.includes(name)} onChange={(event) => toggle(name, event.target.checked)} />
          {name}
          {known.isSuccess && unknown.includes(name) ? <span className="field-error"> (no such department)</span> : null}
        </label>
      ))}
      {error ? <span className="field-error">{error}</span> : null}
    </fieldset>
  );
}
