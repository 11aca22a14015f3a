import { WEBHOOK_FORMATS, type WebhookFormat, type WebhookView } from '@uptake/shared';
import { useState, type FormEvent } from 'react';
import { Field } from '@/components/ui/field';
import { FormServerError } from '@/components/ui/form-server-error';
import { ApiError } from '@/lib/api-client';
import { useCreateWebhook } from '../api/create-webhook';
import { useRemoveWebhook } from '../api/remove-webhook';

const FORMAT_LABEL: Record<WebhookFormat, string> = {
  slack: 'Slack incoming webhook',
  teams: 'Microsoft Teams incoming webhook',
  json: 'JSON (signed with HMAC-SHA256)',
};

function asApiError(error: Error | null): ApiError | null {
  return error instanceof ApiError ? error : error ? new ApiError(error.message, 0, 'ERROR') : null;
}

/** Webhooks that receive alerts (admins): list, add, remove. */
export function WebhookManager({ webhooks, departments }: { webhooks: WebhookView[]; departments: readonly string[] }) {
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<WebhookFormat>('slack');
  const [secret, setSecret] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useCreateWebhook({
    onSuccess: () => {
      setName('');
      setUrl('');
      setSecret('');
      setChosen([]);
    },
  });
  const remove = useRemoveWebhook();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (name.trim() === '') found.name = 'Name the webhook, e.g. sales-channel.';
    if (!/^https?:\/\//.test(url.trim())) found.url = 'Paste the incoming-webhook URL (https://...).';
    if (format === 'json' && secret !== '' && secret.length < 16) found.secret = 'A signing secret has at least 16 characters.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate({
      name: name.trim(),
      url: url.trim(),
      format,
      departments: chosen,
      ...(format === 'json' && secret !== '' ? { secret } : {}),
    });
  };
  return (
    <div className="stack">
      {webhooks.length === 0 ? (
        <p className="muted">No webhook yet.</p>
      ) : (
        <ul className="plain-list">
          {webhooks.map((webhook) => (
            <li key={webhook.id} data-testid={`webhook-${webhook.name}`}>
              <strong>{webhook.name}</strong> · {FORMAT_LABEL[webhook.format]}
              {webhook.signed ? ' · signed' : ''} · <code>{webhook.urlHint}</code> ·{' '}
              {webhook.departments.length ? webhook.departments.join(', ') : 'every department'}{' '}
              <button
                type="button"
                className="button button-secondary"
                onClick={() => remove.mutate(webhook.id)}
                disabled={remove.isPending}
                aria-label={`Remove webhook ${webhook.name}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="form" onSubmit={submit} noValidate aria-label="Add a webhook">
        <FormServerError title="The webhook was not added" error={asApiError(create.error)} />
        <div className="form-row">
          <Field label="Name" error={errors.name}>
            <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          </Field>
          <Field label="Format">
            <select value={format} onChange={(e) => setFormat(e.target.value as WebhookFormat)}>
              {WEBHOOK_FORMATS.map((value) => (
                <option key={value} value={value}>
                  {FORMAT_LABEL[value]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field label="URL" error={errors.url} hint="Stored encrypted; only its start is shown afterwards.">
          <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} autoComplete="off" />
        </Field>
        {format === 'json' ? (
          <Field
            label="Signing secret (optional)"
            error={errors.secret}
            hint="Each message then carries X-Uptake-Timestamp and X-Uptake-Signature: v1=HMAC-SHA256(secret, timestamp.body)."
          >
            <input type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="new-password" />
          </Field>
        ) : null}
        <fieldset>
          <legend>Departments (none ticked: every department)</legend>
          {departments.map((department) => (
            <label key={department} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.includes(department)}
                onChange={() =>
                  setChosen((list) => (list.includes(department) ? list.filter((d) => d !== department) : [...list, department]))
                }
              />{' '}
              {department}
            </label>
          ))}
        </fieldset>
        <p className="muted">
          A webhook is read by people without a role in Uptake: it gets no alert about a department too small to be shown to executives and
          viewers.
        </p>
        <div className="form-actions">
          <button type="submit" className="button" disabled={create.isPending}>
            Add webhook
          </button>
        </div>
      </form>
    </div>
  );
}
