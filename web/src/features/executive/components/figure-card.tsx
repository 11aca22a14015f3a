import type { Figure } from '@uptake/shared';
import { Explained } from '@/components/ui/explained';

/** One executive figure: its value, with how it was computed under it and on hover/focus. */
export function FigureCard({
  label,
  figure,
  format,
  testId,
  note,
  unknownBecause,
}: {
  label: string;
  figure: Figure;
  format: (value: number | null) => string;
  testId: string;
  note?: string;
  /** The figure is unknown for this reason (e.g. "no login data"), whatever the number says. */
  unknownBecause?: string;
}) {
  return (
    <article className="figure" data-testid={testId}>
      <h3 className="figure-label">{label}</h3>
      <p className="figure-value">
        <Explained title={label} how={figure.how} testId={`${testId}-value`}>
          {unknownBecause ?? format(figure.value)}
        </Explained>
      </p>
      {figure.value === null && note ? <p className="figure-how">{note}</p> : null}
      <p className="figure-how">{figure.how}</p>
    </article>
  );
}
