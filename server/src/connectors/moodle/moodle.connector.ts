import {
  ConnectorError,
  type CrmConnector,
  type CrmRecord,
  type CrmUser,
  type LoginEvent,
  type Opportunity,
  type Page,
  type SyncContext,
  type TrainingAssignment,
} from '../connector.port';
import { parseConnectorOptions } from '../http/connector-options.util';
import { defaultTransport, type HttpTransport } from '../http/http.transport';
import { isEmailAddress } from '../shared/email-address.util';
import { MoodleApiClient, type MoodleRetrySettings } from './moodle-api.client';
import { MoodleOptionsSchema, type MoodleOptions } from './moodle-options.schema';

/** The web service functions the connector calls; `connection test` checks the service offers each. */
export const MOODLE_FUNCTIONS = [
  'core_webservice_get_site_info',
  'core_course_get_courses_by_field',
  'core_enrol_get_enrolled_users',
  'core_completion_get_course_completion_status',
] as const;

export interface MoodleCourse {
  id: number;
  shortname: string;
  fullname: string;
  enablecompletion?: number | boolean;
}

export interface MoodleEnrolledUser {
  id: number;
  fullname?: string;
  email?: string;
}

export interface MoodleCompletionStatus {
  completionstatus?: {
    completed: boolean;
    aggregation?: number;
    completions?: Array<{ type?: number; title?: string; status?: string; complete?: boolean; timecompleted?: number | null }>;
  };
}

interface MoodleSiteInfo {
  sitename?: string;
  username?: string;
  functions?: Array<{ name: string }>;
}

export interface MoodleConnectorDeps {
  transport?: HttpTransport;
  retry?: MoodleRetrySettings;
  /** Enrolled users per request (`limitnumber`). */
  pageSize?: number;
}

const PAGE_SIZE = 100;

/**
 * Training from a Moodle site through its web service (REST protocol, JSON): for each course of
 * the `courses` option, its enrolled users (paged with `limitfrom`/`limitnumber`) and each one's
 * course completion status. Rows are keyed by email (DESIGN.md "a person is one human across
 * connections"): they count for whoever has that email in any connection. Every listed course is
 * required (unless the launch plan names required courses); a course counts as completed at the
 * latest `timecompleted` of its completion criteria. Moodle holds no CRM users, logins or records.
 */
export class MoodleConnector implements CrmConnector {
  readonly kind = 'moodle' as const;
  private readonly client: MoodleApiClient;
  private readonly pageSize: number;

  constructor(
    private readonly options: MoodleOptions,
    deps: MoodleConnectorDeps = {},
  ) {
    this.client = new MoodleApiClient(options, deps.transport ?? defaultTransport(), deps.retry);
    this.pageSize = deps.pageSize ?? PAGE_SIZE;
  }

  // A learning system has no CRM users, logins, opportunities or records.
  async *users(): AsyncIterable<Page<CrmUser>> {}
  async *logins(): AsyncIterable<Page<LoginEvent>> {}
  async *opportunities(): AsyncIterable<Page<Opportunity>> {}
  async recordObjectTypes(): Promise<string[]> {
    return [];
  }
  async *records(): AsyncIterable<Page<CrmRecord>> {}

  async *training(ctx: SyncContext): AsyncIterable<Page<TrainingAssignment>> {
    const courses = await this.courses(ctx);
    const emailOwner = new Map<string, number>();
    let withoutEmail = 0;
    for (const course of courses) {
      for await (const users of this.enrolledUsers(course, ctx)) {
        const items: TrainingAssignment[] = [];
        for (const user of users) {
          const email = (user.email ?? '').trim().toLowerCase();
          if (!isEmailAddress(email)) {
            withoutEmail += 1;
            continue;
          }
          const owner = emailOwner.get(email);
          if (owner !== undefined && owner !== user.id) {
            throw new ConnectorError(
              'MOODLE_DUPLICATE_EMAIL',
              `Moodle at ${this.client.baseUrl}: users ${owner} and ${user.id} have the same email ${email}; training is matched to people by email, so each Moodle user needs an email of their own`,
            );
          }
          emailOwner.set(email, user.id);
          const completedAt = await this.completedAt(course, user, ctx);
          items.push({ userExternalId: email, userEmail: email, course: course.fullname, required: true, completedAt });
        }
        if (items.length) yield { items };
      }
    }
    if (withoutEmail) ctx.log(`Moodle: ${withoutEmail} enrolments of users without a usable email skipped (training is matched by email)`);
  }

  /** Checks the token, the service's functions, every course and the capabilities to read completion. */
  async test(ctx: SyncContext): Promise<string> {
    const info = await this.client.call<MoodleSiteInfo>('core_webservice_get_site_info', {}, ctx);
    const lines = [`Moodle ${this.client.baseUrl} (${info.sitename ?? 'site'}), token of user ${info.username ?? '?'}`];
    const offered = new Set((info.functions ?? []).map((fn) => fn.name));
    const missing = MOODLE_FUNCTIONS.filter((fn) => !offered.has(fn));
    if (missing.length) {
      throw new ConnectorError(
        'MOODLE_PERMISSION_MISSING',
        `Moodle at ${this.client.baseUrl}: the token's web service lacks ${missing.join(', ')}; add them to the service (Site administration > Server > Web services > External services)`,
      );
    }
    for (const course of await this.courses(ctx)) {
      const users = await this.client.call<MoodleEnrolledUser[]>(
        'core_enrol_get_enrolled_users',
        { courseid: course.id, options: enrolOptions(0, 1) },
        ctx,
      );
      const sample = Array.isArray(users) ? users[0] : undefined;
      if (sample) await this.completedAt(course, sample, ctx);
      lines.push(
        `course ${course.id} ${course.shortname} "${course.fullname}": enrolled users and completion readable${sample?.email ? '' : sample ? ' (emails hidden: the user needs moodle/site:viewuseridentity)' : ' (nobody enrolled yet)'}`,
      );
    }
    lines.push('training: completion of the courses above, matched to people by email; no users, logins or records');
    return lines.join('\n');
  }

  /** The courses of the `courses` option, by id or short name; an unknown one is named. */
  private async courses(ctx: SyncContext): Promise<MoodleCourse[]> {
    const found: MoodleCourse[] = [];
    for (const wanted of this.options.courses) {
      const byId = /^\d+$/.test(wanted);
      const body = await this.client.call<{ courses?: MoodleCourse[] }>(
        'core_course_get_courses_by_field',
        { field: byId ? 'id' : 'shortname', value: wanted },
        ctx,
      );
      if (!body || !Array.isArray(body.courses)) {
        throw new ConnectorError(
          'MOODLE_BAD_RESPONSE',
          `Moodle at ${this.client.baseUrl} answered core_course_get_courses_by_field without a courses list`,
        );
      }
      const course = body.courses.find((c) => (byId ? String(c.id) === wanted : c.shortname.toLowerCase() === wanted.toLowerCase()));
      if (!course) {
        throw new ConnectorError(
          'MOODLE_COURSE_UNKNOWN',
          `Moodle at ${this.client.baseUrl} has no course with ${byId ? 'id' : 'short name'} "${wanted}" visible to the token's user (option courses)`,
        );
      }
      const twin = found.find((c) => c.id === course.id);
      if (twin) throw new ConnectorError('MOODLE_COURSE_UNKNOWN', `option courses names course ${course.id} (${course.shortname}) twice`);
      found.push(course);
    }
    return found;
  }

  private async *enrolledUsers(course: MoodleCourse, ctx: SyncContext): AsyncGenerator<MoodleEnrolledUser[]> {
    for (let from = 0; ; from += this.pageSize) {
      ctx.signal?.throwIfAborted();
      const users = await this.client.call<MoodleEnrolledUser[]>(
        'core_enrol_get_enrolled_users',
        { courseid: course.id, options: enrolOptions(from, this.pageSize) },
        ctx,
      );
      if (!Array.isArray(users)) {
        throw new ConnectorError(
          'MOODLE_BAD_RESPONSE',
          `Moodle at ${this.client.baseUrl} answered core_enrol_get_enrolled_users without a list of users`,
        );
      }
      yield users;
      if (users.length < this.pageSize) return;
    }
  }

  /** When the user completed the course: the latest criterion completion; null when not completed. */
  private async completedAt(course: MoodleCourse, user: MoodleEnrolledUser, ctx: SyncContext): Promise<number | null> {
    const body = await this.client.call<MoodleCompletionStatus>(
      'core_completion_get_course_completion_status',
      { courseid: course.id, userid: user.id },
      ctx,
    );
    const status = body?.completionstatus;
    if (!status || typeof status.completed !== 'boolean') {
      throw new ConnectorError(
        'MOODLE_BAD_RESPONSE',
        `Moodle at ${this.client.baseUrl} answered core_completion_get_course_completion_status for course ${course.id}, user ${user.id} without completionstatus.completed`,
      );
    }
    if (!status.completed) return null;
    const times = (status.completions ?? []).map((c) => c.timecompleted).filter((t): t is number => typeof t === 'number' && t > 0);
    // Completed with no criterion time given (e.g. marked complete by a manager): known as of now.
    return times.length ? Math.max(...times) * 1000 : ctx.now;
  }
}

/** `options` of core_enrol_get_enrolled_users: one page, with the fields the connector reads. */
function enrolOptions(from: number, count: number) {
  return [
    { name: 'userfields', value: 'id,fullname,email' },
    { name: 'limitfrom', value: from },
    { name: 'limitnumber', value: count },
  ];
}

export function createMoodleConnector(options: Record<string, string>, deps: MoodleConnectorDeps = {}): MoodleConnector {
  return new MoodleConnector(parseConnectorOptions('moodle', MoodleOptionsSchema, options), deps);
}
