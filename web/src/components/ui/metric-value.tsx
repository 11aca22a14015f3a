import { METRIC_CATALOGUE, type MetricKey } from '@uptake/shared';
import type { ReactNode } from 'react';
import { formatMetric, missingReason, MISSING } from '@/utils/format';
import { Suppressed } from './suppressed';
import { Tooltip } from './tooltip';

interface MetricValueProps {
  metric: MetricKey;
  value: number | null | undefined;
  /** Seat holders of the scope, to explain a missing value. */
  seatHolders?: number | null;
  /** Text to show instead of the formatted value (e.g. an attainment). */
  display?: string;
  /** Extra lines for the tooltip, e.g. the expected value. */
  detail?: ReactNode;
  /** Print the reason for a missing value next to the dash. */
  showReason?: boolean;
  className?: string;
  testId?: string;
  /** False in dense tables whose column header explains the metric to keyboard users. */
  focusable?: boolean;
  /** The server hid the value for privacy (a small group): say so instead of a dash. */
  suppressed?: boolean;
  /** The value is unknown for this reason (e.g. "no login data"), whatever the number says. */
  unknownBecause?: string;
}

/** A metric number that explains itself: the catalogue definition on hover and on focus. */
export function MetricValue({
  metric,
  value,
  seatHolders,
  display,
  detail,
  showReason,
  className,
  testId,
  focusable,
  suppressed,
  unknownBecause,
}: MetricValueProps) {
  if (suppressed) return <Suppressed focusable={focusable} testId={testId} seatHolders={seatHolders} />;
  const definition = METRIC_CATALOGUE[metric];
  const missing = unknownBecause !== undefined || value === null || value === undefined;
  const reason = unknownBecause ?? (missing ? missingReason(metric, seatHolders) : null);
  const text = display ?? formatMetric(metric, value);
  return (
    <span className="metric-value-wrap">
      <Tooltip
        className={className ? `metric-value ${className}` : 'metric-value'}
        testId={testId}
        focusable={focusable}
        content={
          <>
            <strong className="tooltip-title">{definition.label}</strong>
            <span className="tooltip-text">{definition.definition}</span>
            {reason ? <span className="tooltip-text">No value: {reason}.</span> : null}
            {detail ? <span className="tooltip-text">{detail}</span> : null}
          </>
        }
      >
        {missing && !display ? (
          <>
            <span aria-hidden="true">{MISSING}</span>
            <span className="visually-hidden">no value ({reason})</span>
          </>
        ) : (
          text
        )}
      </Tooltip>
      {missing && showReason ? <span className="missing-reason">{reason}</span> : null}
    </span>
  );
}
