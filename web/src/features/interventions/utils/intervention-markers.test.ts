import type { Intervention } from '@uptake/shared';
import { interventionMarkers } from './intervention-markers';

function intervention(id: number, departments: string[], kind: Intervention['kind'] = 'coaching'): Intervention {
  return {
    id,
    date: `2026-02-0${id}`,
    kind,
    departments,
    description: `step ${id}`,
    who: 'Ana',
    loggedAt: '2026-02-01T00:00:00.000Z',
    loggedBy: null,
    effects: [],
  };
}

const LOG = [
  intervention(1, ['Sales'], 'training_session'),
  intervention(2, ['Support']),
  intervention(3, ['Sales', 'Support'], 'data_cleanup'),
];

describe('interventionMarkers', () => {
  it("marks a department's charts with its own interventions only", () => {
    expect(interventionMarkers(LOG, 'Sales')).toEqual([
      { day: '2026-02-01', label: '#1 Training', description: 'intervention #1, training session for Sales: step 1' },
      { day: '2026-02-03', label: '#3 Clean-up', description: 'intervention #3, data clean-up for Sales, Support: step 3' },
    ]);
  });

  it("marks the organisation's charts with every intervention", () => {
    expect(interventionMarkers(LOG, '*').map((marker) => marker.label)).toEqual(['#1 Training', '#2 Coaching', '#3 Clean-up']);
    expect(interventionMarkers(LOG).length).toBe(3);
  });
});
