import { METRIC_CATALOGUE, type MetricKey } from '@uptake/shared';
import { MetricValue } from '@/components/ui/metric-value';
import { StatusBadge } from '@/components/ui/status-badge';
import { changeIsGood, formatChange, formatMetric, formatShare } from '@/utils/format';
import { attainmentStatus, metricAttainment } from '@/utils/metric-status';

export interface MetricTileProps {
  metric: MetricKey;
  value: number | null;
  expected?: number;
  weekEarlier?: number | null;
  attainment?: number;
  seatHolders: number | null;
  /** The server hid the organisation's values (a small organisation and a role without people access). */
  suppressed?: boolean;
  /** Why the value is unknown whatever the number says (e.g. "no login data"). */
  unknownBecause?: string;
}

/** One organisation metric: value, expected value on the ramp, change against a week earlier, status. */
export function MetricTile({
  metric,
  value: givenValue,
  expected,
  weekEarlier: givenWeekEarlier,
  attainment: given,
  seatHolders,
  suppressed,
  unknownBecause,
}: MetricTileProps) {
  const definition = METRIC_CATALOGUE[metric];
  const value = unknownBecause ? null : givenValue;
  const weekEarlier = unknownBecause ? null : givenWeekEarlier;
  const reached = metricAttainment(metric, value, expected, given);
  const status = attainmentStatus(reached);
  const change = formatChange(metric, value, weekEarlier);
  const good = changeIsGood(metric, value, weekEarlier);
  const headingId = `tile-${metric}`;
  return (
    <article className={`tile tile-${status ?? 'none'}`} aria-labelledby={headingId} data-testid={`tile-${metric}`}>
      <h3 id={headingId} className="tile-label">
        {definition.label}
      </h3>
      <p className="tile-value">
        <MetricValue
          metric={metric}
          value={value}
          seatHolders={seatHolders}
          showReason
          suppressed={suppressed}
          unknownBecause={unknownBecause}
          testId={`tile-value-${metric}`}
          detail={
            reached !== null ? `Attainment against the ramp: ${formatShare(reached)}.` : 'No goal for this metric in the launch plan.'
          }
        />
      </p>
      <dl className="tile-facts">
        <div>
          <dt>Expected</dt>
          <dd data-testid={`tile-expected-${metric}`}>
            {expected === undefined ? (
              <span className="muted">no goal</span>
            ) : (
              <MetricValue
                metric={metric}
                value={expected}
                detail="Expected value today on the goal ramp from launch to the target date."
              />
            )}
          </dd>
        </div>
        <div>
          <dt>vs last week</dt>
          <dd data-testid={`tile-change-${metric}`}>
            {change === null ? (
              <span className="muted">no value</span>
            ) : (
              <MetricValue
                metric={metric}
                value={value}
                display={change}
                className={good === null ? 'change-flat' : good ? 'change-good' : 'change-bad'}
                detail={`A week earlier: ${formatMetric(metric, weekEarlier)}. ${definition.direction === 'higher_is_better' ? 'Higher is better.' : 'Lower is better.'}`}
              />
            )}
          </dd>
        </div>
      </dl>
      <StatusBadge status={status} />
    </article>
  );
}
