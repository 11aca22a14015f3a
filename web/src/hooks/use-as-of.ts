import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { isIsoDay, todayIso } from '@/utils/date';

export const AS_OF_PARAM = 'asOf';

/**
 * The day every page shows, kept in the URL (`?asOf=YYYY-MM-DD`) so a link shares the view.
 * Without the parameter the pages show today and the API is asked for its own today; so they do
 * for a day after today (`futureDay`), which has no data yet.
 */
export function useAsOf() {
  const [params, setParams] = useSearchParams();
  const raw = params.get(AS_OF_PARAM);
  // A day after today (typed into the URL) has no data yet: today is shown, and the page says so.
  const futureDay = isIsoDay(raw) && raw > todayIso() ? raw : undefined;
  const asOf = isIsoDay(raw) && !futureDay ? raw : undefined;
  const setAsOf = useCallback(
    (day: string | undefined) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (day && isIsoDay(day) && day !== todayIso()) next.set(AS_OF_PARAM, day);
          else next.delete(AS_OF_PARAM);
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );
  return { asOf, shownDay: asOf ?? todayIso(), setAsOf, futureDay };
}

/** The search string that keeps the as-of day when following a link. */
export function useAsOfSearch(): string {
  const { asOf } = useAsOf();
  return asOf ? `?${AS_OF_PARAM}=${asOf}` : '';
}
