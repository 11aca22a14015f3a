import type { ConnectionDetail } from '@uptake/shared';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { connection } from '@/testing/fixtures';
import { apiError, json, mockSignedInApi } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

const demo: ConnectionDetail = { ...connection(), options: { seed: 'uptake' } };

describe('Connections page', () => {
  it('lists connections with their schedule and next run', async () => {
    mockSignedInApi({ 'GET /api/connections': json([demo]) });
    renderApp('/connections');
    const card = await screen.findByTestId('connection-demo');
    expect(card).toHaveTextContent('0 * * * *');
    expect(within(card).getByText('Succeeded')).toBeInTheDocument();
    expect(card).toHaveTextContent('120 users · 5,400 logins');
  });

  it('says how to start when there is no connection', async () => {
    mockSignedInApi({ 'GET /api/connections': json([]) });
    renderApp('/connections');
    expect(await screen.findByText('No connection yet')).toBeInTheDocument();
  });

  it('adds a connection after checking the required options, and shows the API refusal', async () => {
    const created: ConnectionDetail = {
      ...connection({ id: 2, name: 'crm-files', kind: 'csv', lastRun: null }),
      options: { path: '/data/crm' },
    };
    const api = mockSignedInApi({
      'GET /api/connections': json([demo]),
      'POST /api/connections': apiError(409, 'CONNECTION_EXISTS', 'a connection named "crm-files" exists'),
    });
    const user = userEvent.setup();
    renderApp('/connections');
    await user.click(await screen.findByRole('button', { name: 'Add a connection' }));
    await user.click(screen.getByRole('button', { name: 'Add connection' }));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(/Name the connection/);
    expect(screen.getByLabelText('path (required)')).toHaveAccessibleDescription(/path is required for CSV folder/);
    expect(api.calls('POST', '/api/connections')).toHaveLength(0);

    await user.type(screen.getByLabelText('Name'), 'crm-files');
    await user.type(screen.getByLabelText('path (required)'), '/data/crm');
    await user.click(screen.getByRole('button', { name: 'Add connection' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('a connection named "crm-files" exists (CONNECTION_EXISTS)');
    expect(api.calls('POST', '/api/connections')[0].body).toEqual({
      name: 'crm-files',
      kind: 'csv',
      schedule: '0 * * * *',
      options: { path: '/data/crm' },
    });

    api.on('POST /api/connections', json(created, 201));
    api.on('GET /api/connections', json([demo, created]));
    await user.click(screen.getByRole('button', { name: 'Add connection' }));
    expect(await screen.findByText(/Connection crm-files added/)).toBeInTheDocument();
    expect(await screen.findByTestId('connection-crm-files')).toHaveTextContent('/data/crm');
  });

  it('pauses a connection and changes its schedule', async () => {
    const api = mockSignedInApi({
      'GET /api/connections': json([demo]),
      'PATCH /api/connections/:id': ({ body }) => json({ ...demo, ...(body as object) }),
    });
    const user = userEvent.setup();
    renderApp('/connections');
    await user.click(await screen.findByRole('button', { name: 'Pause' }));
    expect(api.calls('PATCH', '/api/connections/1')[0].body).toEqual({ enabled: false });
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const input = within(screen.getByRole('form', { name: 'Edit connection demo' })).getByLabelText('Schedule');
    await user.clear(input);
    await user.type(input, '*/15 * * * *');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(api.calls('PATCH', '/api/connections/1')[1].body).toEqual({ schedule: '*/15 * * * *' });
  });
});
