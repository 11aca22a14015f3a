import { screen } from '@testing-library/react';
import { renderWithProviders } from '@/testing/test-utils';
import { Suppressed } from './suppressed';

describe(Suppressed.name, () => {
  it('says a small group has fewer than min_group_size people', () => {
    renderWithProviders(<Suppressed testId="cell" seatHolders={3} />);
    expect(screen.getByTestId('cell')).toHaveTextContent('hidden (fewer than 5 people)');
    expect(screen.getByRole('tooltip', { hidden: true })).toHaveTextContent('This group has fewer than 5 seat holders');
  });

  it('says a group of min_group_size or more is hidden because it would reveal a smaller one', () => {
    renderWithProviders(<Suppressed testId="cell" seatHolders={6} />);
    expect(screen.getByTestId('cell')).toHaveTextContent('hidden (would reveal a group of fewer than 5 people)');
    expect(screen.getByRole('tooltip', { hidden: true })).toHaveTextContent(
      'This group has 6 seat holders, but the organisation total minus the groups shown would give the figures of a group of fewer than 5',
    );
  });
});
