import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, createDataverseConnector, createHubSpotConnector, createSalesforceConnector } from '../../server/test/testing';
import { caught, collect, recordingTransport, syncContext } from '../connectors/connector-test.util';
import { startFakeDataverse, type FakeDataverse } from '../fake-crm/dataverse.fake';
import { dataverseFixture } from '../fake-crm/dataverse.fixture';
import { startFakeHttpServer, type FakeRequest, type FakeServer } from '../fake-crm/fake-http.util';
import { startFakeHubSpot, type FakeHubSpot } from '../fake-crm/hubspot.fake';
import { hubspotFixture } from '../fake-crm/hubspot.fixture';
import { startFakeSalesforce, type FakeSalesforce } from '../fake-crm/salesforce.fake';
import { salesforceFixture } from '../fake-crm/salesforce.fixture';
import { loginAs, type SignedInAgent } from '../support/auth';
import { startApp, testEngines, type TestApp } from '../support/test-app';

/**
 * What an admin (or a CRM answer) can make the connectors request: links and redirects to
 * another host, private addresses. The fakes and the "other host" all listen on 127.0.0.1 on
 * different ports, so "another host" here is another origin; UPTAKE_ALLOW_PRIVATE_CRM_HOSTS is
 * true except where a test says otherwise.
 */
describe('outbound requests of the CRM connectors', () => {
  let other: FakeServer;
  let reached: FakeRequest[];

  beforeEach(async () => {
    process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS = 'true';
    reached = [];
    other = await startFakeHttpServer((request) => {
      reached.push(request);
      return { status: 200, body: { totalSize: 0, done: true, records: [], value: [], results: [] } };
    });
  });
  afterEach(async () => {
    delete process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
    await other.close();
  });

  describe('Salesforce', () => {
    let fake: FakeSalesforce;
    beforeEach(async () => {
      fake = await startFakeSalesforce(salesforceFixture());
    });
    afterEach(() => fake.close());

    const options = (extra: Record<string, string> = {}) => ({
      instance_url: fake.url,
      client_id: fake.state.clientId,
      client_secret: fake.state.clientSecret,
      department_field: 'Department',
      ...extra,
    });
    const firstQuery = (request: FakeRequest) => request.path.endsWith('/query');

    it.each([
      ['an absolute URL', (url: string) => `${url}/services/data/v59.0/query/01gSTEAL-2000`],
      ['a protocol-relative URL', (url: string) => `${url.replace('http:', '')}/services/data/v59.0/query/01gSTEAL-2000`],
    ])('refuses a nextRecordsUrl on another host given as %s, and sends it nothing', async (_case, link) => {
      fake.state.faults.push({
        when: firstQuery,
        status: 200,
        body: { totalSize: 4, done: false, records: [], nextRecordsUrl: link(other.url) },
      });
      const error = await caught(() =>
        collect(createSalesforceConnector(options(), { transport: recordingTransport() }).users(syncContext())),
      );
      expect(error.code).toBe('CRM_URL_REFUSED');
      expect(error.message).toBe(
        `Salesforce gave a nextRecordsUrl on another host (${other.url}); credentials are sent only to ${fake.url}`,
      );
      expect(reached).toEqual([]);
    });

    it("refuses a token whose instance_url is another host that is not Salesforce's", async () => {
      const login = await startFakeHttpServer(() => ({
        status: 200,
        body: { access_token: '00Dfake!token', instance_url: other.url, id: `${other.url}/id/00D/005` },
      }));
      try {
        const error = await caught(() =>
          collect(createSalesforceConnector(options({ login_url: login.url }), { transport: recordingTransport() }).users(syncContext())),
        );
        expect(error.code).toBe('CRM_URL_REFUSED');
        expect(error.message).toBe(
          `Salesforce gave an instance_url in its token answer on another host (${other.url}); credentials are sent only to ${fake.url}, ${login.url}, https://*.salesforce.com, https://*.force.com`,
        );
        expect(reached).toEqual([]);
      } finally {
        await login.close();
      }
    });

    it('does not follow a redirect (with the default transport), and names where it pointed', async () => {
      fake.state.faults.push({ when: firstQuery, status: 302, headers: { Location: `${other.url}/steal?from=salesforce` } });
      const error = await caught(() => collect(createSalesforceConnector(options()).users(syncContext())));
      expect(error.code).toBe('CRM_REDIRECT_REFUSED');
      expect(error.message).toBe(
        `Salesforce answered GET ${fake.url}/services/data/v59.0/query with a redirect (HTTP 302) to ${other.url}; redirects are not followed: set the connection's URL to the address that answers directly`,
      );
      expect(reached).toEqual([]);
    });

    it('refuses a loopback instance when UPTAKE_ALLOW_PRIVATE_CRM_HOSTS is not set: in the options, and when connecting with options stored earlier', async () => {
      const stored = createSalesforceConnector(options());
      delete process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
      const host = fake.url.replace('http://', '');
      expect(() => createSalesforceConnector(options())).toThrow(
        `invalid salesforce connection options: option "instance_url": 127.0.0.1 is a private, loopback or link-local host; set UPTAKE_ALLOW_PRIVATE_CRM_HOSTS=true to allow CRM hosts on the internal network`,
      );
      const error = await caught(() => collect(stored.users(syncContext())));
      expect(error.code).toBe('CRM_HOST_PRIVATE');
      expect(error.message).toBe(
        `refused to connect to ${host}: a private, loopback or link-local address; set UPTAKE_ALLOW_PRIVATE_CRM_HOSTS=true to allow CRM hosts on the internal network`,
      );
      expect(fake.state.requests).toEqual([]);
    });
  });

  describe('Dataverse', () => {
    let fake: FakeDataverse;
    beforeEach(async () => {
      fake = await startFakeDataverse(dataverseFixture());
    });
    afterEach(() => fake.close());

    it('refuses an @odata.nextLink on another host, and sends it nothing', async () => {
      const options = {
        instance_url: fake.url,
        authority: fake.url,
        tenant_id: fake.state.tenantId,
        client_id: fake.state.clientId,
        client_secret: fake.state.clientSecret,
      };
      fake.state.faults.push({
        when: (request) => request.path.endsWith('/systemusers'),
        status: 200,
        body: { value: [], '@odata.nextLink': `${other.url}/api/data/v9.2/systemusers?$skiptoken=2` },
      });
      const error = await caught(() =>
        collect(createDataverseConnector(options, { transport: recordingTransport() }).users(syncContext())),
      );
      expect(error.code).toBe('CRM_URL_REFUSED');
      expect(error.message).toBe(
        `Dataverse gave an @odata.nextLink on another host (${other.url}); credentials are sent only to ${fake.url}, https://*.dynamics.com`,
      );
      expect(reached).toEqual([]);
    });
  });

  describe('HubSpot', () => {
    let fake: FakeHubSpot;
    beforeEach(async () => {
      fake = await startFakeHubSpot(hubspotFixture());
    });
    afterEach(() => fake.close());

    it('does not follow a redirect of the OAuth token endpoint, which would carry the refresh token', async () => {
      const login = await startFakeHttpServer(() => ({ status: 307, body: '', headers: { Location: `${other.url}/oauth/v1/token` } }));
      try {
        const options = { client_id: 'id', client_secret: 'secret', refresh_token: 'refresh-do-not-leak', base_url: login.url };
        const error = await caught(() =>
          collect(createHubSpotConnector(options, { transport: recordingTransport() }).users(syncContext())),
        );
        expect(error.code).toBe('CRM_REDIRECT_REFUSED');
        expect(error.message).toContain(`HubSpot answered POST ${login.url}/oauth/v1/token with a redirect (HTTP 307) to ${other.url};`);
        expect(reached).toEqual([]);
      } finally {
        await login.close();
      }
    });

    it('pages by paging.next.after and never requests paging.next.link', async () => {
      fake.state.faults.push({
        when: (request) => request.path === '/crm/v3/owners' && !request.query.has('after'),
        status: 200,
        body: { results: [], paging: { next: { after: '0', link: `${other.url}/crm/v3/owners?after=0` } } },
      });
      const pages = await collect(
        createHubSpotConnector({ access_token: fake.state.privateAppToken, base_url: fake.url }, { transport: recordingTransport() }).users(
          syncContext(),
        ),
      );
      expect(pages.length).toBeGreaterThan(0);
      expect(reached).toEqual([]);
      expect(fake.state.requests.every((request) => request.headers.host === fake.url.replace('http://', ''))).toBe(true);
    });
  });
});

describe.each(testEngines())('connection options an admin gives through the API on %s', (engine) => {
  let harness: TestApp;
  let admin: SignedInAgent;
  let base: string;
  let root: string;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'uptake-outbound-'));
    root = join(base, 'import');
    mkdirSync(join(root, 'emea'), { recursive: true });
    mkdirSync(join(base, 'elsewhere'));
    process.env.UPTAKE_IMPORT_ROOT = root;
    delete process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
    harness = await startApp(engine, { clock: new FixedClock(Date.parse('2026-03-10T12:00:00Z')) });
    admin = await loginAs(harness.app, 'admin');
  });
  afterAll(async () => {
    await harness.close();
    delete process.env.UPTAKE_IMPORT_ROOT;
    rmSync(base, { recursive: true, force: true });
  });

  it.each([
    [
      'a HubSpot base_url on the cloud metadata address',
      { kind: 'hubspot', options: { access_token: 'pat-1', base_url: 'https://169.254.169.254' } },
      'option "base_url": 169.254.169.254 is a private',
    ],
    [
      'a Salesforce instance on loopback',
      { kind: 'salesforce', options: { instance_url: 'http://localhost:8080', client_id: 'a', client_secret: 'b' } },
      'option "instance_url": localhost is a private',
    ],
    [
      'a Dataverse authority on a mapped IPv6 loopback',
      {
        kind: 'dataverse',
        options: {
          instance_url: 'https://org.crm.dynamics.com',
          authority: 'https://[::ffff:127.0.0.1]',
          tenant_id: 't',
          client_id: 'a',
          client_secret: 'b',
        },
      },
      'option "authority": [::ffff:7f00:1] is a private',
    ],
  ])('refuses %s and stores nothing', async (_case, payload, message) => {
    const { body } = await admin
      .post('/api/connections')
      .send({ name: 'internal', ...payload })
      .expect(400);
    expect(body.error).toMatchObject({ code: 'CONNECTOR_OPTIONS_INVALID', message: expect.stringContaining(message) });
    expect(body.error.message).toContain('set UPTAKE_ALLOW_PRIVATE_CRM_HOSTS=true to allow CRM hosts on the internal network');
    const { body: list } = await admin.get('/api/connections').expect(200);
    expect(list.map((connection: { name: string }) => connection.name)).not.toContain('internal');
  });

  it.each([
    ['a folder beside the import root', () => join(base, 'elsewhere'), () => join(base, 'elsewhere')],
    ['".." out of the import root', () => join(root, 'emea', '..', '..', 'elsewhere'), () => join(base, 'elsewhere')],
    ['/etc', () => '/etc', () => '/etc'],
  ])('refuses a csv path to %s', async (_case, path, real) => {
    const { body } = await admin
      .post('/api/connections')
      .send({ name: 'files', kind: 'csv', options: { path: path() } })
      .expect(400);
    expect(body.error).toEqual({
      code: 'CONNECTOR_OPTIONS_INVALID',
      message: `csv connection options: path: the folder ${real()} is outside the import root ${root} (UPTAKE_IMPORT_ROOT); csv connections read only folders under it`,
    });
  });

  it('accepts a csv folder in the import root, and refuses it once a link there leads out', async () => {
    const drop = join(root, 'drop');
    const { body: created } = await admin
      .post('/api/connections')
      .send({ name: 'drop', kind: 'csv', options: { path: drop } })
      .expect(201);
    symlinkSync(join(base, 'elsewhere'), drop);
    const { body: tested } = await admin.post(`/api/connections/${created.id}/test`).expect(200);
    expect(tested).toEqual({
      ok: false,
      error: `csv connection options: path: the folder ${join(base, 'elsewhere')} is outside the import root ${root} (UPTAKE_IMPORT_ROOT); csv connections read only folders under it`,
    });
  });
});
