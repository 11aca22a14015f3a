import {
  ConnectorError,
  FamilyPermissionError,
  type Activity,
  type Opportunity,
  createDataverseConnector,
  DataverseConnector,
} from '../../server/test/testing';
import { startFakeDataverse, type FakeDataverse } from '../fake-crm/dataverse.fake';
import { dataverseFixture, DV_USERS } from '../fake-crm/dataverse.fixture';
import { caught, collect, recordingTransport, syncContext, utc } from './connector-test.util';
import { allowPrivateCrmHosts } from '../support/private-crm-hosts';

allowPrivateCrmHosts();

describe(DataverseConnector.name, () => {
  let fake: FakeDataverse;
  let transport: ReturnType<typeof recordingTransport>;

  beforeEach(async () => {
    fake = await startFakeDataverse(dataverseFixture());
    transport = recordingTransport();
  });
  afterEach(() => fake.close());

  const options = (extra: Record<string, string> = {}) => ({
    instance_url: fake.url,
    authority: fake.url,
    tenant_id: fake.state.tenantId,
    client_id: fake.state.clientId,
    client_secret: fake.state.clientSecret,
    ...extra,
  });
  const connector = (extra: Record<string, string> = {}) => createDataverseConnector(options(extra), { transport });
  const plan = { opportunity: ['amount', 'close_date', 'description'], account: ['telephone1', 'websiteurl', 'industrycode'] };
  const ctx = () => syncContext({ requiredFields: plan });

  const opp1: Opportunity = {
    externalId: 'd0000000-0000-0000-0000-000000000001',
    ownerExternalId: DV_USERS.yvonne,
    stage: '2-Develop',
    amount: 25000,
    isClosed: false,
    isWon: false,
    createdAt: utc('2024-02-01T10:00:00Z'),
    closeDate: '2024-05-31',
    lastActivityAt: null,
    lastModifiedAt: utc('2024-03-20T09:00:00Z'),
    deleted: false,
    fields: {
      name: 'Contoso fleet',
      statecode: '0',
      statuscode: '1',
      stepname: '2-Develop',
      estimatedvalue: '25000',
      estimatedclosedate: '2024-05-31',
      actualvalue: null,
      actualclosedate: null,
      createdon: '2024-02-01T10:00:00Z',
      modifiedon: '2024-03-20T09:00:00Z',
      ownerid: DV_USERS.yvonne,
      amount: '25000',
      close_date: '2024-05-31',
      description: 'Fleet of 40 vans',
    },
  };
  // Won (statecode 1): the actual value and the actual close date.
  const opp2: Opportunity = {
    externalId: 'd0000000-0000-0000-0000-000000000002',
    ownerExternalId: DV_USERS.dan,
    stage: 'Won',
    amount: 52000,
    isClosed: true,
    isWon: true,
    createdAt: utc('2024-01-10T08:00:00Z'),
    closeDate: '2024-03-28',
    lastActivityAt: null,
    lastModifiedAt: utc('2024-04-01T10:00:00Z'),
    deleted: false,
    fields: {
      name: 'Fabrikam renewal',
      statecode: '1',
      statuscode: '3',
      stepname: '4-Close',
      estimatedvalue: '50000',
      estimatedclosedate: '2024-03-31',
      actualvalue: '52000',
      actualclosedate: '2024-03-28',
      createdon: '2024-01-10T08:00:00Z',
      modifiedon: '2024-04-01T10:00:00Z',
      ownerid: DV_USERS.dan,
      amount: '50000',
      close_date: '2024-03-31',
      description: 'n/a',
    },
  };
  // Lost (statecode 2, status Canceled): no actual value, so the estimate.
  const opp3: Opportunity = {
    externalId: 'd0000000-0000-0000-0000-000000000003',
    ownerExternalId: DV_USERS.dan,
    stage: 'Canceled',
    amount: 8000,
    isClosed: true,
    isWon: false,
    createdAt: utc('2024-01-20T08:00:00Z'),
    closeDate: '2024-03-10',
    lastActivityAt: null,
    lastModifiedAt: utc('2024-03-10T16:30:00Z'),
    deleted: false,
    fields: {
      name: 'Adventure Works pilot',
      statecode: '2',
      statuscode: '4',
      stepname: '3-Propose',
      estimatedvalue: '8000',
      estimatedclosedate: '2024-03-15',
      actualvalue: null,
      actualclosedate: '2024-03-10',
      createdon: '2024-01-20T08:00:00Z',
      modifiedon: '2024-03-10T16:30:00Z',
      ownerid: DV_USERS.dan,
      amount: '8000',
      close_date: '2024-03-15',
      description: null,
    },
  };
  // Open without a pipeline phase: the status reason is the stage.
  const opp4: Opportunity = {
    externalId: 'd0000000-0000-0000-0000-000000000004',
    ownerExternalId: DV_USERS.yvonne,
    stage: 'In Progress',
    amount: null,
    isClosed: false,
    isWon: false,
    createdAt: utc('2024-03-01T08:00:00Z'),
    closeDate: '2024-06-30',
    lastActivityAt: null,
    lastModifiedAt: utc('2024-03-25T11:00:00Z'),
    deleted: false,
    fields: {
      name: 'Litware expansion',
      statecode: '0',
      statuscode: '1',
      stepname: null,
      estimatedvalue: null,
      estimatedclosedate: '2024-06-30',
      actualvalue: null,
      actualclosedate: null,
      createdon: '2024-03-01T08:00:00Z',
      modifiedon: '2024-03-25T11:00:00Z',
      ownerid: DV_USERS.yvonne,
      amount: null,
      close_date: '2024-06-30',
      description: 'Upsell 2 modules',
    },
  };

  describe('options', () => {
    it('names the missing options and never shows a secret', () => {
      let error: ConnectorError | undefined;
      try {
        createDataverseConnector({
          instance_url: 'https://contoso.crm4.dynamics.com',
          client_secret: 'very-secret~value',
          page_size: '9000',
        });
      } catch (thrown) {
        error = thrown as ConnectorError;
      }
      expect(error?.code).toBe('CONNECTOR_OPTIONS_INVALID');
      expect(error?.message).toBe(
        'invalid dataverse connection options: option "tenant_id": required: the Microsoft Entra tenant id or domain; option "client_id": required: the app registration (client) id; option "page_size": expected a whole number from 1 to 5000',
      );
    });
  });

  describe('auth', () => {
    it('fails with the Entra error, not the secret, when the secret is wrong', async () => {
      const error = await caught(() => collect(connector({ client_secret: 'wrong~secret' }).users(ctx())));
      expect(error.code).toBe('DATAVERSE_AUTH_FAILED');
      expect(error.message).toBe(
        `Dataverse refused the credentials at ${fake.url}/contoso.onmicrosoft.com/oauth2/v2.0/token (HTTP 401): invalid_client (AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.)`,
      );
      expect(error.message).not.toContain('wrong~secret');
    });

    it('asks Entra for a token for the environment, and a new one when it is refused mid-sync', async () => {
      fake.state.pageSize = 2;
      const pages = [];
      for await (const page of connector().users(ctx())) {
        pages.push(page);
        if (pages.length === 1) fake.state.expireTokens();
      }
      expect(pages.map((page) => page.items.length)).toEqual([2, 2, 1]);
      expect(fake.state.tokensIssued).toBe(2);
      const form = Object.fromEntries(
        new URLSearchParams(fake.state.requests.find((request) => request.path.endsWith('/oauth2/v2.0/token'))!.body),
      );
      expect(form).toEqual({
        grant_type: 'client_credentials',
        client_id: fake.state.clientId,
        client_secret: fake.state.clientSecret,
        scope: `${fake.url}/.default`,
      });
    });

    it('renews a token that is about to expire before using it', async () => {
      // Lifetime 30 s is inside the 60 s renewal margin: every call gets a fresh token.
      fake.state.tokenLifetimeSeconds = 30;
      fake.state.pageSize = 2;
      await collect(connector().users(ctx()));
      expect(fake.state.tokensIssued).toBe(3);
    });
  });

  it('maps systemusers: business unit as department, application and non-interactive users as integration', async () => {
    fake.state.pageSize = 2;
    const pages = await collect(connector().users(ctx()));
    expect(pages).toEqual([
      {
        items: [
          {
            externalId: DV_USERS.yvonne,
            name: 'Yvonne McKay',
            email: 'yvonne@contoso.com',
            department: 'Sales EMEA',
            role: 'Account Manager',
            managerExternalId: null,
            active: true,
            licensed: true,
            integration: false,
            createdAt: utc('2022-05-12T22:19:12Z'),
          },
          {
            externalId: DV_USERS.dan,
            name: 'Dan Park',
            email: 'dan@contoso.com',
            department: 'Sales EMEA',
            role: 'Sales Rep',
            managerExternalId: DV_USERS.yvonne,
            active: true,
            licensed: true,
            integration: false,
            createdAt: utc('2022-06-01T09:00:00Z'),
          },
        ],
      },
      {
        items: [
          {
            externalId: DV_USERS.disabled,
            name: 'Former Rep',
            email: 'former@contoso.com',
            department: 'Sales NA',
            role: 'Sales Rep',
            managerExternalId: null,
            active: false,
            licensed: false,
            integration: false,
            createdAt: utc('2021-01-01T00:00:00Z'),
          },
          // accessmode 4 (non-interactive) with an applicationid: the app user this connector signs in as.
          {
            externalId: DV_USERS.app,
            name: '# Uptake Sync',
            email: null,
            department: 'Sales EMEA',
            role: null,
            managerExternalId: null,
            active: true,
            licensed: false,
            integration: true,
            createdAt: utc('2023-01-01T00:00:00Z'),
          },
        ],
      },
      // accessmode 3: Microsoft support user.
      {
        items: [
          {
            externalId: DV_USERS.support,
            name: 'Microsoft Support',
            email: 'support@microsoft.com',
            department: 'Sales NA',
            role: null,
            managerExternalId: null,
            active: true,
            licensed: true,
            integration: true,
            createdAt: utc('2021-01-01T00:00:00Z'),
          },
        ],
      },
    ]);
  });

  describe('logins', () => {
    it('reads user-access audit records (64 web, 65 web services), oldest first, watermark per page', async () => {
      fake.state.pageSize = 2;
      const pages = await collect(connector().logins(null, ctx()));
      // Audit c...03 is an update (action 2), not an access.
      expect(pages).toEqual([
        {
          items: [
            {
              externalId: 'c0000000-0000-0000-0000-000000000001',
              userExternalId: DV_USERS.yvonne,
              loginAt: utc('2024-04-01T08:00:00Z'),
              success: true,
              channel: 'web',
            },
            {
              externalId: 'c0000000-0000-0000-0000-000000000002',
              userExternalId: DV_USERS.app,
              loginAt: utc('2024-04-01T09:30:00Z'),
              success: true,
              channel: 'api',
            },
          ],
          watermark: utc('2024-04-01T09:30:00Z'),
        },
        {
          items: [
            {
              externalId: 'c0000000-0000-0000-0000-000000000004',
              userExternalId: DV_USERS.yvonne,
              loginAt: utc('2024-04-01T12:15:00Z'),
              success: true,
              channel: 'web',
            },
            {
              externalId: 'c0000000-0000-0000-0000-000000000005',
              userExternalId: DV_USERS.dan,
              loginAt: utc('2024-04-02T07:45:00Z'),
              success: true,
              channel: 'web',
            },
          ],
          watermark: utc('2024-04-02T07:45:00Z'),
        },
      ]);
      // Every page after the first is the nextLink verbatim, with its $skiptoken.
      expect(
        fake.state.requests.filter((request) => request.path.endsWith('/audits')).map((request) => request.query.has('$skiptoken')),
      ).toEqual([false, true]);
    });

    it('says how to turn auditing on when user access auditing is off', async () => {
      fake.state.organization.isuseraccessauditenabled = false;
      const error = await caught(() => collect(connector().logins(null, ctx())));
      expect(error.code).toBe('DATAVERSE_AUDIT_OFF');
      expect(error.message).toBe(
        'Dataverse user access auditing is off (isuseraccessauditenabled = false), so logins cannot be read: in the Power Platform admin center open the environment, Settings > Audit and logs > Audit settings, and turn on "Start auditing" and "Log access"',
      );
    });
  });

  describe('opportunities', () => {
    it('lists opportunities by modifiedon with plan fields, `amount` and `close_date` mapped to Dataverse columns', async () => {
      fake.state.pageSize = 2;
      const pages = await collect(connector().opportunities(null, ctx()));
      // modifiedon ascending: opp3 03-10, opp1 03-20, opp4 03-25, opp2 04-01.
      expect(pages).toEqual([
        { items: [opp3, opp1], watermark: utc('2024-03-20T09:00:00Z') },
        { items: [opp4, opp2], watermark: utc('2024-04-01T10:00:00Z') },
      ]);
      const query = fake.state.requests.find((request) => request.path.endsWith('/opportunities'))!.query;
      expect(query.get('$select')).toBe(
        'opportunityid,createdon,modifiedon,_ownerid_value,name,statecode,statuscode,stepname,estimatedvalue,estimatedclosedate,actualvalue,actualclosedate,description',
      );
      expect(query.get('$orderby')).toBe('modifiedon asc,opportunityid asc');
    });

    it('lists only the changes since the watermark on the second sync, deletions from the audit log', async () => {
      const sut = connector();
      const first = await collect(sut.opportunities(null, ctx()));
      const watermark = first[first.length - 1].watermark!;
      const rows = fake.state.tables.opportunities.rows;
      const byId = (id: string) => rows.find((row) => row.opportunityid === id)!;
      Object.assign(byId(opp2.externalId), { description: 'Signed', modifiedon: '2024-04-02T15:00:00Z' });
      Object.assign(byId(opp1.externalId), { stepname: '3-Propose', modifiedon: '2024-04-03T09:00:00Z' });
      rows.splice(rows.indexOf(byId(opp4.externalId)), 1);
      fake.state.tables.audits.rows.push({
        auditid: 'c0000000-0000-0000-0000-000000000006',
        createdon: '2024-04-03T10:00:00Z',
        action: 3,
        operation: 3,
        objecttypecode: 'opportunity',
        _userid_value: DV_USERS.yvonne,
        _objectid_value: opp4.externalId,
      });
      rows.push({
        opportunityid: 'd0000000-0000-0000-0000-000000000005',
        name: 'Northwind trial',
        statecode: 0,
        statuscode: 1,
        'statuscode@OData.Community.Display.V1.FormattedValue': 'In Progress',
        stepname: '1-Qualify',
        estimatedvalue: 3000,
        estimatedclosedate: '2024-07-31',
        actualvalue: null,
        actualclosedate: null,
        description: null,
        createdon: '2024-04-03T11:00:00Z',
        modifiedon: '2024-04-03T11:00:00Z',
        _ownerid_value: DV_USERS.dan,
      });

      // The sync asks from the watermark minus 5 minutes: 2024-04-01T09:55:00Z.
      const second = await collect(sut.opportunities(watermark - 5 * 60_000, ctx()));

      expect(second).toEqual([
        // Dataverse no longer has the deleted row: only its id and when, from the audit record.
        {
          items: [
            {
              externalId: opp4.externalId,
              ownerExternalId: null,
              stage: null,
              amount: null,
              isClosed: false,
              isWon: false,
              createdAt: null,
              closeDate: null,
              lastActivityAt: null,
              lastModifiedAt: utc('2024-04-03T10:00:00Z'),
              deleted: true,
              fields: {},
            },
          ],
        },
        {
          items: [
            {
              ...opp2,
              lastModifiedAt: utc('2024-04-02T15:00:00Z'),
              fields: { ...opp2.fields, description: 'Signed', modifiedon: '2024-04-02T15:00:00Z' },
            },
            {
              ...opp1,
              stage: '3-Propose',
              lastModifiedAt: utc('2024-04-03T09:00:00Z'),
              fields: { ...opp1.fields, stepname: '3-Propose', modifiedon: '2024-04-03T09:00:00Z' },
            },
            {
              externalId: 'd0000000-0000-0000-0000-000000000005',
              ownerExternalId: DV_USERS.dan,
              stage: '1-Qualify',
              amount: 3000,
              isClosed: false,
              isWon: false,
              createdAt: utc('2024-04-03T11:00:00Z'),
              closeDate: '2024-07-31',
              lastActivityAt: null,
              lastModifiedAt: utc('2024-04-03T11:00:00Z'),
              deleted: false,
              fields: {
                name: 'Northwind trial',
                statecode: '0',
                statuscode: '1',
                stepname: '1-Qualify',
                estimatedvalue: '3000',
                estimatedclosedate: '2024-07-31',
                actualvalue: null,
                actualclosedate: null,
                createdon: '2024-04-03T11:00:00Z',
                modifiedon: '2024-04-03T11:00:00Z',
                ownerid: DV_USERS.dan,
                amount: '3000',
                close_date: '2024-07-31',
                description: null,
              },
            },
          ],
          watermark: utc('2024-04-03T11:00:00Z'),
        },
      ]);
      const opportunityQueries = fake.state.requests
        .filter((request) => request.path.endsWith('/opportunities'))
        .map((request) => request.query.get('$filter'));
      expect(opportunityQueries).toEqual([null, 'modifiedon gt 2024-04-01T09:55:00Z']);
    });

    it('names a plan field that is not a column, with close matches', async () => {
      const error = await caught(() =>
        collect(connector().records('account', null, syncContext({ requiredFields: { account: ['industry'] } }))),
      );
      expect(error.code).toBe('DATAVERSE_UNKNOWN_FIELD');
      expect(error.message).toBe(
        'launch plan required field "account.industry" is not a column of Dataverse table account (did you mean industrycode?)',
      );
    });
  });

  describe('limits and errors', () => {
    it('waits as long as Retry-After says on a 429, then retries', async () => {
      fake.state.pageSize = 2;
      const throttled = {
        status: 429,
        body: { error: { code: '0x80072322', message: 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.' } },
      };
      fake.state.faults.push(
        { ...throttled, headers: { 'Retry-After': '7' }, when: (request) => request.query.has('$skiptoken') },
        { ...throttled, when: (request) => request.query.has('$skiptoken') },
      );
      const pages = await collect(connector().users(ctx()));
      expect(pages.map((page) => page.items.map((user) => user.externalId))).toEqual([
        [DV_USERS.yvonne, DV_USERS.dan],
        [DV_USERS.disabled, DV_USERS.app],
        [DV_USERS.support],
      ]);
      // Retry-After: 7 -> 7 s; no Retry-After on the second 429 -> backoff, 2nd attempt: 2 s * 2 = 4 s.
      expect(transport.sleeps).toEqual([7000, 4000]);
    });

    it('yields the pages before a persistent server error, then fails with a ConnectorError', async () => {
      fake.state.pageSize = 2;
      fake.state.faults.push({
        when: (request) => request.query.has('$skiptoken'),
        status: 503,
        body: { error: { code: '0x80040216', message: 'An unexpected error occurred.' } },
        times: 99,
      });
      const seen: string[][] = [];
      const error = await caught(async () => {
        for await (const page of connector().opportunities(null, ctx())) seen.push(page.items.map((o) => o.externalId));
      });
      expect(seen).toEqual([[opp3.externalId, opp1.externalId]]);
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error.code).toBe('DATAVERSE_UNAVAILABLE');
      expect(error.message).toBe(
        `Dataverse server error, HTTP 503: 0x80040216 An unexpected error occurred. on GET ${fake.url}/api/data/v9.2/opportunities; gave up after 5 attempts`,
      );
      expect(transport.sleeps).toEqual([2000, 4000, 8000, 16000]);
    });
  });

  describe('records', () => {
    it('reads a plan table by its logical name', async () => {
      const pages = await collect(connector().records('account', null, ctx()));
      expect(pages).toEqual([
        {
          items: [
            {
              objectType: 'account',
              externalId: 'e0000000-0000-0000-0000-000000000001',
              ownerExternalId: DV_USERS.dan,
              createdAt: utc('2023-05-01T00:00:00Z'),
              lastModifiedAt: utc('2024-02-01T00:00:00Z'),
              deleted: false,
              fields: { telephone1: '555-0150', websiteurl: 'https://fabrikam.example', industrycode: '7' },
            },
            {
              objectType: 'account',
              externalId: 'e0000000-0000-0000-0000-000000000002',
              ownerExternalId: DV_USERS.yvonne,
              createdAt: utc('2023-06-01T00:00:00Z'),
              lastModifiedAt: utc('2024-02-02T00:00:00Z'),
              deleted: false,
              fields: { telephone1: null, websiteurl: 'tbd', industrycode: null },
            },
          ],
          watermark: utc('2024-02-02T00:00:00Z'),
        },
      ]);
    });

    it('names a plan object that is not a table', async () => {
      const error = await caught(() =>
        collect(connector().records('invoice', null, syncContext({ requiredFields: { invoice: ['total'] } }))),
      );
      expect(error.code).toBe('DATAVERSE_UNKNOWN_OBJECT');
      expect(error.message).toBe(
        `launch plan required_fields names object "invoice", which is not a Dataverse table (logical name) in ${fake.url}`,
      );
    });
  });

  describe('activities', () => {
    const CALL_ID = 'e0000000-0000-0000-0000-000000000001';
    // Completed: actualend counts.
    const call: Activity = {
      externalId: CALL_ID,
      ownerExternalId: DV_USERS.yvonne,
      type: 'call',
      occurredAt: utc('2024-04-01T09:20:00Z'),
      relatedExternalId: 'd0000000-0000-0000-0000-000000000001',
      createdAt: utc('2024-04-01T09:25:00Z'),
      deleted: false,
    };
    // Not held yet: scheduledend counts.
    const meeting: Activity = {
      externalId: 'e0000000-0000-0000-0000-000000000002',
      ownerExternalId: DV_USERS.dan,
      type: 'meeting',
      occurredAt: utc('2024-04-03T15:00:00Z'),
      relatedExternalId: 'd0000000-0000-0000-0000-000000000002',
      createdAt: utc('2024-03-28T10:00:00Z'),
      deleted: false,
    };
    // Neither: createdon counts.
    const task: Activity = {
      externalId: 'e0000000-0000-0000-0000-000000000003',
      ownerExternalId: DV_USERS.yvonne,
      type: 'task',
      occurredAt: utc('2024-04-02T08:00:00Z'),
      relatedExternalId: null,
      createdAt: utc('2024-04-02T08:00:00Z'),
      deleted: false,
    };
    // Dan deletes the call on the 2nd at noon: only the delete audit record says so.
    const deleteCall = () => {
      fake.state.tables.activitypointers.rows.shift();
      fake.state.tables.audits.rows.push({
        auditid: 'c0000000-0000-0000-0000-000000000010',
        createdon: '2024-04-02T12:00:00Z',
        action: 3,
        operation: 3,
        objecttypecode: 'phonecall',
        _userid_value: DV_USERS.dan,
        _objectid_value: CALL_ID,
      });
    };
    const callDeleted: Activity = {
      externalId: CALL_ID,
      ownerExternalId: '',
      type: 'call',
      occurredAt: utc('2024-04-02T12:00:00Z'),
      relatedExternalId: null,
      createdAt: null,
      deleted: true,
      deletionOnly: true,
    };

    it('pages activitypointers by @odata.nextLink, oldest change first, the watermark per page', async () => {
      fake.state.pageSize = 2;
      const pages = await collect(connector().activities!(null, ctx()));
      // The email without owner counts for nobody, but its modifiedon (10:00 on the 2nd) moves the watermark.
      expect(pages).toEqual([
        { items: [call, meeting], watermark: utc('2024-04-01T11:00:00Z') },
        { items: [task], watermark: utc('2024-04-02T10:00:00Z') },
      ]);
      const reads = fake.state.requests.filter((request) => request.path.endsWith('/activitypointers'));
      expect(reads).toHaveLength(2);
      expect(reads[0].query.get('$select')).toBe(
        'activityid,activitytypecode,actualend,scheduledend,_ownerid_value,_regardingobjectid_value,createdon,modifiedon',
      );
      expect(reads[1].query.has('$skiptoken')).toBe(true);
    });

    it('reads deletions from the audit log and rows changed after the watermark; a second sync only what changed', async () => {
      deleteCall();
      const sut = connector();
      const first = await collect(sut.activities!(utc('2024-04-01T11:00:00Z'), ctx()));
      expect(first).toEqual([{ items: [callDeleted] }, { items: [task], watermark: utc('2024-04-02T10:00:00Z') }]);
      const activityReads = fake.state.requests.filter((request) => request.path.endsWith('/activitypointers'));
      expect(activityReads.map((request) => request.query.get('$filter'))).toEqual(['modifiedon gt 2024-04-01T11:00:00Z']);

      // Dan's meeting is held and closed at 15:30 on the 3rd.
      Object.assign(fake.state.tables.activitypointers.rows[0], { actualend: '2024-04-03T15:30:00Z', modifiedon: '2024-04-03T16:00:00Z' });
      const second = await collect(sut.activities!(utc('2024-04-02T10:00:00Z') - 5 * 60_000, ctx()));
      // From 09:55 on the 2nd: the deletion (12:00) again, the owner-less email (10:00) and the meeting.
      expect(second).toEqual([
        { items: [callDeleted] },
        { items: [{ ...meeting, occurredAt: utc('2024-04-03T15:30:00Z') }], watermark: utc('2024-04-03T16:00:00Z') },
      ]);
    });

    it('sees no deletions when auditing is off, and says so', async () => {
      deleteCall();
      fake.state.organization.isauditenabled = false;
      const context = ctx();
      const pages = await collect(connector().activities!(utc('2024-04-01T11:00:00Z'), context));
      expect(pages).toEqual([{ items: [task], watermark: utc('2024-04-02T10:00:00Z') }]);
      expect(context.messages).toContain('Dataverse: auditing is off, so deleted activities cannot be seen');
    });

    it('waits out a 429 and goes on', async () => {
      fake.state.faults.push({
        when: (request) => request.path.endsWith('/activitypointers'),
        status: 429,
        headers: { 'Retry-After': '5' },
        body: { error: { code: '0x80072322', message: 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.' } },
      });
      const pages = await collect(connector().activities!(null, ctx()));
      expect(pages.flatMap((page) => page.items)).toEqual([call, meeting, task]);
      expect(transport.sleeps).toEqual([5000]);
    });

    it('names the missing privilege when the role may not read activities, and the test says so', async () => {
      fake.state.missingPrivileges.activitypointers = 'prvReadActivityPointer';
      const error = await caught(() => collect(connector().activities!(null, ctx())));
      expect(error).toBeInstanceOf(FamilyPermissionError);
      expect(error.code).toBe('DATAVERSE_PERMISSION_MISSING');
      expect((error as FamilyPermissionError).permission).toBe('prvReadActivityPointer');
      expect(error.message).toBe(
        'the Dataverse application user lacks the prvReadActivityPointer privilege, so activities cannot be read: give its security role Read on Activity (and on the activity tables: Phone Call, Email, Appointment, Task)',
      );
      const summary = await connector().test(ctx());
      expect(summary.split('\n')).toContain(`activities: NOT SYNCED: ${error.message}`);
    });
  });

  it('has no training data', async () => {
    expect(await collect(connector().training(ctx()))).toEqual([]);
  });

  describe('test', () => {
    it('checks the token, the audit settings and every plan field, and says what will be synced', async () => {
      const summary = await connector().test(ctx());
      expect(summary.split('\n')).toEqual([
        `Dataverse ${fake.url} (Web API v9.2), signed in as application user ${DV_USERS.app}`,
        'users: 5 systemusers, department from the business unit',
        'logins: audit of user access readable (Dataverse records access at most once every 4 hours per user)',
        'opportunities: 4, incremental on modifiedon, deletions from the audit log; required fields amount -> estimatedvalue, close_date -> estimatedclosedate, description -> description',
        'records: account from table account; required fields telephone1 -> telephone1, websiteurl -> websiteurl, industrycode -> industrycode',
        // Four activitypointers, the owner-less email included (the count is of rows).
        'activities: 4 activitypointers, incremental on modifiedon, deletions from the audit log',
        'training: none (Dataverse has no standard training table)',
      ]);
    });

    it('fails when the environment does not audit', async () => {
      fake.state.organization.isauditenabled = false;
      const error = await caught(() => connector().test(ctx()));
      expect(error.code).toBe('DATAVERSE_AUDIT_OFF');
      expect(error.message).toContain('Dataverse auditing is off for this environment (isauditenabled = false), so logins cannot be read');
    });
  });
});
