import {
  type Activity,
  ConnectorError,
  type CrmConnector,
  type CrmRecord,
  type CrmUser,
  type Instant,
  type LoginEvent,
  type Opportunity,
  type Page,
  type SyncContext,
  type TrainingAssignment,
} from '../connector.port';
import { activitiesOnDay } from './demo-activities.util';
import { dayIndexOf, dayStart, demoLaunchAt, demoLaunchDay, MINUTE_MS } from './demo-clock.util';
import { buildDemoCompany, type DemoCompany } from './demo-company.util';
import { loginsOnDay } from './demo-logins.util';
import { type DemoOptions, parseDemoOptions } from './demo-options.schema';
import { pagesByInstant, pagesOf } from './demo-paging.util';
import { simulatePipeline } from './demo-pipeline.util';
import { DEMO_RECORD_OBJECT_TYPES, simulateRecords } from './demo-records.util';
import { createdAtOf, trainingAt } from './demo-training.util';
import { workCalendars, type WorkCalendars } from './demo-workday.util';

export const DEMO_PAGE_SIZE = 2_000;

/**
 * The built-in demo CRM: a simulated company whose people take the CRM up department by
 * department after the launch. Everything is a pure function of (seed, launch date, now): the
 * same inputs give the same pages, and as `now` moves on, new logins, deals and edits appear
 * while what happened before never changes. The company lives in UTC.
 */
export class DemoConnector implements CrmConnector {
  readonly kind = 'demo' as const;
  readonly company: DemoCompany;
  /** The last simulation of opportunities and records, reused while (launch, now) stay the same. */
  private simulation: { key: string; calendars: WorkCalendars; opportunities?: Opportunity[]; records?: CrmRecord[] } | null = null;

  constructor(
    readonly options: DemoOptions,
    private readonly pageSize = DEMO_PAGE_SIZE,
  ) {
    this.company = buildDemoCompany(options.seed, options.people);
  }

  /** 00:00 UTC of the launch day as seen from `now`. */
  launchAt(now: Instant): Instant {
    return demoLaunchAt(this.options, now);
  }

  async *users(ctx: SyncContext): AsyncGenerator<Page<CrmUser>> {
    const launchAt = this.launchAt(ctx.now);
    const users: CrmUser[] = [];
    for (const person of this.company.people) {
      const createdAt = createdAtOf(person, launchAt);
      if (createdAt > ctx.now) continue;
      const leftAt =
        person.deactivatedDay === null ? null : dayStart(launchAt, person.deactivatedDay) + person.deactivatedMinute * MINUTE_MS;
      users.push({
        externalId: person.externalId,
        name: person.name,
        email: person.email,
        department: person.department.name,
        role: person.role,
        managerExternalId: person.managerExternalId,
        active: leftAt === null || leftAt > ctx.now,
        licensed: person.licensed,
        integration: false,
        createdAt,
        // the demo CRM's modification time: the deactivation once it happened, else the creation
        modifiedAt: leftAt !== null && leftAt <= ctx.now ? leftAt : createdAt,
      });
    }
    for (const account of this.company.serviceAccounts) {
      const createdAt = createdAtOf(account, launchAt);
      if (createdAt > ctx.now) continue;
      users.push({
        externalId: account.externalId,
        name: account.name,
        email: account.email,
        department: account.department,
        role: account.role,
        managerExternalId: null,
        active: true,
        licensed: true,
        integration: true,
        createdAt,
        modifiedAt: createdAt,
      });
    }
    yield* pagesOf(users, this.pageSize, ctx.signal);
  }

  /** Logins with `since < loginAt <= now`, oldest first, generated day by day. */
  logins(since: Instant | null, ctx: SyncContext): AsyncGenerator<Page<LoginEvent>> {
    const launchAt = this.launchAt(ctx.now);
    const now = ctx.now;
    const company = this.company;
    const firstDay = since === null ? 0 : Math.max(0, dayIndexOf(launchAt, since));
    const lastDay = dayIndexOf(launchAt, now);
    function* events(): Generator<LoginEvent> {
      for (let day = firstDay; day <= lastDay; day++) {
        for (const login of loginsOnDay(company, launchAt, day)) {
          if (login.loginAt > now) return;
          if (since === null || login.loginAt > since) yield login;
        }
      }
    }
    return pagesByInstant(events(), (login) => login.loginAt, this.pageSize, ctx.signal);
  }

  /** Opportunities last modified in `(since, now]`, by last modification. */
  opportunities(since: Instant | null, ctx: SyncContext): AsyncGenerator<Page<Opportunity>> {
    const opportunities = this.simulated(ctx.now, 'opportunities');
    return pagesByInstant(modifiedSince(opportunities, since), (o) => o.lastModifiedAt!, this.pageSize, ctx.signal);
  }

  async recordObjectTypes(): Promise<string[]> {
    return [...DEMO_RECORD_OBJECT_TYPES];
  }

  /** Records of `objectType` last modified in `(since, now]`, by last modification. */
  records(objectType: string, since: Instant | null, ctx: SyncContext): AsyncGenerator<Page<CrmRecord>> {
    if (!(DEMO_RECORD_OBJECT_TYPES as readonly string[]).includes(objectType)) {
      throw new ConnectorError(
        'DEMO_OBJECT_TYPE_UNKNOWN',
        `demo CRM has no object type "${objectType}" (it has: ${DEMO_RECORD_OBJECT_TYPES.join(', ')})`,
      );
    }
    const records = this.simulated(ctx.now, 'records').filter((record) => record.objectType === objectType);
    return pagesByInstant(modifiedSince(records, since), (record) => record.lastModifiedAt!, this.pageSize, ctx.signal);
  }

  /** Activities with `since < occurredAt <= now`, oldest first, generated day by day (they are never edited). */
  activities(since: Instant | null, ctx: SyncContext): AsyncGenerator<Page<Activity>> {
    const launchAt = this.launchAt(ctx.now);
    const now = ctx.now;
    const company = this.company;
    const firstDay = since === null ? 0 : Math.max(0, dayIndexOf(launchAt, since));
    const lastDay = dayIndexOf(launchAt, now);
    function* events(): Generator<Activity> {
      for (let day = firstDay; day <= lastDay; day++) {
        for (const activity of activitiesOnDay(company, launchAt, day)) {
          if (activity.occurredAt > now) return;
          if (since === null || activity.occurredAt > since) yield activity;
        }
      }
    }
    return pagesByInstant(events(), (activity) => activity.occurredAt, this.pageSize, ctx.signal);
  }

  training(ctx: SyncContext): AsyncGenerator<Page<TrainingAssignment>> {
    return pagesOf(trainingAt(this.company, this.launchAt(ctx.now), ctx.now), this.pageSize, ctx.signal);
  }

  async test(ctx: SyncContext): Promise<string> {
    const launchDay = demoLaunchDay(this.options, ctx.now);
    const daysSince = dayIndexOf(this.launchAt(ctx.now), ctx.now);
    const when = daysSince >= 0 ? `launched ${launchDay} (${daysSince} days ago)` : `launching ${launchDay} (in ${-daysSince} days)`;
    return (
      `Demo CRM: ${this.company.people.length} people in ${this.company.departments.length} departments, ` +
      `${this.company.serviceAccounts.length} integration accounts, ${when}, seed "${this.options.seed}"`
    );
  }

  private simulated(now: Instant, what: 'opportunities'): Opportunity[];
  private simulated(now: Instant, what: 'records'): CrmRecord[];
  private simulated(now: Instant, what: 'opportunities' | 'records'): Opportunity[] | CrmRecord[] {
    const launchAt = this.launchAt(now);
    const key = `${launchAt}:${now}`;
    if (this.simulation?.key !== key)
      this.simulation = { key, calendars: workCalendars(this.company, launchAt, dayIndexOf(launchAt, now)) };
    const { calendars } = this.simulation;
    if (what === 'opportunities') return (this.simulation.opportunities ??= simulatePipeline(this.company, launchAt, now, calendars));
    return (this.simulation.records ??= simulateRecords(this.company, launchAt, now, calendars));
  }
}

function* modifiedSince<T extends { lastModifiedAt: Instant | null }>(items: readonly T[], since: Instant | null): Generator<T> {
  for (const item of items) if (since === null || item.lastModifiedAt! > since) yield item;
}

/** The registry's factory: validates the connection's options (seed, launch_days_ago, people, launch_date). */
export function createDemoConnector(options: Record<string, string>): CrmConnector {
  return new DemoConnector(parseDemoOptions(options));
}
