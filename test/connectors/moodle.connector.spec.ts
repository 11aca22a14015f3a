import type { TrainingAssignment } from '../../server/test/testing';
import { createMoodleConnector, MoodleConnector } from '../../server/test/testing';
import { startFakeMoodle, type FakeMoodle } from '../fake-crm/moodle.fake';
import { moodleFixture } from '../fake-crm/moodle.fixture';
import { caught, collect, recordingTransport, syncContext, utc } from './connector-test.util';
import { allowPrivateCrmHosts } from '../support/private-crm-hosts';

allowPrivateCrmHosts();

describe(MoodleConnector.name, () => {
  let fake: FakeMoodle;
  let transport: ReturnType<typeof recordingTransport>;

  beforeEach(async () => {
    fake = await startFakeMoodle(moodleFixture());
    transport = recordingTransport();
  });
  afterEach(() => fake.close());

  const options = (extra: Record<string, string> = {}) => ({
    base_url: fake.url,
    token: fake.state.token,
    courses: '7,PIPE-101',
    ...extra,
  });
  const connector = (extra: Record<string, string> = {}, pageSize?: number) =>
    createMoodleConnector(options(extra), { transport, ...(pageSize ? { pageSize } : {}) });
  const row = (email: string, course: string, completedAt: string | null): TrainingAssignment => ({
    userExternalId: email,
    userEmail: email,
    course,
    required: true,
    completedAt: completedAt === null ? null : utc(completedAt),
  });

  it('reads completion of the listed courses by id and short name, keyed by trimmed lower-case email', async () => {
    const ctx = syncContext();
    const pages = await collect(connector({}, 2).training(ctx));
    expect(pages.flatMap((page) => page.items)).toEqual([
      row('ada@acme.example', 'CRM Basics', '2021-09-01T08:00:00Z'),
      row('grace@acme.example', 'CRM Basics', '2021-09-05T12:00:00Z'),
      row('learner@partner.example', 'CRM Basics', '2021-08-01T00:00:00Z'),
      // page 2 of course 7 holds nomail only: skipped
      row('ada@acme.example', 'Pipeline Hygiene', '2021-09-12T16:30:00Z'), // the latest criterion
      row('grace@acme.example', 'Pipeline Hygiene', null),
      row('learner@partner.example', 'Pipeline Hygiene', '2021-08-02T00:00:00Z'),
    ]);
    expect(ctx.messages).toContain('Moodle: 1 enrolments of users without a usable email skipped (training is matched by email)');
    // course 7 (4 enrolled): limitfrom 0, 2 and 4 (an empty page ends it); course 9 (3): 0 and 2 (a short page ends it)
    const enrolCalls = fake.state.requests.filter((r) => r.params.get('wsfunction') === 'core_enrol_get_enrolled_users');
    expect(enrolCalls.map((r) => `${r.params.get('courseid')}:${r.params.get('options[1][value]')}`)).toEqual([
      '7:0',
      '7:2',
      '7:4',
      '9:0',
      '9:2',
    ]);
    // the token travels in the POST body, never in the URL
    expect(fake.state.requests.every((r) => r.method === 'POST' && !r.query.has('wstoken'))).toBe(true);
  });

  it('has no users, logins, opportunities or records', async () => {
    const ctx = syncContext();
    const moodle = connector();
    expect(await collect(moodle.users())).toEqual([]);
    expect(await collect(moodle.logins())).toEqual([]);
    expect(await collect(moodle.opportunities())).toEqual([]);
    expect(await moodle.recordObjectTypes()).toEqual([]);
    expect(fake.state.requests).toHaveLength(0);
    void ctx;
  });

  it('tests the token, the service functions and each course', async () => {
    expect(await connector().test(syncContext())).toBe(
      [
        `Moodle ${fake.url} (Acme Academy), token of user uptake-sync`,
        'course 7 CRM-BASICS "CRM Basics": enrolled users and completion readable',
        'course 9 PIPE-101 "Pipeline Hygiene": enrolled users and completion readable',
        'training: completion of the courses above, matched to people by email; no users, logins or records',
      ].join('\n'),
    );
  });

  it('names a refused token without showing it', async () => {
    const error = await caught(() => connector({ token: 'wrong-token' }).test(syncContext()));
    expect(error.code).toBe('MOODLE_AUTH_FAILED');
    expect(error.message).toBe(
      `Moodle at ${fake.url} refused the token (option token) on core_webservice_get_site_info: invalidtoken: Invalid token - token not found; create a web service token for the service's user and set it with --option token=...`,
    );
    expect(error.message).not.toContain('wrong-token');
  });

  it('names the missing capability report/progress:view', async () => {
    fake.state.capabilities.delete('report/progress:view');
    const error = await caught(() => connector().test(syncContext()));
    expect(error.code).toBe('MOODLE_PERMISSION_MISSING');
    expect(error.message).toBe(
      `Moodle at ${fake.url} refused core_completion_get_course_completion_status: nopermissions: Sorry, but you do not currently have permissions to do that (View activity completion reports).; the token's user needs report/progress:view (or report/completion:view) in the course, and the function must be in the token's web service`,
    );
  });

  it('names the functions missing from the web service', async () => {
    fake.state.functions.delete('core_completion_get_course_completion_status');
    const error = await caught(() => connector().test(syncContext()));
    expect(error.code).toBe('MOODLE_PERMISSION_MISSING');
    expect(error.message).toContain("the token's web service lacks core_completion_get_course_completion_status; add them to the service");
  });

  it("fails a sync on an exception body, naming the function and Moodle's error code", async () => {
    fake.state.noCriteria = [9];
    const error = await caught(() => collect(connector().training(syncContext())));
    expect(error.code).toBe('MOODLE_REQUEST_FAILED');
    expect(error.message).toBe(
      `Moodle at ${fake.url} refused core_completion_get_course_completion_status: nocriteriaset: No completion criteria set for this course`,
    );
  });

  it('names an unknown course', async () => {
    const error = await caught(() => collect(connector({ courses: '7,NOPE' }).training(syncContext())));
    expect(error.code).toBe('MOODLE_COURSE_UNKNOWN');
    expect(error.message).toBe(`Moodle at ${fake.url} has no course with short name "NOPE" visible to the token's user (option courses)`);
  });

  it('refuses two Moodle users with one email', async () => {
    fake.state.users[2].email = 'ADA@acme.example';
    const error = await caught(() => collect(connector().training(syncContext())));
    expect(error.code).toBe('MOODLE_DUPLICATE_EMAIL');
    expect(error.message).toContain('users 101 and 103 have the same email ada@acme.example');
  });

  it('refuses options without courses, a course listed twice, or without a token', () => {
    expect(() => createMoodleConnector({ base_url: fake.url, token: 't' })).toThrow(
      'invalid moodle connection options: option "courses": required: the course ids or short names to read, e.g. 12,CRM-BASICS',
    );
    expect(() => createMoodleConnector({ base_url: fake.url, token: 't', courses: '7, 9 ,7' })).toThrow(
      'option "courses": course "7" is listed twice',
    );
    expect(() => createMoodleConnector({ base_url: fake.url, courses: '7' })).toThrow('option "token": required');
  });
});
