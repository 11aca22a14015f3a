import { screen, within } from '@testing-library/react';
import { session, training } from '@/testing/fixtures';
import { json, mockSignedInApi } from '@/testing/mock-api';
import { renderApp, visibleText } from '@/testing/test-utils';

describe('Training page', () => {
  it('ranks teams by gap, lists people to train with a CSV export for the day, and the training lift', async () => {
    const api = mockSignedInApi({ 'GET /api/training': json(training()) });
    renderApp('/training?asOf=2026-03-01');
    const team = await screen.findByTestId('team-Sales EMEA');
    // 0.8 - 0.55 = 0.25 -> 25.0 pts behind
    expect(visibleText(team)).toContain('Active users (7 days): 55.0% against 80.0% expected · 25.0 pts behind');
    expect(visibleText(team)).toContain('Stale opportunities: 30.0% (10.0 pts behind)');

    const bob = screen.getByTestId('train-u2');
    expect(bob).toHaveTextContent('No login in 14 days');
    expect(bob).toHaveTextContent('Required training incomplete');
    expect(bob).toHaveTextContent('0 of 2');
    const csv = screen.getByRole('link', { name: 'Export CSV' });
    expect(csv).toHaveAttribute('href', '/api/training/people.csv?asOf=2026-03-01');
    expect(csv).toHaveAttribute('download', 'people-to-train-2026-03-01.csv');

    // 0.8 - 0.2 = +60.0 pts; 1.25 -> 3.5 weekly logins
    const lift = screen.getByTestId('lift-Sales EMEA');
    expect(within(lift).getAllByRole('cell').map(visibleText)).toEqual([
      '80.0% of 25',
      '20.0% of 15',
      '+60.0 pts',
      '1.3 → 3.5 (10 people)',
    ]);
    expect(api.calls('GET', '/api/training')[0].query.get('asOf')).toBe('2026-03-01');
  });

  it('explains an empty list and a missing required course', async () => {
    mockSignedInApi({ 'GET /api/training': json({ ...training(), requiredCourses: 0, peopleToTrain: [] }) });
    renderApp('/training');
    expect(await screen.findByText('Nobody to train on this day')).toBeInTheDocument();
    expect(screen.getByText('No required course')).toBeInTheDocument();
  });
});

describe('Training page: people hidden for the role', () => {
  it('tells an executive that the list is hidden for their role instead of "Nobody to train"', async () => {
    mockSignedInApi({ 'GET /api/training': json({ ...training(), peopleToTrain: [] }) }, 'executive');
    renderApp('/training');
    const hidden = await screen.findByTestId('people-hidden');
    expect(hidden).toHaveTextContent('The people list is hidden for the executive role');
    expect(screen.queryByText('Nobody to train on this day')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'People to train' })).toBeInTheDocument();
  });

  it('tells a trainer which departments they can see when their list is empty', async () => {
    mockSignedInApi(
      { 'GET /api/training': json({ ...training(), peopleToTrain: [] }), 'GET /api/auth/me': json(session('trainer', {})) },
      'trainer',
    );
    renderApp('/training');
    const note = await screen.findByTestId('people-scope');
    expect(note).toHaveTextContent('You see the people of Sales EMEA only');
    expect(screen.getByText('Nobody to train on this day in Sales EMEA')).toBeInTheDocument();
  });
});
