import { useId } from 'react';
import { useAsOf } from '@/hooks/use-as-of';
import { isIsoDay, todayIso } from '@/utils/date';

/** The global "as of" day in the header; it writes `?asOf=` so every page and link follows it. */
export function AsOfPicker() {
  const id = useId();
  const hintId = useId();
  const { asOf, shownDay, setAsOf } = useAsOf();
  return (
    <div className="as-of-picker">
      <label htmlFor={id}>As of</label>
      <input
        id={id}
        type="date"
        value={shownDay}
        max={todayIso()}
        aria-describedby={hintId}
        onChange={(event) => {
          const value = event.target.value;
          if (value === '') setAsOf(undefined);
          else if (isIsoDay(value)) setAsOf(value);
        }}
      />
      <span id={hintId} className="visually-hidden">
        Every number on the page is computed for this day.
      </span>
      {asOf ? (
        <button type="button" className="button button-small" onClick={() => setAsOf(undefined)}>
          Today
        </button>
      ) : null}
    </div>
  );
}
