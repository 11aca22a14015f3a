import { startFakeHttpServer, takeFault, type Fault, type FakeRequest, type FakeResponse } from './fake-http.util';

/**
 * A fake Moodle site speaking the web service REST protocol the connector uses:
 * - `/webservice/rest/server.php` with `wstoken`, `wsfunction`, `moodlewsrestformat=json` and the
 *   function's parameters in PHP array syntax (`options[0][name]=limitfrom`), in the query string
 *   (GET) or a form body (POST);
 * - errors the way Moodle gives them: HTTP 200 with `{exception, errorcode, message}`
 *   (`invalidtoken`, `accessexception` for a function outside the service, `nopermissions` for a
 *   missing capability, `invalidparameter`, `nocriteriaset`);
 * - core_webservice_get_site_info, core_course_get_courses_by_field (id, shortname),
 *   core_enrol_get_enrolled_users (limitfrom, limitnumber, userfields; email only with
 *   moodle/site:viewuseridentity), core_completion_get_course_completion_status (report/progress:view);
 * - planned faults answered instead of the normal response.
 */

export interface FakeMoodleCourse {
  id: number;
  shortname: string;
  fullname: string;
}

export interface FakeMoodleUser {
  id: number;
  username: string;
  fullname: string;
  email: string;
}

export interface FakeMoodleCompletion {
  completed: boolean;
  /** Unix seconds of each criterion's completion (null: not completed). */
  criteria: Array<number | null>;
}

export interface FakeMoodleData {
  courses: FakeMoodleCourse[];
  users: FakeMoodleUser[];
  /** Enrolled user ids per course id. */
  enrolments: Record<number, number[]>;
  /** Completion per `${courseId}/${userId}`; absent: not completed, one criterion. */
  completions: Record<string, FakeMoodleCompletion>;
  /** Courses with no completion criteria (Moodle answers `nocriteriaset`). */
  noCriteria?: number[];
}

export interface FakeMoodleState extends FakeMoodleData {
  token: string;
  /** Functions in the token's web service. */
  functions: Set<string>;
  /** Capabilities of the token's user. */
  capabilities: Set<string>;
  faults: Fault[];
  requests: Array<FakeRequest & { params: URLSearchParams }>;
}

export interface FakeMoodle {
  url: string;
  state: FakeMoodleState;
  close(): Promise<void>;
}

export const MOODLE_SERVICE_FUNCTIONS = [
  'core_webservice_get_site_info',
  'core_course_get_courses_by_field',
  'core_enrol_get_enrolled_users',
  'core_completion_get_course_completion_status',
];

export const MOODLE_CAPABILITIES = ['moodle/course:viewparticipants', 'moodle/site:viewuseridentity', 'report/progress:view'];

const CAPABILITY_NAMES: Record<string, string> = {
  'moodle/course:viewparticipants': 'View participants',
  'report/progress:view': 'View activity completion reports',
};

export async function startFakeMoodle(data: FakeMoodleData): Promise<FakeMoodle> {
  const state: FakeMoodleState = {
    ...data,
    token: 'b7e9c1f0a3d24e6f8a1b2c3d4e5f6a7b',
    functions: new Set(MOODLE_SERVICE_FUNCTIONS),
    capabilities: new Set(MOODLE_CAPABILITIES),
    faults: [],
    requests: [],
  };

  const server = await startFakeHttpServer((request) => {
    const params = new URLSearchParams(request.query);
    if (request.method === 'POST') for (const [key, value] of new URLSearchParams(request.body)) params.append(key, value);
    state.requests.push({ ...request, params });
    if (request.path !== '/webservice/rest/server.php') return { status: 404, body: '<html>Not found</html>' };
    const fault = takeFault(state.faults, request);
    if (fault) return fault;
    if (params.get('moodlewsrestformat') !== 'json') return { status: 200, body: '<?xml version="1.0"?><RESPONSE/>' };
    if (params.get('wstoken') !== state.token) return exception('moodle_exception', 'invalidtoken', 'Invalid token - token not found');
    const fn = params.get('wsfunction') ?? '';
    if (!state.functions.has(fn)) {
      return exception('webservice_access_exception', 'accessexception', 'Access control exception');
    }
    return call(fn, params);
  });

  function call(fn: string, params: URLSearchParams): FakeResponse {
    switch (fn) {
      case 'core_webservice_get_site_info':
        return ok({
          sitename: 'Acme Academy',
          username: 'uptake-sync',
          userid: 2,
          release: '4.3',
          functions: [...state.functions].map((name) => ({ name, version: '2023100900' })),
        });
      case 'core_course_get_courses_by_field': {
        const field = params.get('field') ?? '';
        const value = params.get('value') ?? '';
        if (field !== '' && !['id', 'ids', 'shortname', 'idnumber', 'category'].includes(field)) {
          return exception('invalid_parameter_exception', 'invalidparameter', 'Invalid parameter value detected');
        }
        const courses = state.courses.filter((c) =>
          field === 'id' ? String(c.id) === value : field === 'shortname' ? c.shortname === value : true,
        );
        return ok({ courses: courses.map((c) => ({ ...c, displayname: c.fullname, enablecompletion: 1, visible: 1 })), warnings: [] });
      }
      case 'core_enrol_get_enrolled_users': {
        const course = courseOf(params.get('courseid'));
        if (!course)
          return exception('dml_missing_record_exception', 'invalidrecord', 'Can not find data record in database table course.');
        const denied = lacks('moodle/course:viewparticipants');
        if (denied) return denied;
        const options = optionsOf(params);
        const from = Number(options.get('limitfrom') ?? 0);
        const limit = Number(options.get('limitnumber') ?? 0);
        const enrolled = (state.enrolments[course.id] ?? []).map((id) => state.users.find((u) => u.id === id)!);
        const page = limit > 0 ? enrolled.slice(from, from + limit) : enrolled.slice(from);
        const showEmail = state.capabilities.has('moodle/site:viewuseridentity');
        return ok(
          page.map((u) => ({
            id: u.id,
            username: u.username,
            fullname: u.fullname,
            ...(showEmail ? { email: u.email } : {}),
          })),
        );
      }
      case 'core_completion_get_course_completion_status': {
        const course = courseOf(params.get('courseid'));
        const userId = Number(params.get('userid'));
        if (!course)
          return exception('dml_missing_record_exception', 'invalidrecord', 'Can not find data record in database table course.');
        const denied = lacks('report/progress:view');
        if (denied) return denied;
        if (!(state.enrolments[course.id] ?? []).includes(userId)) {
          return exception('moodle_exception', 'cannotviewreport', 'Cannot view this report');
        }
        if ((state.noCriteria ?? []).includes(course.id)) {
          return exception('moodle_exception', 'nocriteriaset', 'No completion criteria set for this course');
        }
        const completion = state.completions[`${course.id}/${userId}`] ?? { completed: false, criteria: [null] };
        return ok({
          completionstatus: {
            completed: completion.completed,
            aggregation: 1,
            completions: completion.criteria.map((time, index) => ({
              type: 4,
              title: `Activity ${index + 1}`,
              status: time === null ? 'Not yet complete' : 'Complete',
              complete: time !== null,
              timecompleted: time,
              details: { type: 'Activity completion', criteria: 'Quiz', requirement: 'Marking yourself complete', status: '' },
            })),
          },
          warnings: [],
        });
      }
      default:
        return exception('dml_missing_record_exception', 'invalidrecord', 'Can not find data record in database table external_functions.');
    }
  }

  function courseOf(id: string | null): FakeMoodleCourse | undefined {
    return state.courses.find((c) => String(c.id) === id);
  }

  function lacks(capability: string): FakeResponse | null {
    if (state.capabilities.has(capability)) return null;
    return exception(
      'required_capability_exception',
      'nopermissions',
      `Sorry, but you do not currently have permissions to do that (${CAPABILITY_NAMES[capability] ?? capability}).`,
    );
  }

  return { url: server.url, state, close: () => server.close() };
}

/** `options[i][name]` / `options[i][value]` pairs as a map. */
function optionsOf(params: URLSearchParams): Map<string, string> {
  const options = new Map<string, string>();
  for (let i = 0; params.has(`options[${i}][name]`); i++)
    options.set(params.get(`options[${i}][name]`)!, params.get(`options[${i}][value]`) ?? '');
  return options;
}

function ok(body: unknown): FakeResponse {
  return { status: 200, body };
}

function exception(exception: string, errorcode: string, message: string): FakeResponse {
  return { status: 200, body: { exception, errorcode, message } };
}
