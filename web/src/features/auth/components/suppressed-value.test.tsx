import { screen } from '@testing-library/react';
import { json, mockApi } from '@/testing/mock-api';
import { renderWithProviders } from '@/testing/test-utils';
import { SuppressedValue } from './suppressed-value';

describe(SuppressedValue.name, () => {
  it('says the value is hidden and why, with the group size of the plan', async () => {
    mockApi({ 'GET /api/plan': json({ current: null, history: [] }) });
    renderWithProviders(<SuppressedValue minGroupSize={7} />);
    expect(screen.getByText('hidden (fewer than 7 people)')).toBeInTheDocument();
  });

  it('defaults to 5 people without a plan', async () => {
    mockApi({ 'GET /api/plan': json({ current: null, history: [] }) });
    renderWithProviders(<SuppressedValue />);
    expect(await screen.findByText('hidden (fewer than 5 people)')).toBeInTheDocument();
  });
});
