import { INTERVENTION_KIND_LABELS, type Intervention, type InterventionKind } from '@uptake/shared';
import type { ChartMarker } from '@/components/charts/trend-chart';
import { useInterventions } from '../api/get-interventions';

const SHORT_KIND: Readonly<Record<InterventionKind, string>> = {
  training_session: 'Training',
  coaching: 'Coaching',
  communication: 'Comms',
  process_change: 'Process',
  data_cleanup: 'Clean-up',
};

/** The interventions of a department (all of them for the organisation, "*", or no department) as chart markers. */
export function interventionMarkers(interventions: readonly Intervention[], department?: string): ChartMarker[] {
  return interventions
    .filter((entry) => department === undefined || department === '*' || entry.departments.includes(department))
    .map((entry) => ({
      day: entry.date,
      label: `#${entry.id} ${SHORT_KIND[entry.kind]}`,
      description: `intervention #${entry.id}, ${INTERVENTION_KIND_LABELS[entry.kind].toLowerCase()} for ${entry.departments.join(', ')}: ${entry.description}`,
    }));
}

/** Markers for the trend charts of a department (or the organisation); none while loading or when the log cannot be read. */
export function useInterventionMarkers(department?: string): ChartMarker[] {
  const query = useInterventions();
  return query.data ? interventionMarkers(query.data.interventions, department) : [];
}
