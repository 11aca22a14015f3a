import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { isIsoDay } from '@/utils/date';

/** Reads the chart range from `?from=&to=` (both optional; the API defaults to launch .. as-of day). */
export function useDateRange() {
  const [params, setParams] = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const set = (name: 'from' | 'to', value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value && isIsoDay(value)) next.set(name, value);
      else next.delete(name);
      return next;
    });
  return { from: isIsoDay(from) ? from : undefined, to: isIsoDay(to) ? to : undefined, set };
}

/** From/to inputs of the trend charts; written to the URL so a link shares the view. */
export function DateRange({ defaultFrom, defaultTo }: { defaultFrom?: string; defaultTo: string }) {
  const fromId = useId();
  const toId = useId();
  const { from, to, set } = useDateRange();
  const invalid = from && to && from > to;
  return (
    <div className="row" role="group" aria-label="Chart date range">
      <div className="field">
        <label htmlFor={fromId}>From</label>
        <input
          id={fromId}
          type="date"
          value={from ?? defaultFrom ?? ''}
          max={to ?? defaultTo}
          onChange={(event) => set('from', event.target.value)}
          aria-invalid={invalid || undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={toId}>To</label>
        <input
          id={toId}
          type="date"
          value={to ?? defaultTo}
          min={from ?? defaultFrom}
          onChange={(event) => set('to', event.target.value)}
          aria-invalid={invalid || undefined}
        />
      </div>
      {invalid ? (
        <p className="field-error" role="alert">
          The range starts after it ends.
        </p>
      ) : null}
    </div>
  );
}
