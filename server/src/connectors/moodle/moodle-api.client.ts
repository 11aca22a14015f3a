import { ConnectorError } from '../connector.port';
import { callWithRetry, type CallContext, type Verdict } from '../http/http.client';
import type { HttpResponse, HttpTransport } from '../http/http.transport';
import { exponentialBackoff } from '../http/retry.util';
import type { MoodleOptions } from './moodle-options.schema';

export interface MoodleRetrySettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_MOODLE_RETRY: MoodleRetrySettings = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000 };

/** The REST endpoint of Moodle's web services. */
export const MOODLE_REST_PATH = '/webservice/rest/server.php';

/** A parameter value as Moodle's REST protocol takes it: scalars, and lists or objects of them (PHP array syntax). */
export type MoodleParam = string | number | boolean | MoodleParam[] | { [key: string]: MoodleParam };

/** Moodle's error body: HTTP 200 with `exception`, `errorcode` and `message` (and `debuginfo` in developer mode). */
export interface MoodleException {
  exception: string;
  errorcode: string;
  message: string;
  debuginfo?: string;
}

/** What each function needs beyond being in the service, for messages about refusals. */
const CAPABILITIES: Record<string, string> = {
  core_webservice_get_site_info: 'none',
  core_course_get_courses_by_field: 'moodle/course:view or enrolment in the course',
  core_enrol_get_enrolled_users: 'moodle/course:viewparticipants and moodle/site:viewuseridentity (to see emails)',
  core_completion_get_course_completion_status: 'report/progress:view (or report/completion:view) in the course',
};

/** Error codes Moodle gives when the token's user lacks a capability or access. */
const PERMISSION_CODES = new Set([
  'nopermissions',
  'cannotviewreport',
  'accessexception',
  'requireloginerror',
  'notingroup',
  'usernotincourse',
]);
/** Error codes of a token Moodle does not accept. */
const TOKEN_CODES = new Set(['invalidtoken', 'invalidtokensession', 'tokenexpired', 'sitemaintenance', 'restoredaccountexception']);

/** Flattens parameters the way Moodle's REST server reads them: `options[0][name]=limitfrom`. */
export function encodeMoodleParams(params: Record<string, MoodleParam>): URLSearchParams {
  const form = new URLSearchParams();
  const add = (key: string, value: MoodleParam) => {
    if (Array.isArray(value)) value.forEach((item, index) => add(`${key}[${index}]`, item));
    else if (typeof value === 'object') for (const [name, item] of Object.entries(value)) add(`${key}[${name}]`, item);
    else form.append(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  };
  for (const [key, value] of Object.entries(params)) add(key, value);
  return form;
}

export function isMoodleException(body: unknown): body is MoodleException {
  return typeof body === 'object' && body !== null && typeof (body as MoodleException).exception === 'string';
}

/**
 * Calls Moodle web service functions over the REST protocol with JSON answers. Requests are POSTs
 * with a form body, so the token travels in the body, never in a URL that a proxy might log.
 * Moodle answers errors with HTTP 200 and an `exception` body: those fail the call with a
 * ConnectorError naming the function, Moodle's error code and message, and what to fix.
 */
export class MoodleApiClient {
  constructor(
    private readonly options: MoodleOptions,
    private readonly transport: HttpTransport,
    private readonly retry: MoodleRetrySettings = DEFAULT_MOODLE_RETRY,
  ) {}

  get baseUrl(): string {
    return this.options.base_url;
  }

  async call<T>(wsfunction: string, params: Record<string, MoodleParam> = {}, context: CallContext = {}): Promise<T> {
    const form = encodeMoodleParams({ wstoken: this.options.token, wsfunction, moodlewsrestformat: 'json', ...params });
    const response = await callWithRetry(
      this.transport,
      {
        method: 'POST',
        url: `${this.options.base_url}${MOODLE_REST_PATH}`,
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      },
      {
        vendor: 'Moodle',
        maxAttempts: this.retry.maxAttempts,
        backoff: (attempt) => exponentialBackoff(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs),
        classify: (res, attempt) => this.classify(res, attempt, wsfunction),
      },
      context,
    );
    return response.body as T;
  }

  private classify(response: HttpResponse, attempt: number, wsfunction: string): Verdict {
    if (response.status >= 500 || response.status === 429) {
      return {
        kind: 'retry',
        delayMs: exponentialBackoff(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs),
        code: 'MOODLE_UNAVAILABLE',
        reason: `Moodle server error, HTTP ${response.status}`,
      };
    }
    if (response.status < 200 || response.status >= 300) {
      return {
        kind: 'fail',
        error: new ConnectorError(
          'MOODLE_REQUEST_FAILED',
          `Moodle at ${this.baseUrl} answered ${wsfunction} with HTTP ${response.status}: ${response.text.trim().slice(0, 200) || 'no details given'}`,
        ),
      };
    }
    if (isMoodleException(response.body)) return { kind: 'fail', error: this.exceptionError(response.body, wsfunction) };
    if (response.body === undefined) {
      return {
        kind: 'fail',
        error: new ConnectorError(
          'MOODLE_BAD_RESPONSE',
          `Moodle at ${this.baseUrl} answered ${wsfunction} with something other than JSON (is base_url the site's address, and the REST protocol enabled?): ${response.text.trim().slice(0, 120)}`,
        ),
      };
    }
    return { kind: 'ok' };
  }

  private exceptionError(body: MoodleException, wsfunction: string): ConnectorError {
    const said = `${body.errorcode || body.exception}: ${body.message}`;
    if (TOKEN_CODES.has(body.errorcode)) {
      return new ConnectorError(
        'MOODLE_AUTH_FAILED',
        `Moodle at ${this.baseUrl} refused the token (option token) on ${wsfunction}: ${said}; create a web service token for the service's user and set it with --option token=...`,
      );
    }
    if (PERMISSION_CODES.has(body.errorcode) || body.exception === 'required_capability_exception') {
      return new ConnectorError(
        'MOODLE_PERMISSION_MISSING',
        `Moodle at ${this.baseUrl} refused ${wsfunction}: ${said}; the token's user needs ${CAPABILITIES[wsfunction] ?? 'the capabilities of this function'}, and the function must be in the token's web service`,
      );
    }
    if (body.exception === 'webservice_access_exception' || body.errorcode === 'servicenotavailable') {
      return new ConnectorError(
        'MOODLE_PERMISSION_MISSING',
        `Moodle at ${this.baseUrl} refused ${wsfunction}: ${said}; add ${wsfunction} to the token's web service (Site administration > Server > Web services > External services)`,
      );
    }
    return new ConnectorError('MOODLE_REQUEST_FAILED', `Moodle at ${this.baseUrl} refused ${wsfunction}: ${said}`);
  }
}
