import { METRIC_CATALOGUE, METRIC_KEYS, type Forecast, type MetricKey, type MetricSeriesResponse } from '@uptake/shared';
import { TrendChart, TrendLegend, type ChartMarker } from '@/components/charts/trend-chart';
import { MetricValue } from '@/components/ui/metric-value';
import { Suppressed } from '@/components/ui/suppressed';
import { EmptyState } from '@/components/ui/states';
import { GoalForecast } from '@/features/forecasts/components/goal-forecast';
import { formatDay } from '@/utils/date';
import { formatMetric } from '@/utils/format';

export interface GoalMark {
  target: number;
  /** Target date, YYYY-MM-DD. */
  by: string;
}

interface MetricTrendsProps {
  series: MetricSeriesResponse;
  goals: Partial<Record<MetricKey, GoalMark>>;
  /** The forecast of each metric's goal, with how it is computed. */
  forecasts?: { how: string; byMetric: Partial<Record<MetricKey, Forecast>> };
  /** Interventions marked on every chart. */
  markers?: readonly ChartMarker[];
}

function MetricTrend({
  metric,
  series,
  goal,
  forecast,
  how,
  markers,
}: {
  metric: MetricKey;
  series: MetricSeriesResponse;
  goal?: GoalMark;
  forecast?: Forecast;
  how?: string;
  markers?: readonly ChartMarker[];
}) {
  const definition = METRIC_CATALOGUE[metric];
  const points = series.points.map((point) => ({
    day: point.day,
    actual: point.metrics[metric],
    expected: point.expected[metric] ?? null,
    provenance: point.provenance,
  }));
  const latest = [...series.points].reverse().find((point) => point.metrics[metric] !== null) ?? series.points[series.points.length - 1];
  const headingId = `trend-${metric}`;
  return (
    <figure className="card chart-card" aria-labelledby={headingId} data-testid={`trend-${metric}`} style={{ margin: 0 }}>
      <h3 id={headingId}>{definition.label}</h3>
      <figcaption className="chart-summary">
        {latest ? (
          <>
            {formatDay(latest.day)}: <MetricValue metric={metric} value={latest.metrics[metric]} seatHolders={latest.seatHolders} />
            {latest.expected[metric] !== undefined ? (
              <>
                {' '}
                against <MetricValue metric={metric} value={latest.expected[metric]} detail="Expected on that day on the goal ramp." />{' '}
                expected
              </>
            ) : null}
            {goal ? (
              <>
                {' '}
                · goal <MetricValue
                  metric={metric}
                  value={goal.target}
                  detail={`Target of the launch plan, due ${formatDay(goal.by)}.`}
                />{' '}
                by {formatDay(goal.by)}
              </>
            ) : (
              ' · no goal in the plan'
            )}
          </>
        ) : (
          'No snapshot in this range.'
        )}
      </figcaption>
      {forecast && how ? <GoalForecast forecast={forecast} how={how} /> : null}
      <TrendChart
        points={points}
        isShare={definition.unit === 'share'}
        format={(value) => formatMetric(metric, value)}
        targetDate={goal?.by}
        targetLabel={goal ? `target ${formatMetric(metric, goal.target)}` : undefined}
        markers={markers}
        title={`${definition.label} per day from ${formatDay(series.from)} to ${formatDay(series.to)}${goal ? `, goal ${formatMetric(metric, goal.target)} by ${formatDay(goal.by)}` : ''}`}
      />
    </figure>
  );
}

/** One trend chart per metric over the chosen range, with the goal ramp and the target date. */
export function MetricTrends({ series, goals, forecasts, markers }: MetricTrendsProps) {
  if (series.points.length === 0) {
    return (
      <EmptyState title="No daily snapshots in this range">
        Snapshots are taken every day after a sync; pick a range from {formatDay(series.from)} on, or run a sync.
      </EmptyState>
    );
  }
  const hiddenDays = series.points.filter((point) => point.suppressed).length;
  const reconstructedDays = series.points.filter((point) => point.provenance === 'reconstructed').length;
  return (
    <>
      {hiddenDays > 0 ? (
        <p className="muted" data-testid="trend-hidden-days">
          {hiddenDays} of {series.points.length} days are <Suppressed />: the department was smaller than the privacy threshold on those
          days, or its figures would have revealed a smaller group.
        </p>
      ) : null}
      {reconstructedDays > 0 ? (
        <p className="muted" data-testid="trend-reconstructed-days">
          {reconstructedDays} of {series.points.length} days are reconstructed (drawn with short dashes): they end before Uptake first read
          the CRM data they use, so their values are rebuilt from data seen later.
        </p>
      ) : null}
      <TrendLegend showReconstructed={reconstructedDays > 0} showInterventions={(markers?.length ?? 0) > 0} />

      {forecasts && Object.keys(forecasts.byMetric).length > 0 ? (
        <p className="muted" data-testid="forecast-how">
          How the forecast is computed: {forecasts.how}
        </p>
      ) : null}
      <div className="charts">
        {METRIC_KEYS.map((metric) => (
          <MetricTrend
            key={metric}
            metric={metric}
            series={series}
            goal={goals[metric]}
            forecast={forecasts?.byMetric[metric]}
            how={forecasts?.how}
            markers={markers}
          />
        ))}
      </div>
    </>
  );
}
