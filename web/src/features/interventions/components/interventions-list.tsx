import {
  INTERVENTION_KIND_LABELS,
  METRIC_CATALOGUE,
  METRIC_KEYS,
  type Intervention,
  type InterventionEffectView,
  type MetricKey,
} from '@uptake/shared';
import { useState } from 'react';
import { Field } from '@/components/ui/field';
import { EmptyState } from '@/components/ui/states';
import { TableScroll } from '@/components/ui/table-scroll';
import { formatDay } from '@/utils/date';
import { formatMetric } from '@/utils/format';
import { useRemoveIntervention } from '../api/remove-intervention';

/** The effect as a signed change in the metric's unit, and whether it went the good way. */
function formatEffect(effect: InterventionEffectView): { text: string; good: boolean | null } {
  if (effect.effect === null) return { text: '—', good: null };
  const magnitude = formatMetric(effect.metric, Math.abs(effect.effect));
  const sign = effect.effect > 0 ? '+' : effect.effect < 0 ? '−' : '±';
  const higher = METRIC_CATALOGUE[effect.metric].direction === 'higher_is_better';
  return { text: `${sign}${magnitude}`, good: effect.effect === 0 ? null : effect.effect > 0 === higher };
}

interface InterventionsListProps {
  interventions: readonly Intervention[];
  /** Whether the signed-in account may remove this one (admins: all; trainers: those of their departments). */
  canRemove: (intervention: Intervention) => boolean;
}

/** Every intervention with its estimated effect on the chosen metric. */
export function InterventionsList({ interventions, canRemove }: InterventionsListProps) {
  const [metric, setMetric] = useState<MetricKey>('active_users');
  const remove = useRemoveIntervention();
  if (interventions.length === 0) {
    return <EmptyState title="No intervention logged yet">Log a training session, a coaching round or a clean-up above.</EmptyState>;
  }
  return (
    <>
      <Field label="Effect on">
        <select value={metric} onChange={(event) => setMetric(event.target.value as MetricKey)} data-testid="effect-metric">
          {METRIC_KEYS.map((key) => (
            <option key={key} value={key}>
              {METRIC_CATALOGUE[key].label}
            </option>
          ))}
        </select>
      </Field>
      <TableScroll label="Interventions and their estimated effect">
        <table data-testid="interventions">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Day</th>
              <th scope="col">Kind</th>
              <th scope="col">Departments</th>
              <th scope="col">What was done</th>
              <th scope="col">Effect on {METRIC_CATALOGUE[metric].label.toLowerCase()}</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {interventions.map((intervention) => {
              const effect = intervention.effects.find((entry) => entry.metric === metric);
              const shown = effect ? formatEffect(effect) : null;
              return (
                <tr key={intervention.id} data-testid={`intervention-${intervention.id}`}>
                  <td>{intervention.id}</td>
                  <td>{formatDay(intervention.date)}</td>
                  <td>{INTERVENTION_KIND_LABELS[intervention.kind]}</td>
                  <td>{intervention.departments.join(', ')}</td>
                  <td>
                    {intervention.description}
                    <br />
                    <span className="muted">by {intervention.who}</span>
                  </td>
                  <td data-testid={`effect-${intervention.id}`}>
                    {effect && shown ? (
                      <>
                        <strong className={shown.good === null ? undefined : shown.good ? 'forecast-good' : 'forecast-bad'}>
                          {shown.text}
                        </strong>
                        {effect.status === 'estimated' && effect.treated.before !== null && effect.treated.after !== null ? (
                          <span className="muted">
                            {' '}
                            (theirs {formatMetric(metric, effect.treated.before)} → {formatMetric(metric, effect.treated.after)}; others{' '}
                            {formatMetric(metric, effect.comparison.before)} → {formatMetric(metric, effect.comparison.after)})
                          </span>
                        ) : null}
                        <br />
                        <span className="muted">{effect.note}</span>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {canRemove(intervention) ? (
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={remove.isPending}
                        onClick={() => {
                          if (window.confirm(`Remove intervention #${intervention.id} from the log?`)) remove.mutate(intervention.id);
                        }}
                      >
                        Remove<span className="visually-hidden"> intervention #{intervention.id}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
