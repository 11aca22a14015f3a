import type { InterventionsResponse } from '@uptake/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { overview, salesEmea } from '@/testing/fixtures';
import { json, mockSignedInApi } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

const EFFECT_WINDOWS = { before: { from: '2026-01-01', to: '2026-01-28' }, after: { from: '2026-01-29', to: '2026-02-25' } };

function answer(): InterventionsResponse {
  return {
    asOf: '2026-03-01',
    minGroupSize: 5,
    how: 'The change of the mean from the 28 days before to the 28 days from it, minus the same change elsewhere.',
    interventions: [
      {
        id: 7,
        date: '2026-01-29',
        kind: 'training_session',
        departments: ['Sales EMEA'],
        description: 'Pipeline hygiene workshop',
        who: 'Ana Owner',
        loggedAt: '2026-01-29T10:00:00.000Z',
        loggedBy: null,
        effects: [
          {
            metric: 'active_users',
            status: 'estimated',
            ...EFFECT_WINDOWS,
            // Theirs 40% -> 60% (+20 points), the others 38% -> 45% (+7): +13 points.
            treated: { people: 40, before: 0.4, after: 0.6, change: 0.2 },
            comparison: { people: 80, before: 0.38, after: 0.45, change: 0.07 },
            effect: 0.13,
            note: 'Over 40 people with the intervention and 80 without.',
          },
          {
            metric: 'stale_opportunities',
            status: 'too_few_people',
            ...EFFECT_WINDOWS,
            treated: { people: 3, before: null, after: null, change: null },
            comparison: { people: 80, before: null, after: null, change: null },
            effect: null,
            note: 'Too few people to say anything: 3 with the intervention and 80 without, fewer than 5 in a group on some day.',
          },
        ],
      },
    ],
  };
}

const report = json({
  asOf: '2026-03-01',
  provenance: 'observed',
  departments: [salesEmea, { ...salesEmea, department: 'Support' }],
  organisation: overview().organisation,
});

describe('Interventions page', () => {
  it('lists each intervention with its estimated effect and says how it is estimated', async () => {
    mockSignedInApi({ 'GET /api/interventions': json(answer()), 'GET /api/departments': report }, 'viewer');
    renderApp('/interventions');
    const row = await screen.findByTestId('intervention-7');
    expect(row).toHaveTextContent('Training session');
    expect(row).toHaveTextContent('Pipeline hygiene workshop');
    expect(screen.getByTestId('effect-7')).toHaveTextContent('+13.0%');
    expect(screen.getByTestId('effect-7')).toHaveTextContent('Over 40 people with the intervention and 80 without.');
    expect(screen.getByTestId('effect-how')).toHaveTextContent('minus the same change elsewhere');
    // A viewer may read, not log or remove.
    expect(screen.queryByRole('form', { name: 'Log an intervention' })).not.toBeInTheDocument();
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();

    fireEvent.change(screen.getByTestId('effect-metric'), { target: { value: 'stale_opportunities' } });
    expect(screen.getByTestId('effect-7')).toHaveTextContent('Too few people to say anything');
  });

  it('lets a trainer log one for the departments assigned and reads the list again', async () => {
    let logged = false;
    const api = mockSignedInApi(
      {
        'GET /api/interventions': () => json(logged ? answer() : { ...answer(), interventions: [] }),
        'GET /api/departments': report,
        'POST /api/interventions': (request) => {
          logged = true;
          return json({ ...answer().interventions[0], ...(request.body as object), effects: [] }, 201);
        },
      },
      'trainer',
    );
    renderApp('/interventions');
    const form = await screen.findByRole('form', { name: 'Log an intervention' });
    // The trainer of the fixture is assigned Sales EMEA only.
    await within(form).findByRole('checkbox', { name: 'Sales EMEA' });
    expect(within(form).queryByRole('checkbox', { name: 'Support' })).not.toBeInTheDocument();

    fireEvent.click(within(form).getByRole('button', { name: 'Log intervention' }));
    expect(await within(form).findByText('Pick at least one department.')).toBeInTheDocument();
    expect(within(form).getByText('Say what was done.')).toBeInTheDocument();

    fireEvent.change(within(form).getByLabelText('Day'), { target: { value: '2026-01-29' } });
    fireEvent.change(within(form).getByLabelText('Kind'), { target: { value: 'coaching' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Sales EMEA' }));
    fireEvent.change(within(form).getByLabelText('What was done'), { target: { value: 'Coaching of new reps' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Log intervention' }));

    expect(await screen.findByText('Intervention #7 logged.')).toBeInTheDocument();
    const posted = api.requests.find((request) => request.method === 'POST');
    expect(posted?.body).toEqual({
      date: '2026-01-29',
      kind: 'coaching',
      departments: ['Sales EMEA'],
      description: 'Coaching of new reps',
    });
    await waitFor(() => expect(screen.getByTestId('intervention-7')).toBeInTheDocument());
  });
});
