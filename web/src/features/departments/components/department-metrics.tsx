import { METRIC_CATALOGUE, METRIC_KEYS, type OrganisationMetrics } from '@uptake/shared';
import { MetricValue } from '@/components/ui/metric-value';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatMetric, formatShare } from '@/utils/format';
import { attainmentStatus, metricAttainment } from '@/utils/metric-status';
import { TableScroll } from '@/components/ui/table-scroll';

/** The department's six metrics on the as-of day: value, expected, attainment and status. */
export function DepartmentMetrics({ scope }: { scope: OrganisationMetrics }) {
  return (
    <TableScroll label="Metrics on the day">
      <table>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col" className="num">
              Expected
            </th>
            <th scope="col" className="num">
              Attainment
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {METRIC_KEYS.map((metric) => {
            const value = scope.metrics[metric];
            const expected = scope.expected[metric];
            const reached = metricAttainment(metric, value, expected, scope.attainment?.[metric]);
            return (
              <tr key={metric} data-testid={`dept-metric-${metric}`}>
                <th scope="row">{METRIC_CATALOGUE[metric].label}</th>
                <td className="num">
                  <MetricValue
                    metric={metric}
                    value={value}
                    seatHolders={scope.seatHolders}
                    showReason
                    suppressed={scope.suppressed}
                    testId={`dept-value-${metric}`}
                  />
                </td>
                <td className="num">
                  {expected === undefined ? (
                    <span className="muted">no goal</span>
                  ) : (
                    <MetricValue metric={metric} value={expected} detail="Expected on the goal ramp on this day." />
                  )}
                </td>
                <td className="num">
                  {reached === null ? (
                    <span className="muted">—</span>
                  ) : (
                    <MetricValue
                      metric={metric}
                      value={value}
                      display={formatShare(reached)}
                      detail={`Attainment: ${formatMetric(metric, value)} against ${formatMetric(metric, expected)} expected, clamped to 0–100%.`}
                    />
                  )}
                </td>
                <td>
                  <StatusBadge status={attainmentStatus(reached)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
