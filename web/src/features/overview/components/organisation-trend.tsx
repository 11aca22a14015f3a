import { goalFor, METRIC_CATALOGUE, METRIC_KEYS, type MetricKey } from '@uptake/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { TrendChart, TrendLegend } from '@/components/charts/trend-chart';
import { Field } from '@/components/ui/field';
import { MetricValue } from '@/components/ui/metric-value';
import { QueryView } from '@/components/ui/query-view';
import { Section } from '@/components/ui/section';
import { EmptyState } from '@/components/ui/states';
import { useDepartmentSeries } from '@/features/departments/api/get-department-series';
import { seriesRange } from '@/features/departments/utils/series-range';
import { useForecasts } from '@/features/forecasts/api/get-forecasts';
import { ForecastTable } from '@/features/forecasts/components/forecast-table';
import { GoalForecast } from '@/features/forecasts/components/goal-forecast';
import { usePlan } from '@/features/goals/api/get-plan';
import { useInterventionMarkers } from '@/features/interventions/utils/intervention-markers';
import { formatDay, todayIso } from '@/utils/date';
import { formatMetric } from '@/utils/format';

const ORGANISATION = '*';

/**
 * The organisation's trend since launch against the plan ramp, one metric with a goal at a time
 * (a switch), with its forecast and the interventions marked.
 */
export function OrganisationTrend({ asOf, linkSearch = '' }: { asOf?: string; linkSearch?: string }) {
  const plan = usePlan();
  const current = plan.data?.current?.plan;
  const goalMetrics = current ? METRIC_KEYS.filter((metric) => goalFor(current, ORGANISATION, metric)) : [];
  const [chosen, setChosen] = useState<MetricKey | null>(null);
  const metric = chosen && goalMetrics.includes(chosen) ? chosen : (goalMetrics[0] ?? null);
  const days = seriesRange({ launch: current?.launch_date, today: todayIso(), asOf });
  const series = useDepartmentSeries({ department: ORGANISATION, from: days.from, to: days.to, enabled: metric !== null });
  const forecasts = useForecasts({ asOf });
  const markers = useInterventionMarkers(ORGANISATION);

  if (plan.isPending) return null;
  if (!current || metric === null) {
    return (
      <Section title="Trend since launch">
        <EmptyState title="No organisation goal yet">
          The trend against the plan appears here once the launch plan has goals: see <Link to="/goals">Goals</Link>.
        </EmptyState>
      </Section>
    );
  }
  const goal = goalFor(current, ORGANISATION, metric)!;
  const table = forecasts.data ? (
    <ForecastTable forecasts={forecasts.data.forecasts} how={forecasts.data.how} linkSearch={linkSearch} />
  ) : null;
  const definition = METRIC_CATALOGUE[metric];
  const forecast = forecasts.data?.forecasts.find((entry) => entry.department === ORGANISATION && entry.metric === metric);
  return (
    <>
      <Section
        title="Trend since launch"
        description="The organisation's daily value against the plan ramp, for each metric with a goal; interventions are marked."
        actions={
          <Field label="Metric" className="inline-field">
            <select value={metric} onChange={(event) => setChosen(event.target.value as MetricKey)} data-testid="org-trend-metric">
              {goalMetrics.map((key) => (
                <option key={key} value={key}>
                  {METRIC_CATALOGUE[key].label}
                </option>
              ))}
            </select>
          </Field>
        }
      >
        <QueryView query={series} loadingLabel="Loading the trend…" errorTitle="Could not load the trend">
          {(data) => {
            const points = data.points.map((point) => ({
              day: point.day,
              actual: point.metrics[metric],
              expected: point.expected[metric] ?? null,
            }));
            const latest = [...data.points].reverse().find((point) => point.metrics[metric] !== null);
            return (
              <figure className="chart-card" style={{ margin: 0 }} data-testid="org-trend">
                <figcaption className="chart-summary">
                  {latest ? (
                    <>
                      {definition.label} on {formatDay(latest.day)}: <MetricValue metric={metric} value={latest.metrics[metric]} />
                      {latest.expected[metric] !== undefined ? (
                        <>
                          {' '}
                          against <MetricValue metric={metric} value={latest.expected[metric]} detail="Expected on the plan ramp." />{' '}
                          expected
                        </>
                      ) : null}
                    </>
                  ) : (
                    'No value yet.'
                  )}{' '}
                  · goal {formatMetric(metric, goal.target)} by {formatDay(goal.by)}
                </figcaption>
                {forecast && forecasts.data ? <GoalForecast forecast={forecast} how={forecasts.data.how} /> : null}
                <TrendLegend showInterventions={markers.length > 0} />
                <TrendChart
                  points={points}
                  isShare={definition.unit === 'share'}
                  format={(value) => formatMetric(metric, value)}
                  targetDate={goal.by}
                  targetLabel={`target ${formatMetric(metric, goal.target)}`}
                  markers={markers}
                  title={`Organisation ${definition.label.toLowerCase()} per day since launch against the plan, goal ${formatMetric(metric, goal.target)} by ${formatDay(goal.by)}`}
                  height={260}
                />
                {forecasts.data ? (
                  <p className="muted" data-testid="forecast-how">
                    How the forecast is computed: {forecasts.data.how}
                  </p>
                ) : null}
              </figure>
            );
          }}
        </QueryView>
      </Section>
      {table}
    </>
  );
}
