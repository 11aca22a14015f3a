import {
  ALERT_RULE_DESCRIPTIONS,
  ALERT_RULE_KEYS,
  DASHBOARD_WORDING,
  diffPlans,
  LaunchPlanSchema,
  METRIC_CATALOGUE,
  METRIC_KEYS,
  type AlertRuleKey,
  type LaunchPlan,
  type MetricKey,
  ORGANISATION,
} from '@uptake/shared';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Field } from '@/components/ui/field';
import { ApiError } from '@/lib/api-client';
import { todayIso } from '@/utils/date';
import { useUpdatePlan } from '../api/update-plan';
import {
  ALERT_SETTING,
  errorsFromServer,
  targetUnit,
  toFormValues,
  validatePlanForm,
  type PlanFormErrors,
  type PlanFormValues,
} from '../utils/plan-form';

const FIELD_ID_PREFIX = 'plan-field-';
const fieldId = (key: string) => `${FIELD_ID_PREFIX}${key.replace(/\./g, '-')}`;

const LEAF_LABEL: Record<string, string> = {
  department: 'department',
  metric: 'metric',
  target: 'target',
  by: 'target date',
  baseline: 'baseline',
  name: 'name',
  seats: 'seats',
  cost: 'licence cost',
};

const FIELD_LABEL = (key: string, values: PlanFormValues): string => {
  const [head, index, rawLeaf] = key.split('.');
  const leaf = LEAF_LABEL[rawLeaf] ?? rawLeaf;
  if (head === 'goals') {
    const goal = values.goals[Number(index)];
    const name = goal?.metric
      ? `${DASHBOARD_WORDING.department(goal.department || '?')} / ${METRIC_CATALOGUE[goal.metric].label}`
      : `#${Number(index) + 1}`;
    return `Goal ${name}: ${leaf}`;
  }
  if (head === 'departments') return `Department ${values.departments[Number(index)]?.name || `#${Number(index) + 1}`}: ${leaf}`;
  if (head === 'alerts') return `Alert rule ${ALERT_RULE_DESCRIPTIONS[index as AlertRuleKey]?.label ?? index}`;
  if (head === 'weights') return `Weight of ${METRIC_CATALOGUE[index as MetricKey]?.label ?? index}`;
  return (
    {
      launchDate: 'Launch date',
      changedBy: 'Changed by',
      comment: 'Comment',
      effectiveFrom: 'In force from',
      timezone: 'Time zone',
      currency: 'Currency',
      form: 'Plan',
    }[head] ?? key
  );
};

/** Edits the launch plan (departments, goals, weights) and stores it as a new version with who and why. */
export function PlanForm({
  current,
  changedBy,
  onDone,
}: {
  current: LaunchPlan | null;
  changedBy: string;
  onDone: (savedVersion: number | null) => void;
}) {
  const [values, setValues] = useState<PlanFormValues>(() => ({ ...toFormValues(current, todayIso()), changedBy }));
  const [errors, setErrors] = useState<PlanFormErrors>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const mutation = useUpdatePlan({ onSuccess: (version) => onDone(version.version) });

  const preview = useMemo(() => {
    const { plan } = validatePlanForm({ ...values, changedBy: 'preview' }, current);
    if (!plan) return null;
    return diffPlans(current, LaunchPlanSchema.parse(plan), DASHBOARD_WORDING);
  }, [values, current]);

  const update = (patch: Partial<PlanFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const updateDepartment = (index: number, patch: Partial<PlanFormValues['departments'][number]>) =>
    setValues((v) => ({ ...v, departments: v.departments.map((d, i) => (i === index ? { ...d, ...patch } : d)) }));
  const updateGoal = (index: number, patch: Partial<PlanFormValues['goals'][number]>) =>
    setValues((v) => ({ ...v, goals: v.goals.map((g, i) => (i === index ? { ...g, ...patch } : g)) }));

  const showErrors = (next: PlanFormErrors) => {
    setErrors(next);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { plan, errors: found } = validatePlanForm(values, current);
    if (!plan) return showErrors(found);
    setErrors({});
    mutation.mutate(
      {
        plan,
        changedBy: values.changedBy.trim(),
        ...(values.comment.trim() ? { comment: values.comment.trim() } : {}),
        ...(values.effectiveFrom.trim() ? { effectiveFrom: values.effectiveFrom.trim() } : {}),
      },
      {
        onError: (error) => {
          const fromServer = error instanceof ApiError ? errorsFromServer(error.details) : {};
          showErrors(Object.keys(fromServer).length > 0 ? fromServer : { form: error.message });
        },
      },
    );
  };

  const departmentNames = values.departments.map((d) => d.name.trim()).filter(Boolean);
  const errorKeys = Object.keys(errors);

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Edit the launch plan">
      {errorKeys.length > 0 ? (
        <div className="form-errors" role="alert" tabIndex={-1} ref={summaryRef} data-testid="plan-form-errors">
          <p className="state-title">
            The plan was not saved: {errorKeys.length} {errorKeys.length === 1 ? 'problem' : 'problems'}
          </p>
          <ul>
            {errorKeys.map((key) => (
              <li key={key}>
                {key === 'form' ? (
                  errors[key]
                ) : (
                  <a href={`#${fieldId(key)}`}>
                    {FIELD_LABEL(key, values)}: {errors[key]}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="form-row">
        <Field label="Launch date" error={errors.launchDate} id={fieldId('launchDate')}>
          <input type="date" value={values.launchDate} onChange={(e) => update({ launchDate: e.target.value })} />
        </Field>
        <Field label="Time zone" hint="IANA name, e.g. Europe/Berlin" error={errors.timezone} id={fieldId('timezone')}>
          <input type="text" value={values.timezone} onChange={(e) => update({ timezone: e.target.value })} />
        </Field>
        <Field label="Currency" hint="ISO code, e.g. EUR" error={errors.currency} id={fieldId('currency')}>
          <input type="text" value={values.currency} maxLength={3} onChange={(e) => update({ currency: e.target.value.toUpperCase() })} />
        </Field>
      </div>

      <fieldset>
        <legend>Departments</legend>
        <div className="stack">
          {values.departments.map((department, index) => (
            <div className="form-row" key={index} role="group" aria-label={`Department ${index + 1}`}>
              <Field label="Name" error={errors[`departments.${index}.name`]} id={fieldId(`departments.${index}.name`)}>
                <input type="text" value={department.name} onChange={(e) => updateDepartment(index, { name: e.target.value })} />
              </Field>
              <Field label="Seats" error={errors[`departments.${index}.seats`]} id={fieldId(`departments.${index}.seats`)}>
                <input
                  type="text"
                  inputMode="numeric"
                  value={department.seats}
                  onChange={(e) => updateDepartment(index, { seats: e.target.value })}
                />
              </Field>
              <Field
                label={`Licence cost per seat and month (${values.currency || 'currency'})`}
                error={errors[`departments.${index}.cost`]}
                id={fieldId(`departments.${index}.cost`)}
              >
                <input
                  type="text"
                  inputMode="decimal"
                  value={department.cost}
                  onChange={(e) => updateDepartment(index, { cost: e.target.value })}
                />
              </Field>
              <RemoveRowButton
                label={`Remove ${department.name || `department ${index + 1}`}`}
                onRemove={() => update({ departments: values.departments.filter((_, i) => i !== index) })}
              />
            </div>
          ))}
          <div>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => update({ departments: [...values.departments, { name: '', seats: '0', cost: '0' }] })}
            >
              Add a department
            </button>
          </div>
        </div>
      </fieldset>

      <fieldset>
        <legend>Goals</legend>
        <p className="field-hint">
          Shares (active users, completeness, stale opportunities, training) are entered as percentages; logins per user as a number.
        </p>
        <div className="stack">
          {values.goals.map((goal, index) => (
            <div className="form-row" key={index} role="group" aria-label={`Goal ${index + 1}`}>
              <Field label="Department" error={errors[`goals.${index}.department`]} id={fieldId(`goals.${index}.department`)}>
                <select value={goal.department} onChange={(e) => updateGoal(index, { department: e.target.value })}>
                  <option value="">Choose…</option>
                  <option value="*">All departments (*)</option>
                  {departmentNames.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                  {goal.department && goal.department !== ORGANISATION && !departmentNames.includes(goal.department) ? (
                    <option value={goal.department}>{goal.department} (not in departments)</option>
                  ) : null}
                </select>
              </Field>
              <Field label="Metric" error={errors[`goals.${index}.metric`]} id={fieldId(`goals.${index}.metric`)}>
                <select value={goal.metric} onChange={(e) => updateGoal(index, { metric: e.target.value as MetricKey | '' })}>
                  <option value="">Choose…</option>
                  {METRIC_KEYS.map((metric) => (
                    <option key={metric} value={metric}>
                      {METRIC_CATALOGUE[metric].label}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                label={`Target${goal.metric ? ` (${targetUnit(goal.metric)})` : ''}`}
                error={errors[`goals.${index}.target`]}
                id={fieldId(`goals.${index}.target`)}
              >
                <input
                  type="text"
                  inputMode="decimal"
                  value={goal.target}
                  onChange={(e) => updateGoal(index, { target: e.target.value })}
                />
              </Field>
              <Field label="Target date" error={errors[`goals.${index}.by`]} id={fieldId(`goals.${index}.by`)}>
                <input type="date" value={goal.by} onChange={(e) => updateGoal(index, { by: e.target.value })} />
              </Field>
              <Field
                label="Baseline (optional)"
                hint="Empty: measured at launch"
                error={errors[`goals.${index}.baseline`]}
                id={fieldId(`goals.${index}.baseline`)}
              >
                <input
                  type="text"
                  inputMode="decimal"
                  value={goal.baseline}
                  onChange={(e) => updateGoal(index, { baseline: e.target.value })}
                />
              </Field>
              <RemoveRowButton
                label={`Remove goal ${index + 1}`}
                onRemove={() => update({ goals: values.goals.filter((_, i) => i !== index) })}
              />
            </div>
          ))}
          <div>
            <button
              type="button"
              className="button button-secondary"
              onClick={() =>
                update({ goals: [...values.goals, { department: ORGANISATION, metric: '', target: '', by: '', baseline: '' }] })
              }
            >
              Add a goal
            </button>
          </div>
        </div>
      </fieldset>

      <fieldset>
        <legend>Weights in health</legend>
        <p className="field-hint">Empty means 1.</p>
        <div className="form-row">
          {METRIC_KEYS.map((metric) => (
            <Field
              key={metric}
              label={METRIC_CATALOGUE[metric].label}
              error={errors[`weights.${metric}`]}
              id={fieldId(`weights.${metric}`)}
            >
              <input
                type="text"
                inputMode="decimal"
                value={values.weights[metric]}
                onChange={(e) => setValues((v) => ({ ...v, weights: { ...v.weights, [metric]: e.target.value } }))}
              />
            </Field>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>Alert rules</legend>
        <p className="field-hint">
          Alerts open when a rule holds and are sent to subscribers and webhooks once (see the Alerts page). The plan file keeps them in its{' '}
          <code>alerts:</code> section.
        </p>
        <div className="form-row">
          {ALERT_RULE_KEYS.map((rule) => (
            <div key={rule}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={values.alerts[rule].enabled}
                  onChange={(e) =>
                    setValues((v) => ({ ...v, alerts: { ...v.alerts, [rule]: { ...v.alerts[rule], enabled: e.target.checked } } }))
                  }
                />{' '}
                {ALERT_RULE_DESCRIPTIONS[rule].label}
              </label>
              <Field
                label={`${ALERT_SETTING[rule].label} (${ALERT_SETTING[rule].unit})`}
                error={errors[`alerts.${rule}`]}
                id={fieldId(`alerts.${rule}`)}
              >
                <input
                  type="text"
                  inputMode="decimal"
                  value={values.alerts[rule].value}
                  disabled={!values.alerts[rule].enabled}
                  onChange={(e) =>
                    setValues((v) => ({ ...v, alerts: { ...v.alerts, [rule]: { ...v.alerts[rule], value: e.target.value } } }))
                  }
                />
              </Field>
            </div>
          ))}
        </div>
      </fieldset>

      <div className="form-row">
        <Field label="Comment (optional)" hint="Why the plan changes" error={errors.comment} id={fieldId('comment')}>
          <input type="text" value={values.comment} onChange={(e) => update({ comment: e.target.value })} />
        </Field>
        <Field
          label="In force from (optional)"
          hint="The first day the new version counts, not before the launch date; empty: today. Earlier days keep the version in force then."
          error={errors.effectiveFrom}
          id={fieldId('effectiveFrom')}
        >
          <input type="date" value={values.effectiveFrom} onChange={(e) => update({ effectiveFrom: e.target.value })} />
        </Field>
      </div>

      <p className="field-hint" id={fieldId('changedBy')}>
        The new version is kept in the history as changed by <strong>{values.changedBy || 'nobody (sign in again)'}</strong>.
        {errors.changedBy ? <span className="field-error"> {errors.changedBy}</span> : null}
      </p>

      <div className="card" aria-live="polite" data-testid="plan-preview">
        <h3>What will change</h3>
        {preview === null ? (
          <p className="muted">Fix the form to see the changes.</p>
        ) : preview.length === 0 ? (
          <p className="muted">Nothing yet.</p>
        ) : (
          <ul>
            {preview.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
        )}
      </div>

      <div className="row">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Save as a new version'}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The button that removes one row of a list (a department, a goal), lined up with the row's fields. */
function RemoveRowButton({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <div className="field">
      <span aria-hidden="true">&nbsp;</span>
      <button type="button" className="button button-danger" onClick={onRemove}>
        {label}
      </button>
    </div>
  );
}
