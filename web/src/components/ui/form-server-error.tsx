import type { ApiError } from '../../lib/api-client';

/** The server's refusal of a form, announced to screen readers: a title, the message and its code. */
export function FormServerError({ title, error }: { title: string; error: ApiError | null }) {
  if (!error) return null;
  return (
    <div className="form-errors" role="alert">
      <p className="state-title">{title}</p>
      <p>
        {error.message} <span className="muted">({error.code})</span>
      </p>
    </div>
  );
}
