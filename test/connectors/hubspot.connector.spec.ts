import {
  ConnectorError,
  FamilyPermissionError,
  type Activity,
  type Opportunity,
  createHubSpotConnector,
  HubSpotConnector,
  type HubSpotConnectorDeps,
} from '../../server/test/testing';
import { startFakeHubSpot, type FakeHubSpot } from '../fake-crm/hubspot.fake';
import { HS_OWNERS, hubspotFixture } from '../fake-crm/hubspot.fixture';
import { caught, collect, recordingTransport, syncContext, utc } from './connector-test.util';
import { allowPrivateCrmHosts } from '../support/private-crm-hosts';

allowPrivateCrmHosts();

describe(HubSpotConnector.name, () => {
  let fake: FakeHubSpot;
  let transport: ReturnType<typeof recordingTransport>;

  beforeEach(async () => {
    fake = await startFakeHubSpot(hubspotFixture());
    transport = recordingTransport();
  });
  afterEach(() => fake.close());

  const privateApp = (extra: Record<string, string> = {}) => ({ access_token: fake.state.privateAppToken, base_url: fake.url, ...extra });
  const connector = (options: Record<string, string> = privateApp(), deps: Omit<HubSpotConnectorDeps, 'transport'> = {}) =>
    createHubSpotConnector(options, { transport, ...deps });
  const plan = { opportunity: ['amount', 'close_date', 'next_step'], account: ['industry', 'phone', 'website'] };
  // New York: a close date given as midnight UTC stays that calendar date.
  const newYork = () => syncContext({ timezone: 'America/New_York', requiredFields: plan });

  const deal098: Opportunity = {
    externalId: '87654321098',
    ownerExternalId: HS_OWNERS.ada,
    stage: 'Closed Won',
    amount: 50000,
    isClosed: true,
    isWon: true,
    createdAt: utc('2024-01-10T09:15:30.234Z'),
    closeDate: '2024-03-31',
    lastActivityAt: utc('2024-03-30T12:00:00Z'),
    lastModifiedAt: utc('2024-04-02T09:15:30.234Z'),
    deleted: false,
    fields: {
      createdate: '2024-01-10T09:15:30.234Z',
      hs_lastmodifieddate: '2024-04-02T09:15:30.234Z',
      dealname: 'Q1 renewal',
      dealstage: 'closedwon',
      pipeline: 'default',
      amount: '50000.00',
      closedate: '2024-03-31T00:00:00Z',
      notes_last_updated: '2024-03-30T12:00:00Z',
      hubspot_owner_id: HS_OWNERS.ada,
      hs_is_closed: 'true',
      hs_is_closed_won: 'true',
      hs_next_step: 'Send invoice',
      close_date: '2024-03-31T00:00:00Z',
      next_step: 'Send invoice',
    },
  };
  const deal099: Opportunity = {
    externalId: '87654321099',
    ownerExternalId: HS_OWNERS.grace,
    stage: 'Appointment Scheduled',
    amount: 12000,
    isClosed: false,
    isWon: false,
    createdAt: utc('2024-02-01T10:00:00Z'),
    closeDate: '2024-05-15',
    lastActivityAt: null,
    lastModifiedAt: utc('2024-03-15T10:00:00Z'),
    deleted: false,
    fields: {
      createdate: '2024-02-01T10:00:00.000Z',
      hs_lastmodifieddate: '2024-03-15T10:00:00.000Z',
      dealname: 'Expansion',
      dealstage: 'appointmentscheduled',
      pipeline: 'default',
      amount: '12000',
      closedate: '2024-05-15T00:00:00Z',
      notes_last_updated: null,
      hubspot_owner_id: HS_OWNERS.grace,
      hs_is_closed: 'false',
      hs_is_closed_won: 'false',
      hs_next_step: '',
      close_date: '2024-05-15T00:00:00Z',
      next_step: '',
    },
  };
  const deal100: Opportunity = {
    externalId: '87654321100',
    ownerExternalId: HS_OWNERS.grace,
    stage: 'Closed Lost',
    amount: null,
    isClosed: true,
    isWon: false,
    createdAt: utc('2024-01-15T08:00:00Z'),
    closeDate: '2024-03-01',
    lastActivityAt: utc('2024-02-20T15:30:00Z'),
    lastModifiedAt: utc('2024-03-01T12:00:00Z'),
    deleted: false,
    fields: {
      createdate: '2024-01-15T08:00:00.000Z',
      hs_lastmodifieddate: '2024-03-01T12:00:00.000Z',
      dealname: 'Pilot',
      dealstage: 'closedlost',
      pipeline: 'default',
      amount: null,
      closedate: '2024-03-01T00:00:00Z',
      notes_last_updated: '2024-02-20T15:30:00Z',
      hubspot_owner_id: HS_OWNERS.grace,
      hs_is_closed: 'true',
      hs_is_closed_won: 'false',
      hs_next_step: 'n/a',
      close_date: '2024-03-01T00:00:00Z',
      next_step: 'n/a',
    },
  };
  // Archived (deleted) in HubSpot: listed with archived=true, kept as deleted.
  const deal101: Opportunity = {
    externalId: '87654321101',
    ownerExternalId: HS_OWNERS.ada,
    stage: 'Closed Lost',
    amount: 8000,
    isClosed: true,
    isWon: false,
    createdAt: utc('2023-11-01T08:00:00Z'),
    closeDate: '2024-02-01',
    lastActivityAt: null,
    lastModifiedAt: utc('2024-03-20T08:00:00Z'),
    deleted: true,
    fields: {
      createdate: '2023-11-01T08:00:00.000Z',
      hs_lastmodifieddate: '2024-03-20T08:00:00.000Z',
      dealname: 'Old deal',
      dealstage: 'closedlost',
      pipeline: 'default',
      amount: '8000',
      closedate: '2024-02-01T00:00:00Z',
      notes_last_updated: null,
      hubspot_owner_id: HS_OWNERS.ada,
      hs_is_closed: 'true',
      hs_is_closed_won: 'false',
      hs_next_step: null,
      close_date: '2024-02-01T00:00:00Z',
      next_step: null,
    },
  };
  // A custom pipeline: the stage is a numeric id, open by its metadata.
  const deal102: Opportunity = {
    externalId: '87654321102',
    ownerExternalId: HS_OWNERS.ada,
    stage: 'Renewal due',
    amount: 30000,
    isClosed: false,
    isWon: false,
    createdAt: utc('2024-03-01T08:00:00Z'),
    closeDate: '2025-01-01',
    lastActivityAt: null,
    lastModifiedAt: utc('2024-04-01T16:00:00Z'),
    deleted: false,
    fields: {
      createdate: '2024-03-01T08:00:00.000Z',
      hs_lastmodifieddate: '2024-04-01T16:00:00.000Z',
      dealname: 'Renewal 2025',
      dealstage: '1234567',
      pipeline: '7654321',
      amount: '30000',
      closedate: '2025-01-01T00:00:00Z',
      notes_last_updated: null,
      hubspot_owner_id: HS_OWNERS.ada,
      hs_is_closed: 'false',
      hs_is_closed_won: 'false',
      hs_next_step: 'Call CFO',
      close_date: '2025-01-01T00:00:00Z',
      next_step: 'Call CFO',
    },
  };

  describe('options', () => {
    it('needs a private app token or a complete OAuth triple, and names the missing option', () => {
      expect(() => createHubSpotConnector({})).toThrow(
        'invalid hubspot connection options: option "access_token": required: a private app access token (or client_id, client_secret and refresh_token of an OAuth app)',
      );
      expect(() => createHubSpotConnector({ client_id: 'id', refresh_token: 'r-secret-1' })).toThrow(
        'invalid hubspot connection options: option "client_secret": required for OAuth (with client_id, client_secret and refresh_token)',
      );
      const error = (() => {
        try {
          createHubSpotConnector({ access_token: 'pat-secret-9', portal: '123' });
        } catch (thrown) {
          return thrown as ConnectorError;
        }
        throw new Error('expected invalid options to throw');
      })();
      expect(error.code).toBe('CONNECTOR_OPTIONS_INVALID');
      expect(error.message).toBe(
        'invalid hubspot connection options: unknown option "portal" (known: access_token, client_id, client_secret, refresh_token, base_url, integration_users)',
      );
      expect(error.message).not.toContain('pat-secret-9');
    });
  });

  describe('auth', () => {
    it('fails clearly when the private app token is refused', async () => {
      const error = await caught(() => collect(connector(privateApp({ access_token: 'pat-na1-revoked' })).users(syncContext())));
      expect(error.code).toBe('HUBSPOT_AUTH_FAILED');
      expect(error.message).toBe(
        `HubSpot refused the private app token (option access_token) on GET ${fake.url}/crm/v3/owners: Authentication credentials not found.`,
      );
      expect(error.message).not.toContain('pat-na1-revoked');
    });

    it('renews an expired OAuth token mid-sync and retries the call', async () => {
      fake.state.pageSize = 2;
      const sut = connector({
        client_id: fake.state.clientId,
        client_secret: fake.state.clientSecret,
        refresh_token: fake.state.refreshToken,
        base_url: fake.url,
      });
      const pages = [];
      for await (const page of sut.opportunities(null, newYork())) {
        pages.push(page);
        if (pages.length === 1) fake.state.expireTokens();
      }
      expect(pages.map((page) => page.items.map((deal) => deal.externalId))).toEqual([
        ['87654321101'],
        ['87654321098', '87654321099'],
        ['87654321100', '87654321102'],
        [],
      ]);
      expect(fake.state.tokensIssued).toBe(2);
    });

    it('names the scope the app lacks', async () => {
      fake.state.scopes.delete('account-info.security.read');
      const error = await caught(() => collect(connector().logins(null, syncContext())));
      expect(error.code).toBe('HUBSPOT_SCOPE_MISSING');
      expect(error.message).toBe(
        `HubSpot refused GET ${fake.url}/account-info/v3/activity/login: the app lacks the scope account-info.security.read; add it to the private app and use its new token`,
      );
    });
  });

  describe('users', () => {
    it('lists owners, active then archived, with the primary team as department', async () => {
      fake.state.pageSize = 2;
      const sut = connector(privateApp({ integration_users: 'nobody@acme.example' }));
      const pages = await collect(sut.users(syncContext()));
      expect(pages).toEqual([
        {
          items: [
            {
              externalId: HS_OWNERS.ada,
              name: 'Ada Lovelace',
              email: 'ada@acme.example',
              department: 'West Coast Sales',
              role: null,
              managerExternalId: null,
              active: true,
              licensed: true,
              integration: false,
              createdAt: utc('2019-10-30T03:30:17.883Z'),
              modifiedAt: utc('2019-12-07T16:50:06.678Z'),
            },
            // Two teams: the primary one ("Enterprise") is the department.
            {
              externalId: HS_OWNERS.grace,
              name: 'Grace Hopper',
              email: 'grace@acme.example',
              department: 'Enterprise',
              role: null,
              managerExternalId: null,
              active: true,
              licensed: true,
              integration: false,
              createdAt: utc('2020-02-01T10:00:00Z'),
              modifiedAt: utc('2020-02-01T10:00:00Z'),
            },
          ],
        },
        // A queue owns records but is no person.
        {
          items: [
            {
              externalId: HS_OWNERS.queue,
              name: 'Support Queue',
              email: 'support@acme.example',
              department: null,
              role: null,
              managerExternalId: null,
              active: true,
              licensed: true,
              integration: true,
              createdAt: utc('2020-03-01T00:00:00Z'),
              modifiedAt: utc('2020-03-01T00:00:00Z'),
            },
          ],
        },
        {
          items: [
            {
              externalId: HS_OWNERS.alan,
              name: 'Alan Turing',
              email: 'alan@acme.example',
              department: 'West Coast Sales',
              role: null,
              managerExternalId: null,
              active: false,
              licensed: true,
              integration: false,
              createdAt: utc('2020-04-01T00:00:00Z'),
              modifiedAt: utc('2024-01-31T00:00:00Z'),
            },
          ],
        },
      ]);
      // Requests: active owners pages 1 and 2, archived owners page 1 = 3.
      expect(sut.apiUsage()).toEqual({ used: 3, limit: 250000 });
    });
  });

  describe('logins', () => {
    it('maps login activity to owners, skips non-owners, and gives the watermark with the last page', async () => {
      fake.state.pageSize = 2;
      const ctx = syncContext();
      const pages = await collect(connector().logins(null, ctx));
      // The fake answers newest first: [657, 656], [655, 654], [653]; 656 is a user who owns nothing.
      expect(pages).toEqual([
        {
          items: [
            {
              externalId: '5432657',
              userExternalId: HS_OWNERS.alan,
              loginAt: utc('2024-04-03T11:00:00Z'),
              success: true,
              channel: 'mobile',
            },
          ],
        },
        {
          items: [
            {
              externalId: '5432655',
              userExternalId: HS_OWNERS.grace,
              loginAt: utc('2024-04-02T09:00:00Z'),
              success: false,
              channel: 'web',
            },
            {
              externalId: '5432654',
              userExternalId: HS_OWNERS.grace,
              loginAt: utc('2024-04-02T08:00:00Z'),
              success: true,
              channel: 'mobile',
            },
          ],
        },
        {
          items: [
            {
              externalId: '5432653',
              userExternalId: HS_OWNERS.ada,
              loginAt: utc('2024-04-01T19:36:24.303Z'),
              success: true,
              channel: 'web',
            },
          ],
        },
        // Not ordered by time: the watermark (newest login, 657) comes once everything was listed.
        { items: [], watermark: utc('2024-04-03T11:00:00Z') },
      ]);
      expect(ctx.messages).toContain('HubSpot: 1 logins of users who are not owners skipped');
    });

    it('keeps only logins after `since`', async () => {
      fake.state.pageSize = 2;
      const pages = await collect(connector().logins(utc('2024-04-02T08:30:00Z'), syncContext()));
      expect(pages).toEqual([
        {
          items: [
            {
              externalId: '5432657',
              userExternalId: HS_OWNERS.alan,
              loginAt: utc('2024-04-03T11:00:00Z'),
              success: true,
              channel: 'mobile',
            },
          ],
        },
        {
          items: [
            {
              externalId: '5432655',
              userExternalId: HS_OWNERS.grace,
              loginAt: utc('2024-04-02T09:00:00Z'),
              success: false,
              channel: 'web',
            },
          ],
        },
        { items: [], watermark: utc('2024-04-03T11:00:00Z') },
      ]);
    });
  });

  describe('opportunities', () => {
    it('lists archived then active deals with stage metadata, plan fields under plan names, watermark at the end', async () => {
      fake.state.pageSize = 2;
      const pages = await collect(connector().opportunities(null, newYork()));
      expect(pages).toEqual([
        { items: [deal101] },
        { items: [deal098, deal099] },
        { items: [deal100, deal102] },
        // Newest hs_lastmodifieddate of the active listing: 098 at 2024-04-02T09:15:30.234Z.
        { items: [], watermark: utc('2024-04-02T09:15:30.234Z') },
      ]);
    });

    it('searches only what changed since the watermark on the second sync, deletions included', async () => {
      const sut = connector();
      const first = await collect(sut.opportunities(null, newYork()));
      const watermark = first[first.length - 1].watermark!;
      const deals = fake.state.objects.deals;
      const byId = (id: string) => deals.find((deal) => deal.id === id)!;
      Object.assign(byId('87654321099'), { updatedAt: '2024-04-05T10:00:00.000Z' });
      Object.assign(byId('87654321099').properties, {
        dealstage: 'closedwon',
        hs_next_step: 'Kick-off',
        hs_lastmodifieddate: '2024-04-05T10:00:00.000Z',
        hs_is_closed: 'true',
        hs_is_closed_won: 'true',
      });
      Object.assign(byId('87654321098'), { updatedAt: '2024-04-05T11:00:00.000Z' });
      Object.assign(byId('87654321098').properties, {
        notes_last_updated: '2024-04-05T10:45:00Z',
        hs_lastmodifieddate: '2024-04-05T11:00:00.000Z',
      });
      Object.assign(byId('87654321102'), { archived: true, archivedAt: '2024-04-06T09:00:00.000Z', updatedAt: '2024-04-06T09:00:00.000Z' });
      deals.push({
        id: '87654321103',
        createdAt: '2024-04-04T10:00:00.000Z',
        updatedAt: '2024-04-04T10:00:00.000Z',
        archived: false,
        properties: {
          dealname: 'Upsell',
          dealstage: 'appointmentscheduled',
          pipeline: 'default',
          amount: '5000',
          closedate: '2024-06-30T00:00:00Z',
          hubspot_owner_id: HS_OWNERS.grace,
          notes_last_updated: null,
          hs_next_step: null,
          hs_is_closed: 'false',
          hs_is_closed_won: 'false',
          createdate: '2024-04-04T10:00:00.000Z',
          hs_lastmodifieddate: '2024-04-04T10:00:00.000Z',
        },
      });
      fake.state.pageSize = 2;

      // The sync asks from the watermark minus 5 minutes: 2024-04-02T09:10:30.234Z.
      const second = await collect(sut.opportunities(watermark - 5 * 60_000, newYork()));

      const search = fake.state.requests
        .filter((request) => request.path === '/crm/v3/objects/deals/search')
        .map((request) => JSON.parse(request.body));
      expect(search[0].filterGroups).toEqual([
        { filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GT', value: String(utc('2024-04-02T09:10:30.234Z')) }] },
      ]);
      expect(second).toEqual([
        // 101 was archived before `since` (2024-03-20): not listed again; 102 was archived after.
        { items: [{ ...deal102, deleted: true }] },
        {
          items: [
            {
              externalId: '87654321103',
              ownerExternalId: HS_OWNERS.grace,
              stage: 'Appointment Scheduled',
              amount: 5000,
              isClosed: false,
              isWon: false,
              createdAt: utc('2024-04-04T10:00:00Z'),
              closeDate: '2024-06-30',
              lastActivityAt: null,
              lastModifiedAt: utc('2024-04-04T10:00:00Z'),
              deleted: false,
              fields: {
                createdate: '2024-04-04T10:00:00.000Z',
                hs_lastmodifieddate: '2024-04-04T10:00:00.000Z',
                dealname: 'Upsell',
                dealstage: 'appointmentscheduled',
                pipeline: 'default',
                amount: '5000',
                closedate: '2024-06-30T00:00:00Z',
                notes_last_updated: null,
                hubspot_owner_id: HS_OWNERS.grace,
                hs_is_closed: 'false',
                hs_is_closed_won: 'false',
                hs_next_step: null,
                close_date: '2024-06-30T00:00:00Z',
                next_step: null,
              },
            },
            {
              ...deal099,
              stage: 'Closed Won',
              isClosed: true,
              isWon: true,
              lastModifiedAt: utc('2024-04-05T10:00:00Z'),
              fields: {
                ...deal099.fields,
                dealstage: 'closedwon',
                hs_is_closed: 'true',
                hs_is_closed_won: 'true',
                hs_next_step: 'Kick-off',
                next_step: 'Kick-off',
                hs_lastmodifieddate: '2024-04-05T10:00:00.000Z',
              },
            },
          ],
          watermark: utc('2024-04-05T10:00:00Z'),
        },
        {
          items: [
            {
              ...deal098,
              lastActivityAt: utc('2024-04-05T10:45:00Z'),
              lastModifiedAt: utc('2024-04-05T11:00:00Z'),
              fields: { ...deal098.fields, notes_last_updated: '2024-04-05T10:45:00Z', hs_lastmodifieddate: '2024-04-05T11:00:00.000Z' },
            },
          ],
          watermark: utc('2024-04-05T11:00:00Z'),
        },
      ]);
    });

    it('restarts the search from the last modification time instead of paging past the search window', async () => {
      fake.state.searchWindow = 3;
      const pages = await collect(
        connector(privateApp(), { searchWindow: 3, searchPageSize: 2 }).opportunities(utc('2024-01-01T00:00:00Z'), newYork()),
      );
      // Ascending: 100 (03-01), 099 (03-15), 102 (04-01), 098 (04-02). Window 3, pages of 2:
      // [100, 099] -> restart at >= 03-15 -> [099 (seen), 102] -> restart at >= 04-01 -> [102 (seen), 098].
      expect(pages.map((page) => page.items.map((deal) => deal.externalId))).toEqual([
        ['87654321101'],
        ['87654321100', '87654321099'],
        ['87654321102'],
        ['87654321098'],
      ]);
      const bodies = fake.state.requests.filter((request) => request.path.endsWith('/search')).map((request) => JSON.parse(request.body));
      expect(bodies.map((body) => [body.filterGroups[0].filters[0].operator, body.after])).toEqual([
        ['GT', undefined],
        ['GTE', undefined],
        ['GTE', undefined],
      ]);
    });

    it('names a plan field that no deal property matches', async () => {
      const error = await caught(() =>
        collect(connector().opportunities(null, syncContext({ requiredFields: { opportunity: ['next_stp'] } }))),
      );
      expect(error.code).toBe('HUBSPOT_UNKNOWN_FIELD');
      expect(error.message).toBe('launch plan required field "opportunity.next_stp" is not a property of HubSpot deals');
    });
  });

  describe('rate limits and errors', () => {
    it('waits out the ten-second policy and retries', async () => {
      fake.state.pageSize = 2;
      fake.state.faults.push(
        {
          when: (request) => request.path === '/crm/v3/owners' && request.query.get('after') === '2',
          status: 429,
          body: {
            status: 'error',
            message: 'You have reached your ten_secondly_rolling limit.',
            errorType: 'RATE_LIMIT',
            correlationId: 'c033cdaa-2c40-4a64-ae48-b4cec88dad24',
            policyName: 'TEN_SECONDLY_ROLLING',
          },
        },
        {
          when: (request) => request.path === '/crm/v3/owners' && request.query.get('after') === '2',
          status: 429,
          headers: { 'Retry-After': '3' },
          body: {
            status: 'error',
            message: 'You have reached your ten_secondly_rolling limit.',
            errorType: 'RATE_LIMIT',
            policyName: 'TEN_SECONDLY_ROLLING',
          },
        },
      );
      const pages = await collect(connector().users(syncContext()));
      expect(pages.flatMap((page) => page.items.map((user) => user.externalId))).toEqual([
        HS_OWNERS.ada,
        HS_OWNERS.grace,
        HS_OWNERS.queue,
        HS_OWNERS.alan,
      ]);
      // No Retry-After: the 10 s window; then Retry-After: 3 -> 3 s.
      expect(transport.sleeps).toEqual([10_000, 3000]);
    });

    it('stops the run at once on the daily limit', async () => {
      fake.state.faults.push({
        when: (request) => request.path === '/crm/v3/owners',
        status: 429,
        body: { status: 'error', message: 'You have reached your daily limit.', errorType: 'RATE_LIMIT', policyName: 'DAILY' },
      });
      const error = await caught(() => collect(connector().users(syncContext())));
      expect(error.code).toBe('HUBSPOT_DAILY_LIMIT');
      expect(error.message).toBe(
        `HubSpot daily API limit reached (250000 requests a day) on GET ${fake.url}/crm/v3/owners: the run stopped; the next run after the daily reset (midnight in the HubSpot account's time zone) continues from where this one got to`,
      );
      expect(transport.sleeps).toEqual([]);
    });

    it('yields the pages before a persistent server error, then fails with a ConnectorError', async () => {
      fake.state.pageSize = 2;
      fake.state.faults.push({
        when: (request) => request.path === '/crm/v3/objects/deals' && request.query.get('after') === '2',
        status: 502,
        body: { status: 'error', message: 'Bad Gateway', category: 'BAD_GATEWAY' },
        times: 99,
      });
      const seen: string[][] = [];
      const error = await caught(async () => {
        for await (const page of connector().opportunities(null, newYork())) seen.push(page.items.map((deal) => deal.externalId));
      });
      expect(seen).toEqual([['87654321101'], ['87654321098', '87654321099']]);
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error.code).toBe('HUBSPOT_UNAVAILABLE');
      expect(error.message).toBe(
        `HubSpot server error, HTTP 502: Bad Gateway on GET ${fake.url}/crm/v3/objects/deals; gave up after 5 attempts`,
      );
      expect(transport.sleeps).toEqual([1000, 2000, 4000, 8000]);
    });
  });

  describe('records', () => {
    it('reads companies for the plan object "account"', async () => {
      const pages = await collect(connector().records('account', null, syncContext({ requiredFields: plan })));
      expect(pages).toEqual([
        {
          items: [
            {
              objectType: 'account',
              externalId: '9001',
              ownerExternalId: HS_OWNERS.ada,
              createdAt: utc('2024-01-02T00:00:00Z'),
              lastModifiedAt: utc('2024-03-01T00:00:00Z'),
              deleted: false,
              fields: {
                createdate: '2024-01-02T00:00:00.000Z',
                hs_lastmodifieddate: '2024-03-01T00:00:00.000Z',
                hubspot_owner_id: HS_OWNERS.ada,
                industry: 'n/a',
                phone: '1(302)556-4395',
                website: 'http://1688.com',
              },
            },
            {
              objectType: 'account',
              externalId: '9002',
              ownerExternalId: HS_OWNERS.grace,
              createdAt: utc('2024-01-03T00:00:00Z'),
              lastModifiedAt: utc('2024-03-02T00:00:00Z'),
              deleted: false,
              fields: {
                createdate: '2024-01-03T00:00:00.000Z',
                hs_lastmodifieddate: '2024-03-02T00:00:00.000Z',
                hubspot_owner_id: HS_OWNERS.grace,
                industry: 'Industrial Machinery/Components',
                phone: '1(260)120-2439',
                website: null,
              },
            },
          ],
        },
        { items: [], watermark: utc('2024-03-02T00:00:00Z') },
      ]);
    });

    it('names a plan object HubSpot has no equivalent for', async () => {
      const error = await caught(() =>
        collect(connector().records('invoice', null, syncContext({ requiredFields: { invoice: ['total'] } }))),
      );
      expect(error.code).toBe('HUBSPOT_UNKNOWN_OBJECT');
      expect(error.message).toBe(
        'launch plan required_fields names object "invoice", which the HubSpot connector does not read (known: opportunity for deals, contact, contacts, company, companies, account, ticket, tickets, lead, leads)',
      );
    });
  });

  describe('activities', () => {
    const call: Activity = {
      externalId: '51234567801',
      ownerExternalId: HS_OWNERS.ada,
      type: 'call',
      occurredAt: utc('2024-03-28T15:30:00Z'),
      relatedExternalId: '87654321098',
      createdAt: utc('2024-03-28T15:45:00Z'),
      deleted: false,
    };
    // Archived: a deletion, listed from the archived listing, no association read.
    const deletedCall: Activity = {
      externalId: '51234567802',
      ownerExternalId: HS_OWNERS.grace,
      type: 'call',
      occurredAt: utc('2024-03-29T09:00:00Z'),
      relatedExternalId: null,
      createdAt: utc('2024-03-29T09:05:00Z'),
      deleted: true,
    };
    const email: Activity = {
      externalId: '61234567801',
      ownerExternalId: HS_OWNERS.grace,
      type: 'email',
      occurredAt: utc('2024-04-01T08:00:00Z'),
      relatedExternalId: '87654321099',
      createdAt: utc('2024-04-01T08:00:00Z'),
      deleted: false,
    };
    const meeting: Activity = {
      externalId: '71234567801',
      ownerExternalId: HS_OWNERS.ada,
      type: 'meeting',
      occurredAt: utc('2024-04-02T14:00:00Z'),
      relatedExternalId: null,
      createdAt: utc('2024-03-25T10:00:00Z'),
      deleted: false,
    };
    // Associated with 099 and 098: the lower id.
    const note: Activity = {
      externalId: '81234567802',
      ownerExternalId: HS_OWNERS.ada,
      type: 'note',
      occurredAt: utc('2024-03-30T12:00:00Z'),
      relatedExternalId: '87654321098',
      createdAt: utc('2024-03-30T12:00:00Z'),
      deleted: false,
    };
    const task: Activity = {
      externalId: '91234567801',
      ownerExternalId: HS_OWNERS.grace,
      type: 'task',
      occurredAt: utc('2024-04-05T00:00:00Z'),
      relatedExternalId: null,
      createdAt: utc('2024-03-31T10:00:00Z'),
      deleted: false,
    };

    it('lists calls, emails, meetings, notes and tasks with deletions and deals, the watermark with the last page', async () => {
      fake.state.pageSize = 1;
      const pages = await collect(connector().activities!(null, syncContext()));
      expect(pages).toEqual([
        { items: [deletedCall] },
        { items: [call] },
        { items: [email] },
        { items: [meeting] },
        // The note without an owner counts for nobody: its page yields only Ada's note.
        { items: [note] },
        { items: [task] },
        // Newest hs_lastmodifieddate of the active ones: the meeting, 2024-04-02T16:00Z.
        { items: [], watermark: utc('2024-04-02T16:00:00Z') },
      ]);
      const listed = fake.state.requests.filter(
        (request) => request.path === '/crm/v3/objects/notes' && request.query.get('archived') === 'false',
      );
      expect(listed.map((request) => request.query.get('after'))).toEqual([null, '1']);
      expect(
        fake.state.requests.filter((request) => request.path.startsWith('/crm/v4/associations/')).map((request) => request.path),
      ).toEqual([
        '/crm/v4/associations/calls/deals/batch/read',
        '/crm/v4/associations/emails/deals/batch/read',
        '/crm/v4/associations/meetings/deals/batch/read',
        '/crm/v4/associations/notes/deals/batch/read',
        '/crm/v4/associations/notes/deals/batch/read',
        '/crm/v4/associations/tasks/deals/batch/read',
      ]);
    });

    it('searches on hs_lastmodifieddate after the watermark, and a second sync reads only what changed', async () => {
      const sut = connector();
      const first = await collect(sut.activities!(utc('2024-04-01T08:00:00Z'), syncContext()));
      // Archived after the watermark: the deleted call; modified after it: the meeting only (the email is not after, it is at).
      expect(first).toEqual([{ items: [deletedCall] }, { items: [meeting] }, { items: [], watermark: utc('2024-04-02T16:00:00Z') }]);
      const searches = fake.state.requests.filter((request) => /\/crm\/v3\/objects\/\w+\/search$/.test(request.path));
      expect(searches).toHaveLength(5);
      expect(JSON.parse(searches[0].body).filterGroups).toEqual([
        { filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GT', value: String(utc('2024-04-01T08:00:00Z')) }] },
      ]);

      // Grace moves her task to the 8th.
      const row = fake.state.objects.tasks[0];
      row.properties.hs_timestamp = '2024-04-08T00:00:00.000Z';
      row.properties.hs_lastmodifieddate = '2024-04-06T09:00:00.000Z';
      const second = await collect(sut.activities!(utc('2024-04-02T16:00:00Z') - 5 * 60_000, syncContext()));
      // The 5-minute overlap reads the meeting again; the deleted call is archived after the watermark still.
      expect(second).toEqual([
        { items: [deletedCall] },
        { items: [meeting] },
        { items: [{ ...task, occurredAt: utc('2024-04-08T00:00:00Z') }] },
        { items: [], watermark: utc('2024-04-06T09:00:00Z') },
      ]);
    });

    it('waits out a rate limit and goes on', async () => {
      fake.state.faults.push({
        when: (request) => request.path === '/crm/v3/objects/meetings' && request.query.get('archived') === 'false',
        status: 429,
        headers: { 'Retry-After': '2' },
        body: {
          status: 'error',
          message: 'You have reached your ten_secondly_rolling limit.',
          errorType: 'RATE_LIMIT',
          policyName: 'TEN_SECONDLY_ROLLING',
        },
      });
      const pages = await collect(connector().activities!(null, syncContext()));
      expect(pages.flatMap((page) => page.items)).toEqual([deletedCall, call, email, meeting, note, task]);
      expect(transport.sleeps).toEqual([2000]);
    });

    it('names the missing scope when the app may not read activities, and the test says so', async () => {
      fake.state.scopes.delete('crm.objects.contacts.read');
      const error = await caught(() => collect(connector().activities!(null, syncContext())));
      expect(error).toBeInstanceOf(FamilyPermissionError);
      expect(error.code).toBe('HUBSPOT_SCOPE_MISSING');
      expect((error as FamilyPermissionError).permission).toBe('crm.objects.contacts.read');
      expect(error.message).toBe(
        'HubSpot refused the calls: the app lacks the scope crm.objects.contacts.read (activities: calls, emails, meetings, notes and tasks need it); add it to the private app and use its new token',
      );
      const summary = await connector().test(syncContext());
      expect(summary.split('\n')).toContain(`activities: NOT SYNCED: ${error.message}`);
    });
  });

  it('has no training data', async () => {
    expect(await collect(connector().training(syncContext()))).toEqual([]);
  });

  it('tests the token and scopes and says what will be synced', async () => {
    const summary = await connector().test(syncContext({ requiredFields: plan }));
    expect(summary.split('\n')).toEqual([
      `HubSpot ${fake.url}, private app token`,
      // Teams: West Coast Sales, EMEA Sales, Enterprise.
      'users: 4 owners; departments from 3 teams',
      'logins: login activity readable (HubSpot keeps the last 90 days)',
      // Search total counts active deals: 098, 099, 100, 102. Stages: 3 default + 2 renewals.
      'opportunities: 4 deals, 5 pipeline stages; required fields amount -> amount, close_date -> closedate, next_step -> hs_next_step',
      'records: account from companies; required fields industry -> industry, phone -> phone, website -> website',
      // Search totals count the active ones: 1 call (the other is archived), 2 notes (one without owner).
      'activities: 1 calls, 1 emails, 1 meetings, 2 notes, 1 tasks, incremental on hs_lastmodifieddate, deleted (archived) ones kept, deals through associations',
      'training: none (HubSpot has no training data)',
      // owners x2, login, pipelines, deal properties, search, company properties, 5 activity searches = 12 requests.
      'API usage: 12/250000 API requests used today',
    ]);
  });
});
