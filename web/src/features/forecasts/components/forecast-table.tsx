import { METRIC_CATALOGUE, type Forecast } from '@uptake/shared';
import { Link } from 'react-router';
import { Section } from '@/components/ui/section';
import { Suppressed } from '@/components/ui/suppressed';
import { TableScroll } from '@/components/ui/table-scroll';
import { formatDay } from '@/utils/date';
import { formatMetric } from '@/utils/format';
import { forecastSentence } from './goal-forecast';

/** Misses first (after the target date, or not at this pace), then the unknown, then those on track; by scope within each. */
function rank(forecast: Forecast): number {
  if (forecast.suppressed) return 3;
  return forecast.onTrack === false ? 0 : forecast.onTrack === null ? 1 : 2;
}

function Verdict({ forecast }: { forecast: Forecast }) {
  if (forecast.suppressed) return <span className="badge badge-none">Hidden</span>;
  if (forecast.onTrack === true) return <span className="badge badge-green">{forecast.status === 'reached' ? 'Reached' : 'In time'}</span>;
  if (forecast.onTrack === false) return <span className="badge badge-red">Will miss</span>;
  return <span className="badge badge-none">Not enough data</span>;
}

/** Every goal of the organisation and the departments with its forecast: which goals will be missed at this pace. */
export function ForecastTable({ forecasts, how, linkSearch }: { forecasts: readonly Forecast[]; how: string; linkSearch: string }) {
  if (forecasts.length === 0) return null;
  const rows = [...forecasts].sort((a, b) => rank(a) - rank(b));
  const misses = forecasts.filter((forecast) => forecast.onTrack === false && !forecast.suppressed).length;
  return (
    <Section
      title="Will the goals be met?"
      description={
        <>
          {misses === 0
            ? 'No goal is forecast to be missed.'
            : `${misses} of ${forecasts.length} goals are forecast to be missed at this pace.`}{' '}
          <span data-testid="forecast-table-how">How: {how}</span>
        </>
      }
    >
      <TableScroll label="Forecast of every goal">
        <table data-testid="forecast-table">
          <thead>
            <tr>
              <th scope="col">Scope</th>
              <th scope="col">Metric</th>
              <th scope="col">Goal</th>
              <th scope="col">Forecast</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((forecast) => {
              const scope = forecast.department === '*' ? 'Organisation' : forecast.department;
              return (
                <tr
                  key={`${forecast.department}-${forecast.metric}`}
                  data-testid={`forecast-row-${forecast.department}-${forecast.metric}`}
                >
                  <th scope="row">
                    <Link to={`/departments/${encodeURIComponent(forecast.department)}${linkSearch}`}>{scope}</Link>
                  </th>
                  <td>{METRIC_CATALOGUE[forecast.metric].label}</td>
                  <td>
                    {formatMetric(forecast.metric, forecast.target)} by {formatDay(forecast.by)}
                  </td>
                  <td>{forecast.suppressed ? <Suppressed seatHolders={forecast.fewestSeatHolders} /> : forecastSentence(forecast)}</td>
                  <td>
                    <Verdict forecast={forecast} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </Section>
  );
}
