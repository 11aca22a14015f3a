import { screen, within } from '@testing-library/react';
import type { TrainingLift as Lift } from '@uptake/shared';
import { renderWithProviders, visibleText } from '@/testing/test-utils';
import { TrainingLift } from './training-lift';

const hidden = (department: string): Lift => ({
  department,
  trained: { seatHolders: 0, active7: 0, activeRate: null },
  untrained: { seatHolders: 0, active7: 0, activeRate: null },
  activeRateLift: null,
  beforeAfter: { people: 0, weeklyLoginsBefore: null, weeklyLoginsAfter: null },
  suppressed: true,
});

describe(TrainingLift.name, () => {
  it('hides a whole lift row, no group of it shown, and says that either of its groups is small or would reveal one', () => {
    renderWithProviders(<TrainingLift lift={[hidden('Legal')]} requiredCourses={1} how="" />);
    const row = screen.getByTestId('lift-Legal');
    expect(within(row).getAllByRole('cell').map(visibleText)).toEqual(['hidden (a group of fewer than 5 people, or one it would reveal)']);
    expect(within(row).getByRole('tooltip', { hidden: true })).toHaveTextContent(
      'A group of this row (trained, not trained, or trained 4 weeks ago) has fewer than 5 people',
    );
  });
});
