import { fireEvent, screen, waitFor } from '@testing-library/react';
import { json, mockSignedInApi } from '@/testing/mock-api';
import { overview } from '@/testing/fixtures';
import { renderApp } from '@/testing/test-utils';
import { todayIso } from '@/utils/date';

describe('AsOfPicker', () => {
  it('defaults to today and asks the API for its own today', async () => {
    const api = mockSignedInApi({ 'GET /api/overview': json(overview()) });
    renderApp('/');
    expect(await screen.findByLabelText('As of')).toHaveValue(todayIso());
    await screen.findByTestId('org-health');
    expect(api.calls('GET', '/api/overview')[0].query.has('asOf')).toBe(false);
  });

  it('writes the chosen day to the URL, reloads the page for it and keeps it on navigation links', async () => {
    const api = mockSignedInApi({ 'GET /api/overview': ({ query }) => json(overview({ asOf: query.get('asOf') ?? '2026-03-01' })) });
    const { router } = renderApp('/');
    await screen.findByTestId('org-health');

    fireEvent.change(screen.getByLabelText('As of'), { target: { value: '2026-02-10' } });

    await waitFor(() => expect(router.state.location.search).toBe('?asOf=2026-02-10'));
    await waitFor(() => expect(api.calls('GET', '/api/overview').some((call) => call.query.get('asOf') === '2026-02-10')).toBe(true));
    expect(await screen.findByText(/As of 10 Feb 2026/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Training' })).toHaveAttribute('href', '/training?asOf=2026-02-10');
    expect(screen.getByRole('link', { name: 'Sales EMEA' })).toHaveAttribute('href', '/departments/Sales%20EMEA?asOf=2026-02-10');

    fireEvent.click(screen.getByRole('button', { name: 'Today' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('reads the day from a shared link', async () => {
    const api = mockSignedInApi({ 'GET /api/overview': ({ query }) => json(overview({ asOf: query.get('asOf')! })) });
    renderApp('/?asOf=2026-01-31');
    expect(await screen.findByLabelText('As of')).toHaveValue('2026-01-31');
    await screen.findByText(/As of 31 Jan 2026/);
    expect(api.calls('GET', '/api/overview')[0].query.get('asOf')).toBe('2026-01-31');
  });
});
