import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Provenance } from '@uptake/shared';
import { formatDay } from '@/utils/date';

export interface TrendPoint {
  /** YYYY-MM-DD */
  day: string;
  actual: number | null;
  expected: number | null;
  /** `reconstructed` days (before Uptake first observed the data they read) are drawn dashed. */
  provenance?: Provenance;
}

/** What the chart draws per day: the observed line, the reconstructed line (dashed) and the plan ramp. */
export interface TrendDatum {
  time: number;
  actual: number | null;
  reconstructed: number | null;
  expected: number | null;
}

/** A day marked on the chart with a vertical line, e.g. an intervention. */
export interface ChartMarker {
  /** YYYY-MM-DD */
  day: string;
  /** A short label drawn at the top of the line, e.g. "#3 Training". */
  label: string;
  /** What it was, read by screen readers with the chart. */
  description: string;
}

interface TrendChartProps {
  points: TrendPoint[];
  /** Formats a value for the axis and the tooltip. */
  format: (value: number) => string;
  /** Shares are drawn on a 0..100% axis. */
  isShare: boolean;
  /** Marked with a vertical line; the axis is stretched to show it. */
  targetDate?: string;
  targetLabel?: string;
  actualLabel?: string;
  expectedLabel?: string;
  /** Accessible name of the chart image; the figure around it carries the numbers as text. */
  title: string;
  height?: number;
  /** Interventions: a dotted vertical line each, labelled; days outside the chart's range are left out. */
  markers?: readonly ChartMarker[];
}

const DAY_MS = 86_400_000;
const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
const tickDay = (time: number) => {
  const date = new Date(time);
  return `${date.getUTCDate()} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][date.getUTCMonth()]}`;
};

export const ACTUAL_COLOUR = '#1d4ed8';
export const EXPECTED_COLOUR = '#b45309';
export const TARGET_COLOUR = '#7f1d1d';
export const MARKER_COLOUR = '#6d28d9';

/** Labels go on the side of the line with more room (left of it in the right half), alternating bottom and top so neighbours do not overlap. */
function markerLabelPosition(day: string, domain: [number, number], index: number) {
  const rightHalf = toTime(day) - domain[0] > (domain[1] - domain[0]) / 2;
  // Bottom first: the target date's label sits at the top.
  if (index % 2) return rightHalf ? 'insideTopRight' : 'insideTopLeft';
  return rightHalf ? 'insideBottomRight' : 'insideBottomLeft';
}
/** The dash of reconstructed days: shorter than the plan ramp's, in the colour of the actual line. */
export const RECONSTRUCTED_DASH = '2 3';

/**
 * Splits the actual values into the observed line (solid) and the reconstructed line (dashed). A
 * day next to a day of the other kind is on both lines, so that they join instead of leaving a gap.
 */
export function trendData(points: readonly TrendPoint[]): TrendDatum[] {
  const isReconstructed = (index: number) => points[index]?.provenance === 'reconstructed';
  return points.map((point, index) => {
    const reconstructed = isReconstructed(index);
    return {
      time: toTime(point.day),
      actual: reconstructed ? null : point.actual,
      reconstructed: reconstructed || isReconstructed(index - 1) || isReconstructed(index + 1) ? point.actual : null,
      expected: point.expected,
    };
  });
}

/**
 * A metric over time (solid; short dashes on reconstructed days) against the goal ramp (long
 * dashes), with the target date marked.
 */
export function TrendChart({
  points,
  format,
  isShare,
  targetDate,
  targetLabel = 'target',
  actualLabel = 'Actual',
  expectedLabel = 'Expected (plan)',
  title,
  height = 220,
  markers = [],
}: TrendChartProps) {
  const data = trendData(points);
  const anyReconstructed = points.some((point) => point.provenance === 'reconstructed');
  const first = data[0]?.time ?? Date.now();
  const last = data[data.length - 1]?.time ?? first;
  const target = targetDate ? toTime(targetDate) : null;
  const domain: [number, number] = [Math.min(first, target ?? first), Math.max(last, target ?? last, first + DAY_MS)];
  const shown = markers.filter((marker) => toTime(marker.day) >= domain[0] && toTime(marker.day) <= domain[1]);
  const label = shown.length
    ? `${title}. Interventions marked: ${shown.map((marker) => `${formatDay(marker.day)}, ${marker.description}`).join('; ')}`
    : title;
  return (
    <div className="chart-box" style={{ height }} role="img" aria-label={label} data-markers={shown.length}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis
            dataKey="time"
            type="number"
            scale="time"
            domain={domain}
            tickFormatter={tickDay}
            tick={{ fontSize: 12, fill: '#4b5563' }}
            minTickGap={24}
          />
          <YAxis
            width={48}
            domain={isShare ? [0, 1] : [0, 'auto']}
            tickFormatter={(value: number) => (isShare ? `${Math.round(value * 100)}%` : value.toFixed(1))}
            tick={{ fontSize: 12, fill: '#4b5563' }}
          />
          <Tooltip
            labelFormatter={(value) => formatDay(new Date(Number(value)).toISOString().slice(0, 10))}
            formatter={(value, name) => [
              typeof value === 'number' ? format(value) : '—',
              name === 'actual' ? actualLabel : name === 'reconstructed' ? `${actualLabel} (reconstructed)` : expectedLabel,
            ]}
          />
          {target !== null ? (
            <ReferenceLine
              x={target}
              stroke={TARGET_COLOUR}
              strokeDasharray="2 3"
              label={{ value: targetLabel, position: 'insideTopRight', fill: TARGET_COLOUR, fontSize: 12 }}
            />
          ) : null}
          {shown.map((marker, index) => (
            <ReferenceLine
              key={`${marker.day}-${index}`}
              x={toTime(marker.day)}
              stroke={MARKER_COLOUR}
              strokeDasharray="1 3"
              strokeWidth={2}
              label={{ value: marker.label, position: markerLabelPosition(marker.day, domain, index), fill: MARKER_COLOUR, fontSize: 11 }}
            />
          ))}
          <Line
            type="monotone"
            dataKey="expected"
            name="expected"
            stroke={EXPECTED_COLOUR}
            strokeWidth={2}
            strokeDasharray="6 4"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="actual"
            name="actual"
            stroke={ACTUAL_COLOUR}
            strokeWidth={2}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
          {anyReconstructed ? (
            <Line
              type="monotone"
              dataKey="reconstructed"
              name="reconstructed"
              stroke={ACTUAL_COLOUR}
              strokeWidth={2}
              strokeDasharray={RECONSTRUCTED_DASH}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          ) : null}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The legend for TrendChart, as text (colour is not the only cue: solid against dashed). */
export function TrendLegend({
  actualLabel = 'Actual',
  expectedLabel = 'Expected (plan ramp)',
  showTarget = true,
  showInterventions = false,
  showReconstructed = false,
}: {
  actualLabel?: string;
  expectedLabel?: string;
  showTarget?: boolean;
  showInterventions?: boolean;
  /** Explain the short dashes of reconstructed days (when the chart has any). */
  showReconstructed?: boolean;
}) {
  return (
    <p className="chart-legend">
      <span>
        <span className="legend-line" style={{ borderColor: ACTUAL_COLOUR }} aria-hidden="true" />
        {actualLabel} (solid)
      </span>
      <span>
        <span className="legend-line legend-dashed" style={{ borderColor: EXPECTED_COLOUR }} aria-hidden="true" />
        {expectedLabel} (dashed)
      </span>
      {showReconstructed ? (
        <span data-testid="legend-reconstructed">
          <span className="legend-line legend-dashed" style={{ borderColor: ACTUAL_COLOUR, borderTopStyle: 'dotted' }} aria-hidden="true" />
          {actualLabel}, reconstructed (short dashes): days that end before Uptake first read the CRM data, rebuilt from data seen later
        </span>
      ) : null}
      {showTarget ? (
        <span>
          <span
            className="legend-line legend-dashed"
            style={{ borderColor: TARGET_COLOUR, width: 0, height: '1rem', borderTop: 0, borderLeft: `2px dotted ${TARGET_COLOUR}` }}
            aria-hidden="true"
          />
          target date (vertical)
        </span>
      ) : null}
      {showInterventions ? (
        <span>
          <span
            className="legend-line legend-dashed"
            style={{ borderColor: MARKER_COLOUR, width: 0, height: '1rem', borderTop: 0, borderLeft: `2px dotted ${MARKER_COLOUR}` }}
            aria-hidden="true"
          />
          interventions (vertical, labelled)
        </span>
      ) : null}
    </p>
  );
}
