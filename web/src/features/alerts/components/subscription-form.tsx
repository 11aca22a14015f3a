import { ALERT_RULE_DESCRIPTIONS, ALERT_RULE_KEYS, type AlertRuleKey, type AlertSubscription } from '@uptake/shared';
import { useState, type FormEvent } from 'react';
import { FormServerError } from '@/components/ui/form-server-error';
import { ApiError } from '@/lib/api-client';
import { useUpdateSubscription } from '../api/update-subscription';

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((entry) => entry !== value) : [...list, value];
}

/** The signed-in account's alert emails: on or off, which departments, which rules (none ticked: all). */
export function SubscriptionForm({ subscription, departments }: { subscription: AlertSubscription; departments: readonly string[] }) {
  const [active, setActive] = useState(subscription.active);
  const [chosenDepartments, setDepartments] = useState<string[]>(subscription.departments);
  const [rules, setRules] = useState<AlertRuleKey[]>(subscription.rules);
  const update = useUpdateSubscription();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ active, departments: chosenDepartments, rules, channel: 'email' });
  };
  const serverError =
    update.error instanceof ApiError ? update.error : update.error ? new ApiError(update.error.message, 0, 'ERROR') : null;
  return (
    <form className="form" onSubmit={submit} aria-label="Alert emails">
      <FormServerError title="Your choice was not saved" error={serverError} />
      <p>
        Emails go to <strong>{subscription.email}</strong>.{' '}
        {subscription.isDefault ? 'You have not chosen yet: admins get every alert, other roles none.' : null}
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Send me alert emails
      </label>
      <fieldset disabled={!active}>
        <legend>Departments (none ticked: every department you may see)</legend>
        {departments.length === 0 ? <p className="muted">No department is known yet.</p> : null}
        {departments.map((name) => (
          <label key={name} className="checkbox">
            <input
              type="checkbox"
              checked={chosenDepartments.includes(name)}
              onChange={() => setDepartments((list) => toggle(list, name))}
            />{' '}
            {name}
          </label>
        ))}
      </fieldset>
      <fieldset disabled={!active}>
        <legend>Rules (none ticked: every rule)</legend>
        {ALERT_RULE_KEYS.map((key) => (
          <label key={key} className="checkbox">
            <input type="checkbox" checked={rules.includes(key)} onChange={() => setRules((list) => toggle(list, key))} />{' '}
            {ALERT_RULE_DESCRIPTIONS[key].label}
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button" disabled={update.isPending}>
          Save my alert emails
        </button>
        {update.isSuccess ? (
          <span className="form-success" role="status">
            Saved.
          </span>
        ) : null}
      </div>
    </form>
  );
}
