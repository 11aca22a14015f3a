import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { Database } from '../../server/test/testing';
import { freshDatabase, testEngines, type FreshDatabase } from '../../server/test/testing';
import { startFakeMoodle, type FakeMoodle } from '../fake-crm/moodle.fake';
import { moodleFixture } from '../fake-crm/moodle.fixture';
import { startFakeSalesforce, type FakeSalesforce } from '../fake-crm/salesforce.fake';
import { salesforceFixture } from '../fake-crm/salesforce.fixture';
import { allowPrivateCrmHosts } from '../support/private-crm-hosts';

const BIN = resolve(__dirname, '../../server/bin/uptake.js');
jest.setTimeout(180_000);

/** Runs the built CLI asynchronously: the fakes answer from this process. */
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

/*
 * Salesforce (fake): seat holders ada and grace (Sales EMEA, active Standard users); alan is
 * inactive, the integration user is named in integration_users, the Chatter user is not licensed.
 * Moodle (fake), courses 7 "CRM Basics" and PIPE-101 "Pipeline Hygiene", keyed by email
 * ("Ada@Acme.example", " grace@acme.example"):
 *   ada:   CRM Basics 2021-09-01T08:00Z, Pipeline Hygiene 2021-09-12T16:30Z (latest criterion)
 *   grace: CRM Basics 2021-09-05T12:00Z, Pipeline Hygiene not completed
 *   learner@partner.example (nobody in Salesforce): both, counts for no one; nomail: skipped
 * Required courses: the two Moodle courses (every listed course is required).
 * training_completion of Sales EMEA = trained / seat holders:
 *   2021-09-11: ada has not finished Pipeline Hygiene yet -> 0 / 2 = 0
 *   2021-10-01: ada done -> 1 / 2 = 0.5
 * and still 2 seat holders: nobody imported twice.
 */
describe.each(testEngines())('Salesforce users trained in Moodle, through the CLI (%s)', (engine) => {
  let database: FreshDatabase;
  let db: string;
  let salesforce: FakeSalesforce;
  let moodle: FakeMoodle;

  beforeEach(async () => {
    database = await freshDatabase(engine);
    db = database.url;
    salesforce = await startFakeSalesforce(salesforceFixture());
    moodle = await startFakeMoodle(moodleFixture());
  });
  afterEach(async () => {
    await salesforce.close();
    await moodle.close();
    await database.dispose();
  });

  const moodleOptions = (extra: Record<string, string> = {}) =>
    option({ base_url: moodle.url, token: moodle.state.token, courses: '7,PIPE-101', ...extra });

  async function trainingRows(): Promise<number> {
    const opened = await Database.open(db);
    try {
      return Number((await opened.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM training_assignments'))[0].n);
    } finally {
      await opened.close();
    }
  }

  it('gives training completion per department from Moodle for Salesforce people', async () => {
    const sf = option({
      instance_url: salesforce.url,
      client_id: salesforce.state.clientId,
      client_secret: salesforce.state.clientSecret,
      integration_users: 'integration@acme.example',
    });
    expect((await uptake(['connection', 'add', 'sf', '--kind', 'salesforce', ...sf], db)).code).toBe(0);
    const added = await uptake(['connection', 'add', 'lms', '--kind', 'moodle', ...moodleOptions()], db);
    expect(added).toMatchObject({ code: 0, stdout: 'connection "lms" (moodle) added, schedule "0 * * * *"\n' });

    const list = await uptake(['connection', 'list'], db);
    expect(list.stdout).toContain('"token":"set"');
    expect(list.stdout).not.toContain(moodle.state.token);

    const tested = await uptake(['connection', 'test', 'lms'], db);
    expect(tested.code).toBe(0);
    expect(tested.stdout.split('\n')).toEqual([
      'lms: OK',
      `Moodle ${moodle.url} (Acme Academy), token of user uptake-sync`,
      'course 7 CRM-BASICS "CRM Basics": enrolled users and completion readable',
      'course 9 PIPE-101 "Pipeline Hygiene": enrolled users and completion readable',
      'training: completion of the courses above, matched to people by email; no users, logins or records',
      '',
    ]);

    expect((await uptake(['sync', '--connection', 'sf'], db)).code).toBe(0);
    const synced = await uptake(['sync', '--connection', 'lms'], db);
    expect(synced.code).toBe(0);
    // ada, grace and the external learner in both courses
    expect(synced.stdout).toContain('lms: synced 0 users, 0 logins, 0 opportunities, 6 training');

    const before = JSON.parse((await uptake(['metrics', '--as-of', '2021-09-11', '--json'], db)).stdout);
    const after = JSON.parse((await uptake(['metrics', '--as-of', '2021-10-01', '--json'], db)).stdout);
    const emea = (report: { departments: Array<{ department: string; seatHolders: number; metrics: Record<string, number | null> }> }) =>
      report.departments.find((entry) => entry.department === 'Sales EMEA');
    expect(emea(before)).toMatchObject({ seatHolders: 2, metrics: { training_completion: 0 } });
    expect(emea(after)).toMatchObject({ seatHolders: 2, metrics: { training_completion: 0.5 } });
    expect(after.organisation).toMatchObject({ seatHolders: 2, metrics: { training_completion: 0.5 } });
  });

  it('exits 2 naming a refused token and a missing capability, and a failed sync writes nothing', async () => {
    expect((await uptake(['connection', 'add', 'lms', '--kind', 'moodle', ...moodleOptions({ token: 'not-the-token-42' })], db)).code).toBe(
      0,
    );
    const refused = await uptake(['connection', 'test', 'lms'], db);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `Moodle at ${moodle.url} refused the token (option token) on core_webservice_get_site_info: invalidtoken: Invalid token - token not found`,
    );
    expect(refused.stderr + refused.stdout).not.toContain('not-the-token-42');

    expect((await uptake(['connection', 'set', 'lms', ...option({ token: moodle.state.token })], db)).code).toBe(0);
    moodle.state.capabilities.delete('report/progress:view');
    const denied = await uptake(['connection', 'test', 'lms'], db);
    expect(denied.code).toBe(2);
    expect(denied.stderr).toContain("the token's user needs report/progress:view (or report/completion:view) in the course");

    const failed = await uptake(['sync', '--connection', 'lms'], db);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain(
      'nopermissions: Sorry, but you do not currently have permissions to do that (View activity completion reports).',
    );
    expect(await trainingRows()).toBe(0);
  });

  it('exits 2 when the priority option is not a whole number', async () => {
    const added = await uptake(['connection', 'add', 'lms', '--kind', 'moodle', ...moodleOptions({ priority: 'high' })], db);
    expect(added.code).toBe(2);
    expect(added.stderr).toContain('option "priority": priority must be a whole number, e.g. 10 (got "high")');
  });
});
