import type { DataCoverage } from '@uptake/shared';
import { Link, useLocation } from 'react-router';
import { AS_OF_PARAM } from '@/hooks/use-as-of';
import { dataEndsLongBefore, hasLoginData } from '@/utils/data-coverage';
import { formatDay } from '@/utils/date';

/** Says when the data cannot answer the day's question: no login data at all, or data that ends long before the day. */
export function DataCoverageNotice({ coverage, asOf, loginFigures }: { coverage: DataCoverage; asOf: string; loginFigures: string }) {
  const location = useLocation();
  const endsOn = dataEndsLongBefore(coverage, asOf);
  const search = new URLSearchParams(location.search);
  if (endsOn) search.set(AS_OF_PARAM, endsOn);
  return (
    <>
      {!hasLoginData(coverage) ? (
        <div className="notice notice-warning" role="note" data-testid="notice-no-logins">
          <strong>No login data.</strong> The CRM data holds no counted login, so {loginFigures} are unknown, not zero. Connect a source of
          logins (the CRM’s login history, or <code>logins.csv</code> in an import) to measure them.
        </div>
      ) : null}
      {endsOn ? (
        <div className="notice notice-warning" role="note" data-testid="notice-data-ends">
          <strong>The data ends on {formatDay(endsOn)}</strong>, {formatDay(asOf)} is later: nobody logs in and nothing is touched after the
          data ends, so the day reads as inactive and stale.{' '}
          <Link to={{ pathname: location.pathname, search: `?${search.toString()}` }}>Show {formatDay(endsOn)}</Link>
        </div>
      ) : null}
    </>
  );
}
