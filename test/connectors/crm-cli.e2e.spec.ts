import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFakeDataverse, type FakeDataverse } from '../fake-crm/dataverse.fake';
import { dataverseFixture } from '../fake-crm/dataverse.fixture';
import { startFakeHubSpot, type FakeHubSpot } from '../fake-crm/hubspot.fake';
import { hubspotFixture } from '../fake-crm/hubspot.fixture';
import { startFakeSalesforce, type FakeSalesforce } from '../fake-crm/salesforce.fake';
import { salesforceFixture } from '../fake-crm/salesforce.fixture';
import { allowPrivateCrmHosts } from '../support/private-crm-hosts';

const BIN = resolve(__dirname, '../../server/bin/uptake.js');
// Each test starts the CLI three or four times; on a busy two-core machine that can take a while.
jest.setTimeout(180_000);

/**
 * Runs the built CLI like a user does. Asynchronously: the fake CRM answers from this process,
 * so it must not be blocked while the CLI waits for it.
 */
function uptake(args: string[], db: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: db }, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

const option = (entries: Record<string, string>) => Object.entries(entries).flatMap(([key, value]) => ['--option', `${key}=${value}`]);

allowPrivateCrmHosts();

describe('uptake connection add / test and sync with the CRM connectors', () => {
  let dir: string;
  let db: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'uptake-crm-cli-'));
    db = `sqlite:${join(dir, 'cli.sqlite')}`;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('salesforce', () => {
    let fake: FakeSalesforce;
    beforeEach(async () => (fake = await startFakeSalesforce(salesforceFixture())));
    afterEach(() => fake.close());

    it('adds, lists without secrets, tests and syncs a connection', async () => {
      const options = option({
        instance_url: fake.url,
        client_id: fake.state.clientId,
        client_secret: fake.state.clientSecret,
        integration_users: 'integration@acme.example',
      });
      const added = await uptake(['connection', 'add', 'sf', '--kind', 'salesforce', ...options], db);
      expect(added).toMatchObject({ code: 0, stdout: 'connection "sf" (salesforce) added, schedule "0 * * * *"\n' });

      const list = await uptake(['connection', 'list'], db);
      expect(list.stdout).toContain('"client_secret":"set"');
      expect(list.stdout).not.toContain(fake.state.clientSecret);

      const tested = await uptake(['connection', 'test', 'sf'], db);
      expect(tested.code).toBe(0);
      expect(tested.stdout.split('\n')).toEqual([
        'sf: OK',
        `Salesforce ${fake.url} (REST API v59.0), signed in with client credentials as user 0055j000000INTEGAAA`,
        'users: 5 from User, department from User.Department',
        'logins: LoginHistory readable (Manage Users)',
        // COUNT() through query leaves out the deleted opportunity.
        'opportunities: 4, incremental on SystemModstamp, deletions through queryAll',
        // COUNT() through query leaves out the deleted task.
        'activities: 2 Task, 2 Event, incremental on SystemModstamp, deletions through queryAll',
        'training: none (Salesforce has no standard training object)',
        // describe User, COUNT User, COUNT PermissionSetAssignment, COUNT Opportunity (no plan: no field describes), COUNT Task, COUNT Event.
        'API usage: 6/15000 API requests used today',
        '',
      ]);

      const synced = await uptake(['sync', '--connection', 'sf'], db);
      expect(synced.code).toBe(0);
      expect(synced.stdout).toContain('sf: synced 5 users, 6 logins, 5 opportunities, 0 training, 5 activities');
    });

    it('exits 1 with the OAuth error, never the secret, when the credentials are refused', async () => {
      const options = option({ instance_url: fake.url, client_id: fake.state.clientId, client_secret: 'not-the-secret-123' });
      expect((await uptake(['connection', 'add', 'sf', '--kind', 'salesforce', ...options], db)).code).toBe(0);
      const tested = await uptake(['connection', 'test', 'sf'], db);
      expect(tested.code).toBe(1);
      expect(tested.stderr).toContain(
        `Salesforce refused the credentials at ${fake.url}/services/oauth2/token (HTTP 400): invalid_client (invalid client credentials)`,
      );
      expect(tested.stderr + tested.stdout).not.toContain('not-the-secret-123');
    });

    it('fixes refused credentials in place with connection set, and a left-out secret keeps its value', async () => {
      const options = option({ instance_url: fake.url, client_id: fake.state.clientId, client_secret: 'not-the-secret-123' });
      expect((await uptake(['connection', 'add', 'sf-wrong-creds', '--kind', 'salesforce', ...options], db)).code).toBe(0);
      expect((await uptake(['connection', 'test', 'sf-wrong-creds'], db)).code).toBe(1);

      const fixed = await uptake(['connection', 'set', 'sf-wrong-creds', ...option({ client_secret: fake.state.clientSecret })], db);
      expect(fixed.code).toBe(0);
      expect(fixed.stdout).toContain('"client_secret":"set"');
      expect(fixed.stdout + fixed.stderr).not.toContain(fake.state.clientSecret);
      expect((await uptake(['connection', 'test', 'sf-wrong-creds'], db)).stdout).toContain('sf-wrong-creds: OK');

      // changing another option leaves the stored secret as it is
      expect(
        (await uptake(['connection', 'set', 'sf-wrong-creds', ...option({ integration_users: 'integration@acme.example' })], db)).code,
      ).toBe(0);
      expect((await uptake(['connection', 'test', 'sf-wrong-creds'], db)).stdout).toContain('sf-wrong-creds: OK');
    });

    it('exits 2 and names the option when an option is wrong', async () => {
      const added = await uptake(
        [
          'connection',
          'add',
          'sf',
          '--kind',
          'salesforce',
          ...option({ instance_url: 'acme.my.salesforce.com', client_id: 'x', client_secret: 'hidden-9' }),
        ],
        db,
      );
      expect(added.code).toBe(2);
      expect(added.stderr).toContain(
        'invalid salesforce connection options: option "instance_url": expected an https URL (the org URL, e.g. https://acme.my.salesforce.com)',
      );
      expect(added.stderr).not.toContain('hidden-9');
    });
  });

  describe('hubspot', () => {
    let fake: FakeHubSpot;
    beforeEach(async () => (fake = await startFakeHubSpot(hubspotFixture())));
    afterEach(() => fake.close());

    it('adds, tests and syncs a private app connection', async () => {
      expect(
        (
          await uptake(
            ['connection', 'add', 'hs', '--kind', 'hubspot', ...option({ access_token: fake.state.privateAppToken, base_url: fake.url })],
            db,
          )
        ).code,
      ).toBe(0);
      const tested = await uptake(['connection', 'test', 'hs'], db);
      expect(tested.code).toBe(0);
      expect(tested.stdout.split('\n')).toEqual([
        'hs: OK',
        `HubSpot ${fake.url}, private app token`,
        'users: 4 owners; departments from 3 teams',
        'logins: login activity readable (HubSpot keeps the last 90 days)',
        'opportunities: 4 deals, 5 pipeline stages',
        // Search totals count the active ones: 1 call (the other is archived), 2 notes (one without owner).
        'activities: 1 calls, 1 emails, 1 meetings, 2 notes, 1 tasks, incremental on hs_lastmodifieddate, deleted (archived) ones kept, deals through associations',
        'training: none (HubSpot has no training data)',
        // owners (active, archived), login, pipelines, search, 5 activity searches: 10 requests.
        'API usage: 10/250000 API requests used today',
        '',
      ]);
      const synced = await uptake(['sync', '--connection', 'hs'], db);
      expect(synced.code).toBe(0);
      // Logins: 5 listed, one of a user who owns nothing.
      expect(synced.stdout).toContain('hs: synced 4 users, 4 logins, 5 opportunities, 0 training, 6 activities');
    });

    it('tests and syncs without the contacts scope: activities are skipped with the missing scope named, the rest syncs', async () => {
      fake.state.scopes.delete('crm.objects.contacts.read');
      const options = option({ access_token: fake.state.privateAppToken, base_url: fake.url });
      expect((await uptake(['connection', 'add', 'hs', '--kind', 'hubspot', ...options], db)).code).toBe(0);
      const refusal =
        'HubSpot refused the calls: the app lacks the scope crm.objects.contacts.read (activities: calls, emails, meetings, notes and tasks need it); add it to the private app and use its new token';

      const tested = await uptake(['connection', 'test', 'hs'], db);
      expect(tested.code).toBe(0);
      expect(tested.stdout.split('\n')).toContain(`activities: NOT SYNCED: ${refusal}`);

      const synced = await uptake(['sync', '--connection', 'hs'], db);
      expect(synced.code).toBe(0);
      expect(synced.stdout).toContain('hs: synced 4 users, 4 logins, 5 opportunities, 0 training, 0 activities');
      expect(synced.stderr).toContain(`hs: Warning: activities not synced: ${refusal}`);
    });
  });

  describe('dataverse', () => {
    let fake: FakeDataverse;
    beforeEach(async () => (fake = await startFakeDataverse(dataverseFixture())));
    afterEach(() => fake.close());

    it('adds, tests and syncs a connection, and says when auditing is off', async () => {
      const options = option({
        instance_url: fake.url,
        authority: fake.url,
        tenant_id: fake.state.tenantId,
        client_id: fake.state.clientId,
        client_secret: fake.state.clientSecret,
      });
      expect((await uptake(['connection', 'add', 'dv', '--kind', 'dataverse', ...options], db)).code).toBe(0);
      const tested = await uptake(['connection', 'test', 'dv'], db);
      expect(tested.code).toBe(0);
      expect(tested.stdout.split('\n')).toEqual([
        'dv: OK',
        `Dataverse ${fake.url} (Web API v9.2), signed in as application user a0000000-0000-0000-0000-000000000004`,
        'users: 5 systemusers, department from the business unit',
        'logins: audit of user access readable (Dataverse records access at most once every 4 hours per user)',
        'opportunities: 4, incremental on modifiedon, deletions from the audit log',
        'activities: 4 activitypointers, incremental on modifiedon, deletions from the audit log',
        'training: none (Dataverse has no standard training table)',
        '',
      ]);
      const synced = await uptake(['sync', '--connection', 'dv'], db);
      expect(synced.code).toBe(0);
      expect(synced.stdout).toContain('dv: synced 5 users, 4 logins, 4 opportunities, 0 training, 3 activities');

      fake.state.organization.isauditenabled = false;
      const off = await uptake(['connection', 'test', 'dv'], db);
      expect(off.code).toBe(1);
      expect(off.stderr).toContain('Dataverse auditing is off for this environment (isauditenabled = false), so logins cannot be read');
    });
  });
});
