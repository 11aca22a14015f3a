import { isFieldFilled } from '@uptake/shared';
import {
  ConnectorError,
  type CrmRecord,
  type CrmUser,
  type LoginEvent,
  type Opportunity,
  type Page,
  type SyncContext,
} from '../connector.port';
import { createConnector } from '../connector.registry';
import { createDemoConnector, DemoConnector } from './demo.connector';
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

function demo(options: Record<string, string> = { launch_date: '2026-01-05' }, pageSize?: number): DemoConnector {
  return new DemoConnector(parseDemoOptions(options), pageSize);
}

async function everything(sut: DemoConnector, now: number) {
  const ctx = contextAt(now);
  return {
    users: await pagesOf(sut.users(ctx)),
    logins: await pagesOf(sut.logins(null, ctx)),
    opportunities: await pagesOf(sut.opportunities(null, ctx)),
    accounts: await pagesOf(sut.records('account', null, ctx)),
    contacts: await pagesOf(sut.records('contact', null, ctx)),
    training: await pagesOf(sut.training(ctx)),
  };
}

/** The share of seat holders per department with a counted login in the 7 days ending `end` (DESIGN.md). */
function weeklyActiveByDepartment(users: CrmUser[], logins: LoginEvent[], end: number): Map<string, number> {
  const active = new Set(
    logins.filter((l) => l.success && l.channel !== 'api' && l.loginAt > end - 7 * DAY && l.loginAt <= end).map((l) => l.userExternalId),
  );
  const shares = new Map<string, number>();
  for (const department of new Set(users.map((user) => user.department!))) {
    const seatHolders = users.filter(
      (u) => u.department === department && u.active && u.licensed && !u.integration && (u.createdAt ?? 0) <= end,
    );
    if (seatHolders.length > 0) shares.set(department, seatHolders.filter((u) => active.has(u.externalId)).length / seatHolders.length);
  }
  return shares;
}

/** Stale (DESIGN.md): open at `day`, and last touch at or before end(day) - 30 days or close date before the day. */
function isStale(o: Opportunity, day: string, end: number): boolean {
  const lastTouch = Math.max(o.createdAt ?? 0, o.lastActivityAt ?? 0, o.lastModifiedAt ?? 0);
  return lastTouch <= end - 30 * DAY || (o.closeDate !== null && o.closeDate < day);
}

describe(DemoConnector.name, () => {
  const ctx = contextAt(NOW);
  let world: Awaited<ReturnType<typeof everything>>;
  let users: CrmUser[];
  let logins: LoginEvent[];
  let opportunities: Opportunity[];

  beforeAll(async () => {
    world = await everything(demo(), NOW);
    users = world.users.flatMap((page) => page.items);
    logins = world.logins.flatMap((page) => page.items);
    opportunities = world.opportunities.flatMap((page) => page.items);
  });

  it('is what the registry builds for kind "demo", with validated options', () => {
    expect(createConnector('demo', {})).toBeInstanceOf(DemoConnector);
    expect(() => createDemoConnector({ people: 'lots' })).toThrow(ConnectorError);
  });

  it('gives identical pages for the same seed, launch and now', async () => {
    expect(await everything(demo(), NOW)).toEqual(world);
  });

  it('differs for another seed', async () => {
    const other = await itemsOf(demo({ launch_date: '2026-01-05', seed: 'another' }).logins(null, ctx));
    expect(other.length).toBeGreaterThan(0);
    expect(other.slice(0, 50)).not.toEqual(logins.slice(0, 50));
  });

  describe('users', () => {
    it('lists the 320 people in 6 departments and 2 integration accounts', () => {
      const people = users.filter((user) => !user.integration);
      expect(people).toHaveLength(320);
      expect(new Set(people.map((user) => user.department)).size).toBe(6);
      expect(users.filter((user) => user.integration).map((user) => user.name)).toEqual(['Marketing Automation Sync', 'ERP Integration']);
    });

    it('gives people names, e-mail addresses, roles and (except managers) a manager', () => {
      const people = users.filter((user) => !user.integration);
      for (const user of people) {
        expect(user.name).toMatch(/\S+ \S+/);
        expect(user.email).toMatch(/^[a-z.]+\d*@helio-systems\.example$/);
        expect(user.role).toBeTruthy();
      }
      const managers = new Set(people.filter((user) => user.managerExternalId === null).map((user) => user.externalId));
      expect(managers.size).toBe(11);
      for (const user of people.filter((u) => u.managerExternalId !== null)) expect(managers.has(user.managerExternalId!)).toBe(true);
    });

    it('has a few deactivated, unlicensed and late-joining people', () => {
      // By day 120 everyone who leaves (days 20-100) has left and every late joiner (days 7-110) has joined.
      expect(users.filter((user) => !user.active)).toHaveLength(4);
      expect(users.filter((user) => !user.licensed)).toHaveLength(5);
      expect(users.filter((user) => user.createdAt! > LAUNCH)).toHaveLength(13);
    });

    it('does not list people before they join, nor deactivate them before they leave', async () => {
      const early = await itemsOf(demo().users(contextAt(LAUNCH + 5 * DAY)));
      expect(early.length).toBeLessThan(users.length);
      expect(early.every((user) => user.createdAt! <= LAUNCH + 5 * DAY)).toBe(true);
      expect(early.every((user) => user.active)).toBe(true);
    });
  });

  describe('logins', () => {
    it('are all within (launch, now], ordered by time, with unique ids', () => {
      expect(logins.length).toBeGreaterThan(10_000);
      expect(logins.every((login) => login.loginAt > LAUNCH && login.loginAt <= NOW)).toBe(true);
      for (let index = 1; index < logins.length; index++) expect(logins[index].loginAt).toBeGreaterThanOrEqual(logins[index - 1].loginAt);
      expect(new Set(logins.map((login) => login.externalId)).size).toBe(logins.length);
    });

    it('come from the integration accounts through the API only, and from people never through it', () => {
      const integrations = new Set(users.filter((user) => user.integration).map((user) => user.externalId));
      const api = logins.filter((login) => login.channel === 'api');
      expect(api.length).toBeGreaterThan(0);
      expect(api.every((login) => integrations.has(login.userExternalId))).toBe(true);
      expect(logins.filter((login) => integrations.has(login.userExternalId)).every((login) => login.channel === 'api')).toBe(true);
    });

    it('include a few percent of failures and some mobile logins', () => {
      const failed = logins.filter((login) => !login.success).length / logins.length;
      expect(failed).toBeGreaterThan(0.01);
      expect(failed).toBeLessThan(0.08);
      expect(logins.some((login) => login.channel === 'mobile')).toBe(true);
    });

    it('are rarer on weekends: the weekend 2026-05-02/03 has far fewer people logging in than Thursday and Friday before it', () => {
      const people = (from: number) =>
        logins.filter((l) => l.channel !== 'api' && l.loginAt >= LAUNCH + from * DAY && l.loginAt < LAUNCH + (from + 2) * DAY).length;
      // Day 115 is Thursday 2026-04-30, day 117 Saturday 2026-05-02.
      expect(people(117)).toBeLessThan(people(115) / 4);
    });

    it('show one clearly lagging department: Sales APAC far below every other department in the last 7 days', () => {
      const shares = weeklyActiveByDepartment(users, logins, NOW);
      const { 'Sales APAC': apac, ...others } = Object.fromEntries(shares);
      expect(apac).toBeLessThan(0.5);
      for (const share of Object.values(others)) expect(share).toBeGreaterThan(0.7);
      expect(Math.min(...Object.values(others)) - apac).toBeGreaterThan(0.25);
    });

    it('ramp up after the launch: far fewer people active in the first week than in the last', () => {
      const firstWeek = weeklyActiveByDepartment(users, logins, LAUNCH + 7 * DAY);
      const lastWeek = weeklyActiveByDepartment(users, logins, NOW);
      for (const [department, share] of firstWeek) expect(share).toBeLessThan(lastWeek.get(department)!);
    });

    it('resume after `since`: logins(since) is exactly the tail of logins(null) after it', async () => {
      const since = logins[Math.floor(logins.length / 2)].loginAt;
      const tail = await itemsOf(demo().logins(since, ctx));
      expect(tail).toEqual(logins.filter((login) => login.loginAt > since));
      expect(await itemsOf(demo().logins(NOW, ctx))).toEqual([]);
    });

    it('come in pages of about the page size whose watermark is the last login time, never splitting one instant', async () => {
      const pages = await pagesOf(demo(undefined, 500).logins(null, ctx));
      expect(pages.flatMap((page) => page.items)).toEqual(logins);
      expect(pages.length).toBeGreaterThan(logins.length / 501);
      pages.forEach((page, index) => {
        expect(page.watermark).toBe(page.items[page.items.length - 1].loginAt);
        if (index > 0) expect(page.items[0].loginAt).toBeGreaterThan(pages[index - 1].watermark!);
        if (index < pages.length - 1) expect(page.items.length).toBeGreaterThanOrEqual(500);
      });
    });

    it('never change once generated: a later sync sees the same logins up to the earlier now, then more', async () => {
      const later = await itemsOf(demo().logins(null, contextAt(NOW + 1.5 * DAY)));
      expect(later.filter((login) => login.loginAt <= NOW)).toEqual(logins);
      expect(later.length).toBeGreaterThan(logins.length);
    });
  });

  describe('opportunities', () => {
    const dayOfNow = '2026-05-05';
    const endOfNowDay = LAUNCH + 121 * DAY - 1;

    it('are owned by sales and customer success people, with stages, amounts and close dates', () => {
      const owners = new Map(users.map((user) => [user.externalId, user.department]));
      expect(new Set(opportunities.map((o) => owners.get(o.ownerExternalId!)))).toEqual(
        new Set(['Sales EMEA', 'Sales Americas', 'Sales APAC', 'Customer Success', 'Inside Sales']),
      );
      expect(opportunities.some((o) => o.isClosed && o.isWon && o.stage === 'Closed Won')).toBe(true);
      expect(opportunities.some((o) => o.isClosed && !o.isWon && o.stage === 'Closed Lost')).toBe(true);
      expect(opportunities.some((o) => o.deleted)).toBe(true);
      expect(
        opportunities
          .filter((o) => !o.isClosed)
          .every((o) => ['Prospecting', 'Qualification', 'Proposal', 'Negotiation'].includes(o.stage!)),
      ).toBe(true);
    });

    it('include stale and overdue open ones, many more of them in the lagging department', () => {
      const open = opportunities.filter((o) => !o.deleted && !o.isClosed && o.createdAt! <= endOfNowDay);
      expect(open.some((o) => o.closeDate !== null && o.closeDate < dayOfNow)).toBe(true);
      const staleShare = (department: string) => {
        const owned = new Set(users.filter((user) => user.department === department).map((user) => user.externalId));
        const mine = open.filter((o) => owned.has(o.ownerExternalId!));
        return mine.filter((o) => isStale(o, dayOfNow, endOfNowDay)).length / mine.length;
      };
      expect(staleShare('Sales APAC')).toBeGreaterThan(0.4);
      for (const department of ['Sales EMEA', 'Sales Americas', 'Customer Success', 'Inside Sales'])
        expect(staleShare(department)).toBeLessThan(0.3);
    });

    it('carry the fields amount, close_date, next_step and stage, some of them empty or placeholders', () => {
      for (const o of opportunities)
        expect(Object.keys(o.fields)).toEqual(expect.arrayContaining(['amount', 'close_date', 'next_step', 'stage']));
      const blank = (field: string) => opportunities.filter((o) => !isFieldFilled(o.fields[field])).length;
      expect(blank('amount')).toBeGreaterThan(0);
      expect(blank('close_date')).toBeGreaterThan(0);
      expect(blank('next_step')).toBeGreaterThan(0);
      expect(opportunities.filter((o) => o.amount !== null).every((o) => o.fields.amount === String(o.amount))).toBe(true);
    });

    it('nothing after now, ordered and paged by last modification', async () => {
      expect(opportunities.every((o) => o.createdAt! <= NOW && o.lastModifiedAt! <= NOW)).toBe(true);
      world.opportunities.forEach((page) => expect(page.watermark).toBe(page.items[page.items.length - 1].lastModifiedAt));
      const since = opportunities[Math.floor(opportunities.length * 0.8)].lastModifiedAt!;
      expect(await itemsOf(demo().opportunities(since, ctx))).toEqual(opportunities.filter((o) => o.lastModifiedAt! > since));
    });

    it('as seen at a later now: unchanged ones are identical, changed ones were modified after the earlier now', async () => {
      // An earlier now in the middle of a working day, so some of that day's edits come after it.
      const earlier = NOW - 2 * DAY + 3 * 3_600_000;
      const before = await itemsOf(demo().opportunities(null, contextAt(earlier)));
      expect(before.every((o) => o.createdAt! <= earlier && o.lastModifiedAt! <= earlier)).toBe(true);
      const after = new Map(opportunities.map((o) => [o.externalId, o]));
      let changed = 0;
      for (const o of before) {
        const now = after.get(o.externalId)!;
        if (now.lastModifiedAt! <= earlier) expect(now).toEqual(o);
        else changed++;
      }
      expect(changed).toBeGreaterThan(0);
      expect(opportunities.filter((o) => o.lastModifiedAt! <= earlier)).toHaveLength(
        before.filter((o) => after.get(o.externalId)!.lastModifiedAt! <= earlier).length,
      );
    });
  });

  describe('records', () => {
    let accounts: CrmRecord[];
    let contacts: CrmRecord[];
    beforeAll(() => {
      accounts = world.accounts.flatMap((page) => page.items);
      contacts = world.contacts.flatMap((page) => page.items);
    });

    it('come as accounts and contacts', async () => {
      expect(await demo().recordObjectTypes()).toEqual(['account', 'contact']);
      expect(accounts.length).toBeGreaterThan(0);
      expect(accounts.every((record) => record.objectType === 'account')).toBe(true);
      expect(contacts.every((record) => record.objectType === 'contact')).toBe(true);
      expect(() => demo().records('lead', null, ctx)).toThrow('demo CRM has no object type "lead" (it has: account, contact)');
    });

    it('have the key fields, sometimes empty, blank or a placeholder', () => {
      const values = (records: CrmRecord[], field: string) => records.map((record) => record.fields[field]);
      for (const field of ['industry', 'phone', 'website'])
        expect(values(accounts, field).some((value) => !isFieldFilled(value))).toBe(true);
      for (const field of ['email', 'phone', 'title']) expect(values(contacts, field).some((value) => !isFieldFilled(value))).toBe(true);
      const all = [...accounts, ...contacts].flatMap((record) => Object.values(record.fields));
      for (const kind of [null, '', '   ', 'n/a', 'unknown', '-']) expect(all).toContain(kind);
    });

    it('are owned by people, created and modified by now, and listed incrementally', async () => {
      const people = new Set(users.filter((user) => !user.integration).map((user) => user.externalId));
      expect(
        contacts.every(
          (record) => people.has(record.ownerExternalId!) && record.lastModifiedAt! <= NOW && record.createdAt! <= record.lastModifiedAt!,
        ),
      ).toBe(true);
      const since = LAUNCH + 100 * DAY;
      expect(await itemsOf(demo().records('contact', since, ctx))).toEqual(contacts.filter((record) => record.lastModifiedAt! > since));
    });
  });

  describe('training', () => {
    it('assigns the two required courses and the optional one, completed over time, less in the lagging department', () => {
      const training = world.training.flatMap((page) => page.items);
      expect([...new Set(training.map((row) => `${row.course}:${row.required}`))].sort()).toEqual([
        'CRM Basics:true',
        'Pipeline Hygiene:true',
        'Reporting Deep Dive:false',
      ]);
      expect(training.some((row) => row.completedAt === null)).toBe(true);
      expect(training.every((row) => row.completedAt === null || row.completedAt <= NOW)).toBe(true);
      const departmentOf = new Map(users.map((user) => [user.externalId, user.department]));
      const completedShare = (department: string) => {
        const rows = training.filter((row) => row.required && departmentOf.get(row.userExternalId) === department);
        return rows.filter((row) => row.completedAt !== null).length / rows.length;
      };
      expect(completedShare('Sales APAC')).toBeLessThan(completedShare('Sales EMEA') - 0.2);
    });

    it('shows no completion before it happens', async () => {
      const early = await itemsOf(demo().training(contextAt(LAUNCH)));
      expect(early.every((row) => row.completedAt === null || row.completedAt <= LAUNCH)).toBe(true);
      expect(early.filter((row) => row.completedAt !== null).length).toBeLessThan(
        world.training.flatMap((page) => page.items).filter((row) => row.completedAt !== null).length,
      );
    });
  });

  describe('launch date', () => {
    it('stays fixed across syncs when the connection stores launch_date', () => {
      const sut = demo({ launch_date: '2026-01-05' });
      expect(sut.launchAt(NOW)).toBe(LAUNCH);
      expect(sut.launchAt(NOW + 30 * DAY)).toBe(LAUNCH);
    });

    it('is launch_days_ago before the day of now without it', () => {
      // Day 120 after 2026-01-05 minus 30 days: day 90.
      expect(demo({ launch_days_ago: '30' }).launchAt(NOW)).toBe(LAUNCH + 90 * DAY);
    });
  });

  it('sums up what it will sync', async () => {
    expect(await demo().test(ctx)).toBe(
      'Demo CRM: 320 people in 6 departments, 2 integration accounts, launched 2026-01-05 (120 days ago), seed "uptake"',
    );
  });

  it('generates 320 people over 120 days quickly', async () => {
    const started = performance.now();
    await everything(demo(), NOW + DAY);
    // Measured around 0.2 s here; the bound leaves room for a busy machine.
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
