import { METRIC_CATALOGUE, type Forecast } from '@uptake/shared';
import { Explained } from '@/components/ui/explained';
import { Suppressed } from '@/components/ui/suppressed';
import { formatDay } from '@/utils/date';
import { formatMetric } from '@/utils/format';

/** One sentence: when the goal's target is reached at the pace of the last 8 weeks, and whether that is in time. */
export function forecastSentence(forecast: Forecast): string {
  const target = formatMetric(forecast.metric, forecast.target);
  const due = formatDay(forecast.by);
  switch (forecast.status) {
    case 'reached':
      return `Target ${target} reached.`;
    case 'projected':
      return `At this pace ${target} is reached around ${formatDay(forecast.projectedDate)}, ${
        forecast.onTrack ? `before the target date (${due})` : `after the target date (${due})`
      }.`;
    case 'not_at_this_pace':
      return `Not at this pace: ${target} by ${due} is not reached (${
        METRIC_CATALOGUE[forecast.metric].direction === 'lower_is_better' ? 'the value is not coming down' : 'the value is not going up'
      }).`;
    case 'not_enough_data':
      return `Not enough data for a forecast yet (${forecast.points} daily values of the 14 needed).`;
  }
}

/** The forecast of one goal with how it is computed on hover or focus. */
export function GoalForecast({ forecast, how }: { forecast: Forecast; how: string }) {
  const tone = forecast.onTrack === true ? 'forecast-good' : forecast.onTrack === false ? 'forecast-bad' : 'muted';
  return (
    <p className={`forecast ${tone}`} data-testid={`forecast-${forecast.department}-${forecast.metric}`}>
      <Explained title="Forecast" how={how}>
        Forecast
      </Explained>
      : {forecast.suppressed ? <Suppressed seatHolders={forecast.fewestSeatHolders} /> : forecastSentence(forecast)}
    </p>
  );
}
