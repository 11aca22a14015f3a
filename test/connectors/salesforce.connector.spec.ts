import {
  ConnectorError,
  FamilyPermissionError,
  type Activity,
  type Opportunity,
  createSalesforceConnector,
  SalesforceConnector,
} from '../../server/test/testing';
import { startFakeSalesforce, type FakeSalesforce } from '../fake-crm/salesforce.fake';
import { salesforceFixture, SF_USERS } from '../fake-crm/salesforce.fixture';
import { caught, collect, recordingTransport, syncContext, utc } from './connector-test.util';
import { allowPrivateCrmHosts } from '../support/private-crm-hosts';

allowPrivateCrmHosts();

describe(SalesforceConnector.name, () => {
  let fake: FakeSalesforce;
  let transport: ReturnType<typeof recordingTransport>;

  beforeEach(async () => {
    fake = await startFakeSalesforce(salesforceFixture());
    transport = recordingTransport();
  });
  afterEach(() => fake.close());

  const options = (extra: Record<string, string> = {}) => ({
    instance_url: fake.url,
    client_id: fake.state.clientId,
    client_secret: fake.state.clientSecret,
    integration_users: 'integration@acme.example',
    ...extra,
  });
  const connector = (extra: Record<string, string> = {}) => createSalesforceConnector(options(extra), { transport });
  const plan = { opportunity: ['amount', 'close_date', 'next_step'], account: ['industry', 'phone', 'website'] };

  // The five fixture opportunities as the connector must map them (time zone Europe/Berlin:
  // a LastActivityDate is local midnight, i.e. 23:00 UTC the day before in winter).
  const opp01: Opportunity = {
    externalId: '0065j00000OPP01AAA',
    ownerExternalId: SF_USERS.ada,
    stage: 'Id. Decision Makers',
    amount: 119373.34,
    isClosed: false,
    isWon: false,
    createdAt: utc('2020-10-01T08:00:00Z'),
    closeDate: '2020-12-22',
    lastActivityAt: utc('2020-11-19T23:00:00Z'),
    lastModifiedAt: utc('2020-11-21T10:00:00Z'),
    deleted: false,
    fields: {
      ownerid: SF_USERS.ada,
      stagename: 'Id. Decision Makers',
      amount: '119373.34',
      isclosed: 'false',
      iswon: 'false',
      closedate: '2020-12-22',
      lastactivitydate: '2020-11-20',
      lastmodifieddate: '2020-11-21T10:00:00.000+0000',
      createddate: '2020-10-01T08:00:00.000+0000',
      nextstep: 'Send proposal',
      close_date: '2020-12-22',
      next_step: 'Send proposal',
    },
  };
  const opp02: Opportunity = {
    externalId: '0065j00000OPP02AAA',
    ownerExternalId: SF_USERS.ada,
    stage: 'Negotiation/Review',
    amount: 15065.74,
    isClosed: false,
    isWon: false,
    createdAt: utc('2020-10-05T08:00:00Z'),
    closeDate: '2021-01-19',
    lastActivityAt: null,
    lastModifiedAt: utc('2020-11-25T10:00:00Z'),
    deleted: false,
    fields: {
      ownerid: SF_USERS.ada,
      stagename: 'Negotiation/Review',
      amount: '15065.74',
      isclosed: 'false',
      iswon: 'false',
      closedate: '2021-01-19',
      lastactivitydate: null,
      lastmodifieddate: '2020-11-25T10:00:00.000+0000',
      createddate: '2020-10-05T08:00:00.000+0000',
      nextstep: 'n/a',
      close_date: '2021-01-19',
      next_step: 'n/a',
    },
  };
  const opp03: Opportunity = {
    externalId: '0065j00000OPP03AAA',
    ownerExternalId: SF_USERS.grace,
    stage: 'Closed/Won',
    amount: 620440.88,
    isClosed: true,
    isWon: true,
    createdAt: utc('2020-09-15T08:00:00Z'),
    closeDate: '2020-12-02',
    lastActivityAt: utc('2020-11-30T23:00:00Z'),
    lastModifiedAt: utc('2020-12-02T09:21:16Z'),
    deleted: false,
    fields: {
      ownerid: SF_USERS.grace,
      stagename: 'Closed/Won',
      amount: '620440.88',
      isclosed: 'true',
      iswon: 'true',
      closedate: '2020-12-02',
      lastactivitydate: '2020-12-01',
      lastmodifieddate: '2020-12-02T09:21:16.000+0000',
      createddate: '2020-09-15T08:00:00.000+0000',
      nextstep: null,
      close_date: '2020-12-02',
      next_step: null,
    },
  };
  // Deleted in Salesforce (a lost deal a rep removed): only queryAll returns it, with IsDeleted.
  const opp04: Opportunity = {
    externalId: '0065j00000OPP04AAA',
    ownerExternalId: SF_USERS.grace,
    stage: 'Closed Lost',
    amount: 607109.71,
    isClosed: true,
    isWon: false,
    createdAt: utc('2020-09-20T08:00:00Z'),
    closeDate: '2021-01-21',
    lastActivityAt: null,
    lastModifiedAt: utc('2021-01-21T23:28:31Z'),
    deleted: true,
    fields: {
      ownerid: SF_USERS.grace,
      stagename: 'Closed Lost',
      amount: '607109.71',
      isclosed: 'true',
      iswon: 'false',
      closedate: '2021-01-21',
      lastactivitydate: null,
      lastmodifieddate: '2021-01-21T23:28:31.000+0000',
      createddate: '2020-09-20T08:00:00.000+0000',
      nextstep: 'Lost to competitor',
      close_date: '2021-01-21',
      next_step: 'Lost to competitor',
    },
  };
  const opp05: Opportunity = {
    externalId: '0065j00000OPP05AAA',
    ownerExternalId: SF_USERS.alan,
    stage: 'Negotiation/Review',
    amount: null,
    isClosed: false,
    isWon: false,
    createdAt: utc('2020-10-10T08:00:00Z'),
    closeDate: '2020-12-26',
    lastActivityAt: utc('2020-12-19T23:00:00Z'),
    lastModifiedAt: utc('2021-01-25T05:48:21Z'),
    deleted: false,
    fields: {
      ownerid: SF_USERS.alan,
      stagename: 'Negotiation/Review',
      amount: null,
      isclosed: 'false',
      iswon: 'false',
      closedate: '2020-12-26',
      lastactivitydate: '2020-12-20',
      lastmodifieddate: '2021-01-25T05:48:21.000+0000',
      createddate: '2020-10-10T08:00:00.000+0000',
      nextstep: 'Call back',
      close_date: '2020-12-26',
      next_step: 'Call back',
    },
  };
  const berlin = () => syncContext({ timezone: 'Europe/Berlin', requiredFields: plan });

  describe('options', () => {
    it('names every missing or unknown option and never shows a value', () => {
      const error = (() => {
        try {
          createSalesforceConnector({ instance_url: 'ftp://acme', client_id: 'abc', clinet_secret: 's3cr3t-value' });
        } catch (thrown) {
          return thrown as ConnectorError;
        }
        throw new Error('expected invalid options to throw');
      })();
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error.code).toBe('CONNECTOR_OPTIONS_INVALID');
      expect(error.message).toContain('unknown option "clinet_secret"');
      expect(error.message).toContain('option "client_secret": required');
      expect(error.message).toContain('option "instance_url": expected an https URL');
      expect(error.message).not.toContain('s3cr3t-value');
    });

    it('refuses a department field that is not an API name', () => {
      expect(() => createSalesforceConnector({ ...options(), department_field: 'Department; DROP' })).toThrow(
        /option "department_field": expected a User field API name/,
      );
    });
  });

  describe('auth', () => {
    it('fails with the OAuth error, not the secret, when the credentials are refused', async () => {
      const error = await caught(() => collect(connector({ client_secret: 'wrong-secret-42' }).users(syncContext())));
      expect(error.code).toBe('SALESFORCE_AUTH_FAILED');
      expect(error.message).toBe(
        `Salesforce refused the credentials at ${fake.url}/services/oauth2/token (HTTP 400): invalid_client (invalid client credentials)`,
      );
      expect(error.message).not.toContain('wrong-secret-42');
    });

    it('uses the refresh-token flow when a refresh token is given', async () => {
      await collect(connector({ refresh_token: fake.state.refreshToken }).users(syncContext()));
      const tokenRequest = fake.state.requests.find((request) => request.path === '/services/oauth2/token')!;
      expect(Object.fromEntries(new URLSearchParams(tokenRequest.body))).toEqual({
        grant_type: 'refresh_token',
        refresh_token: fake.state.refreshToken,
        client_id: fake.state.clientId,
        client_secret: fake.state.clientSecret,
      });
    });

    it('gets a new token and retries once when the session expires mid-sync', async () => {
      fake.state.pageSize = 2;
      const sut = connector();
      const pages = [];
      for await (const page of sut.opportunities(null, berlin())) {
        pages.push(page);
        if (pages.length === 1) fake.state.expireTokens();
      }
      expect(pages.map((page) => page.items)).toEqual([[opp01, opp02], [opp03, opp04], [opp05]]);
      expect(fake.state.tokensIssued).toBe(2);
      // The expired call was answered 401 once, then sent again with the new token.
      const secondPage = fake.state.requests.filter((request) => request.path.endsWith('/query/01gFAKE1-2'));
      expect(secondPage).toHaveLength(2);
    });
  });

  describe('users', () => {
    it('lists User across pages until done, even after a short page, and tells integration accounts', async () => {
      fake.state.pageSize = [2, 1, 2];
      const sut = connector();

      const pages = await collect(sut.users(syncContext()));

      // ORDER BY Id: 0055j000000ALAN < 0055j000000CHATT < 0055j000000INTEG < 0055j00000AT6I1 < 0056j...
      expect(pages.map((page) => page.items.map((user) => user.externalId))).toEqual([
        [SF_USERS.alan, SF_USERS.chatter],
        [SF_USERS.integration],
        [SF_USERS.grace, SF_USERS.ada],
      ]);
      expect(pages.flatMap((page) => page.items)).toEqual([
        {
          externalId: SF_USERS.alan,
          name: 'Alan Turing',
          email: 'alan@acme.example',
          department: 'Sales NA',
          role: null,
          managerExternalId: null,
          active: false,
          licensed: true,
          integration: false,
          createdAt: utc('2020-06-02T08:30:00Z'),
        },
        // UserType CsnOnly (Chatter Free): not a Salesforce licence, an integration/system account.
        {
          externalId: SF_USERS.chatter,
          name: 'Chatter Expert',
          email: 'noreply@chatter.example',
          department: null,
          role: null,
          managerExternalId: null,
          active: true,
          licensed: false,
          integration: true,
          createdAt: utc('2020-06-01T00:00:00Z'),
        },
        // UserType Standard but listed in integration_users by username.
        {
          externalId: SF_USERS.integration,
          name: 'Integration User',
          email: 'noreply@acme.example',
          department: null,
          role: null,
          managerExternalId: null,
          active: true,
          licensed: true,
          integration: true,
          createdAt: utc('2020-06-01T00:00:00Z'),
        },
        {
          externalId: SF_USERS.grace,
          name: 'Grace Hopper',
          email: 'grace@acme.example',
          department: 'Sales EMEA',
          role: 'EMEA Manager',
          managerExternalId: null,
          active: true,
          licensed: true,
          integration: false,
          createdAt: utc('2020-06-01T08:30:00Z'),
        },
        {
          externalId: SF_USERS.ada,
          name: 'Ada Lovelace',
          email: 'ada@acme.example',
          department: 'Sales EMEA',
          role: 'EMEA Rep',
          managerExternalId: SF_USERS.grace,
          active: true,
          licensed: true,
          integration: false,
          createdAt: utc('2021-01-10T09:00:00Z'),
        },
      ]);
      // 1 describe of User + 3 query pages, as counted by the fake's Sforce-Limit-Info header.
      expect(sut.apiUsage()).toEqual({ used: 4, limit: 15000 });
    });

    it('reads the department from the configured field or the role name', async () => {
      const byDivision = await collect(connector({ department_field: 'division' }).users(syncContext()));
      expect(byDivision.flatMap((page) => page.items.map((user) => [user.externalId, user.department]))).toEqual([
        [SF_USERS.alan, 'Americas'],
        [SF_USERS.chatter, null],
        [SF_USERS.integration, null],
        [SF_USERS.grace, 'EMEA'],
        [SF_USERS.ada, 'EMEA'],
      ]);
      const byRole = await collect(connector({ department_field: 'UserRole' }).users(syncContext()));
      expect(byRole.flatMap((page) => page.items.map((user) => user.department))).toEqual([null, null, null, 'EMEA Manager', 'EMEA Rep']);
    });

    it('says which option is wrong when the department field does not exist', async () => {
      const error = await caught(() => collect(connector({ department_field: 'Region__c' }).users(syncContext())));
      expect(error.code).toBe('CONNECTOR_OPTIONS_INVALID');
      expect(error.message).toBe('salesforce option "department_field": the User object has no field "Region__c"');
    });
  });

  describe('logins', () => {
    it('maps LoginHistory to logins with channel and a watermark per page', async () => {
      fake.state.pageSize = 4;
      const pages = await collect(connector().logins(null, syncContext()));

      expect(pages).toEqual([
        {
          items: [
            // Remote Access 2.0 from an integration app: API.
            {
              externalId: '0Ya5j00000GLxCdCAL',
              userExternalId: SF_USERS.ada,
              loginAt: utc('2021-10-19T11:47:22Z'),
              success: true,
              channel: 'api',
            },
            {
              externalId: '0Ya5j00000GLxD1CAL',
              userExternalId: SF_USERS.ada,
              loginAt: utc('2021-10-19T12:05:00Z'),
              success: true,
              channel: 'web',
            },
            // Remote Access 2.0 from the Salesforce iOS app: mobile.
            {
              externalId: '0Ya5j00000GLxD2CAL',
              userExternalId: SF_USERS.grace,
              loginAt: utc('2021-10-19T13:10:00Z'),
              success: true,
              channel: 'mobile',
            },
            {
              externalId: '0YaJ400000H0kYoKAJ',
              userExternalId: SF_USERS.grace,
              loginAt: utc('2021-10-19T14:26:18.239Z'),
              success: false,
              channel: 'api',
            },
          ],
          watermark: utc('2021-10-19T14:26:18.239Z'),
        },
        {
          items: [
            {
              externalId: '0Ya5j00000GLxD3CAL',
              userExternalId: SF_USERS.grace,
              loginAt: utc('2021-10-20T08:00:00Z'),
              success: false,
              channel: 'web',
            },
            {
              externalId: '0Ya5j00000GLxD4CAL',
              userExternalId: SF_USERS.integration,
              loginAt: utc('2021-10-20T09:00:00Z'),
              success: true,
              channel: 'api',
            },
          ],
          watermark: utc('2021-10-20T09:00:00Z'),
        },
      ]);
      expect(fake.state.queries()).toEqual([
        'SELECT Id, UserId, LoginTime, Status, LoginType, Application FROM LoginHistory ORDER BY LoginTime ASC, Id ASC',
      ]);
    });

    it('asks only for logins after `since`, in UTC', async () => {
      const pages = await collect(connector().logins(utc('2021-10-20T07:59:59.900Z'), syncContext()));
      expect(pages.flatMap((page) => page.items.map((login) => login.externalId))).toEqual(['0Ya5j00000GLxD3CAL', '0Ya5j00000GLxD4CAL']);
      expect(fake.state.queries()[0]).toContain('WHERE LoginTime > 2021-10-20T07:59:59Z ORDER BY');
    });
  });

  describe('opportunities', () => {
    it('lists opportunities with deleted ones through queryAll, the plan fields under their plan names', async () => {
      fake.state.pageSize = 2;
      const pages = await collect(connector().opportunities(null, berlin()));

      expect(pages).toEqual([
        { items: [opp01, opp02], watermark: utc('2020-11-25T10:00:00Z') },
        { items: [opp03, opp04], watermark: utc('2021-01-21T23:28:31Z') },
        { items: [opp05], watermark: utc('2021-01-25T05:48:21Z') },
      ]);
      expect(fake.state.requests.filter((request) => request.path.endsWith('/queryAll'))).toHaveLength(1);
      expect(fake.state.queries()).toEqual([
        'SELECT Id, OwnerId, StageName, Amount, IsClosed, IsWon, CloseDate, LastActivityDate, LastModifiedDate, CreatedDate, SystemModstamp, IsDeleted, NextStep FROM Opportunity ORDER BY SystemModstamp ASC, Id ASC',
      ]);
    });

    it('stops at done and does not follow a nextRecordsUrl sent with done: true', async () => {
      fake.state.nextRecordsUrlWhenDone = true;
      const pages = await collect(connector().opportunities(null, berlin()));
      expect(pages.flatMap((page) => page.items.map((o) => o.externalId))).toEqual(
        [opp01, opp02, opp03, opp04, opp05].map((o) => o.externalId),
      );
      expect(fake.state.requests.some((request) => request.path.includes('01gGONE'))).toBe(false);
    });

    it('lists only what changed since the watermark on the second sync, deletions included', async () => {
      const sut = connector();
      const first = await collect(sut.opportunities(null, berlin()));
      const watermark = first[first.length - 1].watermark!;
      const rows = fake.state.objects.Opportunity.rows;
      const byId = (id: string) => rows.find((row) => row.Id === id)!;
      Object.assign(byId('0065j00000OPP02AAA'), {
        NextStep: 'Demo booked',
        LastModifiedDate: '2021-02-01T09:00:00.000+0000',
        SystemModstamp: '2021-02-01T09:00:00.000+0000',
      });
      Object.assign(byId('0065j00000OPP05AAA'), { IsDeleted: true, SystemModstamp: '2021-02-02T10:00:00.000+0000' });
      rows.push({
        Id: '0065j00000OPP06AAA',
        Name: 'Giraffe',
        OwnerId: SF_USERS.ada,
        AccountId: '001ACC02',
        StageName: 'Closed/Won',
        Amount: 789007.48,
        IsClosed: true,
        IsWon: true,
        CloseDate: '2021-02-01',
        NextStep: null,
        LastActivityDate: null,
        CreatedDate: '2021-01-30T08:00:00.000+0000',
        LastModifiedDate: '2021-02-03T08:00:00.000+0000',
        SystemModstamp: '2021-02-03T08:00:00.000+0000',
        IsDeleted: false,
      });

      // The sync asks from the watermark minus its 5-minute overlap: 05:48:21 - 5 min = 05:43:21.
      const second = await collect(sut.opportunities(watermark - 5 * 60_000, berlin()));

      expect(fake.state.queries()[1]).toContain(
        'FROM Opportunity WHERE SystemModstamp > 2021-01-25T05:43:21Z ORDER BY SystemModstamp ASC, Id ASC',
      );
      expect(second).toEqual([
        {
          items: [
            {
              ...opp02,
              lastModifiedAt: utc('2021-02-01T09:00:00Z'),
              fields: {
                ...opp02.fields,
                nextstep: 'Demo booked',
                next_step: 'Demo booked',
                lastmodifieddate: '2021-02-01T09:00:00.000+0000',
              },
            },
            // deleted: SystemModstamp moved with the deletion, LastModifiedDate did not; the deletion version is valid from it
            { ...opp05, deleted: true, modifiedAt: utc('2021-02-02T10:00:00Z') },
            {
              externalId: '0065j00000OPP06AAA',
              ownerExternalId: SF_USERS.ada,
              stage: 'Closed/Won',
              amount: 789007.48,
              isClosed: true,
              isWon: true,
              createdAt: utc('2021-01-30T08:00:00Z'),
              closeDate: '2021-02-01',
              lastActivityAt: null,
              lastModifiedAt: utc('2021-02-03T08:00:00Z'),
              deleted: false,
              fields: {
                ownerid: SF_USERS.ada,
                stagename: 'Closed/Won',
                amount: '789007.48',
                isclosed: 'true',
                iswon: 'true',
                closedate: '2021-02-01',
                lastactivitydate: null,
                lastmodifieddate: '2021-02-03T08:00:00.000+0000',
                createddate: '2021-01-30T08:00:00.000+0000',
                nextstep: null,
                close_date: '2021-02-01',
                next_step: null,
              },
            },
          ],
          watermark: utc('2021-02-03T08:00:00Z'),
        },
      ]);
    });

    it('names the plan field that Salesforce does not have', async () => {
      const error = await caught(() =>
        collect(connector().opportunities(null, syncContext({ requiredFields: { opportunity: ['amount', 'next_stpe'] } }))),
      );
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error.code).toBe('SALESFORCE_UNKNOWN_FIELD');
      expect(error.message).toBe(
        'launch plan required field "opportunity.next_stpe" does not exist on Salesforce object Opportunity: no field "next_stpe"',
      );
    });
  });

  describe('limits and errors', () => {
    it.each([
      [403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]],
      [429, [{ message: 'Too many requests', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]],
      [503, [{ message: 'Server temporarily unavailable', errorCode: 'SERVER_UNAVAILABLE' }]],
    ])('waits and retries a %s answer', async (status, body) => {
      fake.state.pageSize = 2;
      fake.state.faults.push({ when: (request) => request.path.endsWith('/query/01gFAKE1-2'), status, body, times: 2 });

      const pages = await collect(connector().opportunities(null, berlin()));

      expect(pages.map((page) => page.items)).toEqual([[opp01, opp02], [opp03, opp04], [opp05]]);
      // Exponential backoff from 2 s: 2 s, then 4 s.
      expect(transport.sleeps).toEqual([2000, 4000]);
    });

    it('fails the run with a clear message when the daily limit stays exceeded', async () => {
      fake.state.faults.push({
        when: (request) => request.path.endsWith('/queryAll'),
        status: 403,
        body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
        times: 99,
      });
      const sut = connector();

      const error = await caught(() => collect(sut.opportunities(null, berlin())));

      expect(error.code).toBe('SALESFORCE_LIMIT_EXCEEDED');
      // Calls: describe Opportunity (1), then queryAll 5 times; the last header said 6/15000.
      expect(error.message).toBe(
        `Salesforce API limit reached, HTTP 403 REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded. (API usage 6/15000) on GET ${fake.url}/services/data/v59.0/queryAll; gave up after 5 attempts`,
      );
      expect(transport.sleeps).toEqual([2000, 4000, 8000, 16000]);
    });

    it('yields the pages before a server error that persists, then fails with a ConnectorError', async () => {
      fake.state.pageSize = 2;
      fake.state.faults.push({
        when: (request) => request.path.endsWith('/query/01gFAKE1-2'),
        status: 500,
        body: [
          {
            errorCode: 'UNKNOWN_EXCEPTION',
            message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234-5678 (-1234)',
          },
        ],
        times: 99,
      });
      const seen: string[][] = [];

      const error = await caught(async () => {
        for await (const page of connector().opportunities(null, berlin())) seen.push(page.items.map((o) => o.externalId));
      });

      expect(seen).toEqual([[opp01.externalId, opp02.externalId]]);
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error.code).toBe('SALESFORCE_UNAVAILABLE');
      expect(error.message).toBe(
        `Salesforce server error, HTTP 500 UNKNOWN_EXCEPTION: An unexpected error occurred. Please include this ErrorId if you contact support: 1234-5678 (-1234) on GET ${fake.url}/services/data/v59.0/query/01gFAKE1-2; gave up after 5 attempts`,
      );
    });
  });

  describe('records', () => {
    it('lists the plan objects other than opportunity', async () => {
      expect(await connector().recordObjectTypes(syncContext({ requiredFields: { ...plan, contact: [] } }))).toEqual(['account']);
    });

    it('queries the plan fields of an object, found by name ignoring case', async () => {
      const pages = await collect(connector().records('account', null, syncContext({ requiredFields: plan })));
      const common = { objectType: 'account', createdAt: utc('2020-10-01T00:00:00Z'), deleted: false };
      expect(pages).toEqual([
        {
          items: [
            {
              ...common,
              externalId: '001ACC01',
              ownerExternalId: SF_USERS.ada,
              lastModifiedAt: utc('2020-11-01T10:00:00Z'),
              fields: {
                ownerid: SF_USERS.ada,
                createddate: '2020-10-01T00:00:00.000+0000',
                lastmodifieddate: '2020-11-01T10:00:00.000+0000',
                industry: 'n/a',
                phone: '1(302)556-4395',
                website: 'http://1688.com/at/nunc/commodo/placerat/praesent/blandit.aspx',
              },
            },
            {
              ...common,
              externalId: '001ACC02',
              ownerExternalId: SF_USERS.ada,
              lastModifiedAt: utc('2020-11-02T10:00:00Z'),
              fields: {
                ownerid: SF_USERS.ada,
                createddate: '2020-10-01T00:00:00.000+0000',
                lastmodifieddate: '2020-11-02T10:00:00.000+0000',
                industry: 'Industrial Machinery/Components',
                phone: '1(260)120-2439',
                website: 'http://liveinternet.ru/dis/parturient/montes.jpg',
              },
            },
            {
              ...common,
              externalId: '001ACC03',
              ownerExternalId: SF_USERS.grace,
              lastModifiedAt: utc('2020-11-03T10:00:00Z'),
              fields: {
                ownerid: SF_USERS.grace,
                createddate: '2020-10-01T00:00:00.000+0000',
                lastmodifieddate: '2020-11-03T10:00:00.000+0000',
                industry: 'Automotive Aftermarket',
                phone: '1(303)375-6956',
                website: null,
              },
            },
          ],
          watermark: utc('2020-11-03T10:00:00Z'),
        },
      ]);
      expect(fake.state.queries()).toEqual([
        'SELECT Id, OwnerId, CreatedDate, LastModifiedDate, SystemModstamp, IsDeleted, Industry, Phone, Website FROM Account ORDER BY SystemModstamp ASC, Id ASC',
      ]);
    });

    it('follows a one-level relationship path and names an unknown object', async () => {
      const related = await collect(
        connector().opportunities(null, syncContext({ requiredFields: { opportunity: ['account.industry'] } })),
      );
      expect(related.flatMap((page) => page.items.map((o) => o.fields['account.industry']))).toEqual([
        'n/a',
        'Industrial Machinery/Components',
        'n/a',
        'Automotive Aftermarket',
        'Industrial Machinery/Components',
      ]);

      const error = await caught(() =>
        collect(connector().records('invoice', null, syncContext({ requiredFields: { invoice: ['total'] } }))),
      );
      expect(error.code).toBe('SALESFORCE_UNKNOWN_OBJECT');
      expect(error.message).toBe(
        'launch plan required_fields names object "invoice", which is not a Salesforce object the API user can see',
      );
    });
  });

  it('has no training data', async () => {
    expect(await collect(connector().training(syncContext()))).toEqual([]);
  });

  describe('activities', () => {
    // Europe/Berlin is UTC+2 in October 2021: a Task's ActivityDate (a calendar day) is local
    // midnight, 22:00 UTC the day before; an Event's ActivityDateTime is an instant.
    const call: Activity = {
      externalId: '00T5j00000TSK01AAA',
      ownerExternalId: SF_USERS.ada,
      type: 'call',
      occurredAt: utc('2021-10-17T22:00:00Z'),
      relatedExternalId: '0065j00000OPP01AAA',
      createdAt: utc('2021-10-18T07:30:00Z'),
      deleted: false,
    };
    // No ActivityDate: the task happened when it was created.
    const email: Activity = {
      externalId: '00T5j00000TSK02AAA',
      ownerExternalId: SF_USERS.grace,
      type: 'email',
      occurredAt: utc('2021-10-19T12:00:00Z'),
      relatedExternalId: null,
      createdAt: utc('2021-10-19T12:00:00Z'),
      deleted: false,
    };
    const deletedTask: Activity = {
      externalId: '00T5j00000TSK03AAA',
      ownerExternalId: SF_USERS.ada,
      type: 'task',
      occurredAt: utc('2021-10-19T22:00:00Z'),
      relatedExternalId: '0065j00000OPP02AAA',
      createdAt: utc('2021-10-15T09:00:00Z'),
      deleted: true,
    };
    const meeting: Activity = {
      externalId: '00U5j00000EVT01AAA',
      ownerExternalId: SF_USERS.grace,
      type: 'meeting',
      occurredAt: utc('2021-10-19T14:00:00Z'),
      relatedExternalId: '0065j00000OPP03AAA',
      createdAt: utc('2021-10-12T08:00:00Z'),
      deleted: false,
    };
    // All-day event: ActivityDateTime null, the day's local midnight.
    const allDay: Activity = {
      externalId: '00U5j00000EVT02AAA',
      ownerExternalId: SF_USERS.ada,
      type: 'meeting',
      occurredAt: utc('2021-10-20T22:00:00Z'),
      relatedExternalId: null,
      createdAt: utc('2021-10-13T08:00:00Z'),
      deleted: false,
    };

    it('reads Task and Event through queryAll in pages, deletions kept, watermark with the last page', async () => {
      fake.state.pageSize = 2;
      const pages = await collect(connector().activities(null, berlin()));

      expect(pages).toEqual([
        { items: [call, email] },
        { items: [deletedTask] },
        { items: [meeting, allDay] },
        // The newest SystemModstamp of both objects: the deleted task's 2021-10-20T16:00Z.
        { items: [], watermark: utc('2021-10-20T16:00:00Z') },
      ]);
      const paths = fake.state.requests.map((request) => request.path).filter((path) => /query/.test(path));
      expect(paths.filter((path) => path.endsWith('/queryAll'))).toHaveLength(2);
      expect(paths.some((path) => /\/query\/01gFAKE1-2$/.test(path))).toBe(true);
    });

    it('reads only rows changed after the watermark, and a second sync only what changed since', async () => {
      const sut = connector();
      const first = await collect(sut.activities(utc('2021-10-19T12:00:00Z'), berlin()));
      // SystemModstamp > 12:00Z on the 19th: the deleted task (20th 16:00Z) and the all-day event (20th 09:00Z).
      expect(first).toEqual([{ items: [deletedTask] }, { items: [allDay] }, { items: [], watermark: utc('2021-10-20T16:00:00Z') }]);
      expect(fake.state.queries().filter((soql) => /FROM (Task|Event)/.test(soql))).toEqual([
        'SELECT Id, OwnerId, WhatId, ActivityDate, TaskSubtype, Type, CreatedDate, SystemModstamp, IsDeleted FROM Task WHERE SystemModstamp > 2021-10-19T12:00:00Z ORDER BY SystemModstamp ASC, Id ASC',
        'SELECT Id, OwnerId, WhatId, ActivityDate, ActivityDateTime, IsAllDayEvent, Type, CreatedDate, SystemModstamp, IsDeleted FROM Event WHERE SystemModstamp > 2021-10-19T12:00:00Z ORDER BY SystemModstamp ASC, Id ASC',
      ]);

      // Ada deletes her call the next morning.
      const callRow = fake.state.objects.Task.rows[0];
      Object.assign(callRow, { IsDeleted: true, SystemModstamp: '2021-10-21T08:00:00.000+0000' });
      const second = await collect(sut.activities(utc('2021-10-20T16:00:00Z') - 5 * 60_000, berlin()));
      // The 5-minute overlap (from 15:55Z) reads the deleted task (16:00Z) again; the events are older.
      expect(second).toEqual([{ items: [deletedTask, { ...call, deleted: true }] }, { items: [], watermark: utc('2021-10-21T08:00:00Z') }]);
    });

    it('yields nothing and no watermark when nothing changed', async () => {
      expect(await collect(connector().activities(utc('2021-10-22T00:00:00Z'), berlin()))).toEqual([]);
    });

    it('waits and retries a rate-limit answer', async () => {
      fake.state.faults.push({
        when: (request) => request.path.endsWith('/queryAll') && /FROM Event/.test(request.query.get('q') ?? ''),
        status: 403,
        body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
        times: 1,
      });
      const pages = await collect(connector().activities(null, berlin()));
      expect(pages.flatMap((page) => page.items)).toEqual([call, email, deletedTask, meeting, allDay]);
      expect(transport.sleeps).toEqual([2000]);
    });

    it('says which permission is missing when the API user cannot read Task', async () => {
      await fake.close();
      const { Task: _task, ...withoutTask } = salesforceFixture();
      fake = await startFakeSalesforce(withoutTask);
      const error = await caught(() => collect(connector().activities(null, berlin())));
      expect(error).toBeInstanceOf(FamilyPermissionError);
      expect(error.code).toBe('SALESFORCE_PERMISSION_MISSING');
      expect((error as FamilyPermissionError).permission).toBe('Read on Task');
      // describe of an object the user cannot see: 404 NOT_FOUND.
      expect(error.message).toBe(
        'the Salesforce API user cannot read Task (NOT_FOUND: The requested resource does not exist): give its profile or a permission set read access to Tasks ("Read" on Activities, or "View All Activities" for other users\' tasks); activities are not synced until then',
      );

      // The test counts with a query: INVALID_TYPE.
      const summary = await connector().test(syncContext());
      expect(summary.split('\n')).toContain(
        `activities: NOT SYNCED: the Salesforce API user cannot read Task (INVALID_TYPE: sObject type 'Task' is not supported.): give its profile or a permission set read access to Tasks ("Read" on Activities, or "View All Activities" for other users' tasks); activities are not synced until then`,
      );
    });

    it('leaves out the fields that field-level security hides', async () => {
      fake.state.objects.Task.fields = fake.state.objects.Task.fields.filter((field) => field.name !== 'TaskSubtype');
      const pages = await collect(connector().activities(null, berlin()));
      // Without TaskSubtype the type comes from Type: the call says Call; the email task has no Type, so it is a task.
      expect(pages.flatMap((page) => page.items).slice(0, 2)).toEqual([call, { ...email, type: 'task' }]);
      expect(fake.state.queries().find((soql) => soql.includes('FROM Task'))).not.toContain('TaskSubtype');
    });
  });

  describe('test', () => {
    it('checks the credentials, Manage Users and every plan field, and says what will be synced', async () => {
      const summary = await connector().test(syncContext({ requiredFields: plan }));
      expect(summary.split('\n')).toEqual([
        `Salesforce ${fake.url} (REST API v59.0), signed in with client credentials as user ${SF_USERS.integration}`,
        'users: 5 from User, department from User.Department',
        'logins: LoginHistory readable (Manage Users)',
        // COUNT() through query leaves out the deleted OPP04: 5 - 1 = 4.
        'opportunities: 4, incremental on SystemModstamp, deletions through queryAll; required fields amount -> Amount, close_date -> CloseDate, next_step -> NextStep',
        'records: account from Account; required fields industry -> Industry, phone -> Phone, website -> Website',
        // COUNT() through query leaves out the deleted task: 3 - 1 = 2.
        'activities: 2 Task, 2 Event, incremental on SystemModstamp, deletions through queryAll',
        'training: none (Salesforce has no standard training object)',
        // describe User, COUNT User, COUNT PermissionSetAssignment, COUNT Opportunity, describe Opportunity, global describe,
        // describe Account, COUNT Task, COUNT Event = 9.
        'API usage: 9/15000 API requests used today',
      ]);
    });

    it("fails when the API user cannot read other users' LoginHistory", async () => {
      await fake.close();
      fake = await startFakeSalesforce(salesforceFixture(), { apiUserId: SF_USERS.ada });
      const error = await caught(() => connector().test(syncContext()));
      expect(error.code).toBe('SALESFORCE_PERMISSION_MISSING');
      expect(error.message).toBe(
        `the Salesforce API user ${SF_USERS.ada} cannot read other users' LoginHistory: give it the "Manage Users" (or "Monitor Login History") permission, through its profile or a permission set`,
      );
    });
  });
});
