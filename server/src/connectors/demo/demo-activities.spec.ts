import type { Activity, CrmRecord, CrmUser, LoginEvent, Opportunity, Page, SyncContext } from '../connector.port';
import { DemoConnector } from './demo.connector';
import { parseDemoOptions } from './demo-options.schema';

const DAY = 86_400_000;
// Launch on Monday 2026-01-05; `now` is day 120 (2026-05-05, a Tuesday) at 12:00 UTC.
const LAUNCH = Date.parse('2026-01-05T00:00:00Z');
const NOW = LAUNCH + 120 * DAY + 12 * 3_600_000;

function contextAt(now: number): SyncContext {
  return { now, timezone: 'UTC', requiredFields: {}, knownUserIds: async () => new Set<string>(), log: () => undefined };
}

async function pagesOf<T>(pages: AsyncIterable<Page<T>>): Promise<Page<T>[]> {
  const out: Page<T>[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

async function itemsOf<T>(pages: AsyncIterable<Page<T>>): Promise<T[]> {
  return (await pagesOf(pages)).flatMap((page) => page.items);
}

function demo(pageSize?: number): DemoConnector {
  return new DemoConnector(parseDemoOptions({ launch_date: '2026-01-05' }), pageSize);
}

/** Per department, the shares of seat holders who log in and who work in the 7 days ending `end` (DESIGN.md). */
function presenceByDepartment(
  users: CrmUser[],
  logins: LoginEvent[],
  work: Array<{ owner: string | null; at: number | null }>,
  end: number,
): Map<string, { logsIn: number; works: number; worksOnly: number }> {
  const inWindow = (at: number | null) => at !== null && at > end - 7 * DAY && at <= end;
  const loggedIn = new Set(logins.filter((l) => l.success && l.channel !== 'api' && inWindow(l.loginAt)).map((l) => l.userExternalId));
  const worked = new Set(work.filter((w) => inWindow(w.at)).map((w) => w.owner));
  const result = new Map<string, { logsIn: number; works: number; worksOnly: number }>();
  for (const department of new Set(users.map((user) => user.department!))) {
    const seat = users.filter((u) => u.department === department && u.active && u.licensed && !u.integration && (u.createdAt ?? 0) <= end);
    if (seat.length === 0) continue;
    const share = (test: (id: string) => boolean) => seat.filter((u) => test(u.externalId)).length / seat.length;
    result.set(department, {
      logsIn: share((id) => loggedIn.has(id)),
      works: share((id) => worked.has(id)),
      worksOnly: share((id) => worked.has(id) && !loggedIn.has(id)),
    });
  }
  return result;
}

describe(`${DemoConnector.name} activities`, () => {
  const ctx = contextAt(NOW);
  let users: CrmUser[];
  let logins: LoginEvent[];
  let activities: Activity[];
  let opportunities: Opportunity[];
  let records: CrmRecord[];

  beforeAll(async () => {
    const sut = demo();
    users = await itemsOf(sut.users(ctx));
    logins = await itemsOf(sut.logins(null, ctx));
    activities = await itemsOf(sut.activities(null, ctx));
    opportunities = await itemsOf(sut.opportunities(null, ctx));
    records = [...(await itemsOf(sut.records('account', null, ctx))), ...(await itemsOf(sut.records('contact', null, ctx)))];
  });

  it('are the same for the same seed, launch and now', async () => {
    expect(await itemsOf(demo().activities(null, ctx))).toEqual(activities);
  });

  it('are all within (launch, now], ordered by time, with unique ids, owned by people of the company', () => {
    expect(activities.length).toBeGreaterThan(10_000);
    const people = new Set(users.filter((user) => !user.integration).map((user) => user.externalId));
    expect(activities.every((a) => a.occurredAt > LAUNCH && a.occurredAt <= NOW && people.has(a.ownerExternalId))).toBe(true);
    for (let index = 1; index < activities.length; index++)
      expect(activities[index].occurredAt).toBeGreaterThanOrEqual(activities[index - 1].occurredAt);
    expect(new Set(activities.map((a) => a.externalId)).size).toBe(activities.length);
    expect(new Set(activities.map((a) => a.type))).toEqual(new Set(['call', 'email', 'meeting', 'task', 'note']));
  });

  it('tell the story: Customer Success logs in but records little; Sales Americas works through its e-mail integration', () => {
    const work = [
      ...activities.map((a) => ({ owner: a.ownerExternalId, at: a.occurredAt })),
      ...opportunities.map((o) => ({ owner: o.ownerExternalId, at: o.createdAt })),
      ...records.map((r) => ({ owner: r.ownerExternalId, at: r.createdAt })),
    ];
    const presence = presenceByDepartment(users, logins, work, NOW);
    const gap = (department: string) => presence.get(department)!.logsIn - presence.get(department)!.works;
    // Customer Success: most log in, far fewer do any work in the CRM; no department has a wider gap
    expect(presence.get('Customer Success')!.logsIn).toBeGreaterThan(0.8);
    expect(gap('Customer Success')).toBeGreaterThan(0.25);
    for (const department of presence.keys()) if (department !== 'Customer Success') expect(gap(department)).toBeLessThan(0.1);
    // Sales Americas: the integration logs e-mails of people who did not log in that week
    expect(presence.get('Sales Americas')!.worksOnly).toBeGreaterThan(0.08);
    expect(presence.get('Sales EMEA')!.worksOnly).toBeLessThan(0.05);
  });

  it('resume after `since`, in pages whose watermark is the last activity time', async () => {
    const since = activities[Math.floor(activities.length / 2)].occurredAt;
    expect(await itemsOf(demo().activities(since, ctx))).toEqual(activities.filter((a) => a.occurredAt > since));
    const pages = await pagesOf(demo(500).activities(null, ctx));
    expect(pages.flatMap((page) => page.items)).toEqual(activities);
    pages.forEach((page, index) => {
      expect(page.watermark).toBe(page.items[page.items.length - 1].occurredAt);
      if (index > 0) expect(page.items[0].occurredAt).toBeGreaterThan(pages[index - 1].watermark!);
    });
  });

  it('never change once generated: a later sync sees the same activities up to the earlier now, then more', async () => {
    const later = await itemsOf(demo().activities(null, contextAt(NOW + 1.5 * DAY)));
    expect(later.filter((a) => a.occurredAt <= NOW)).toEqual(activities);
    expect(later.length).toBeGreaterThan(activities.length);
  });
});
