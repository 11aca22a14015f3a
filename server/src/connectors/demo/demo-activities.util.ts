import type { Activity } from '../connector.port';
import { dayLabel, dayStart, HOUR_MS, isWeekend, MINUTE_MS } from './demo-clock.util';
import type { DemoCompany, DemoPerson } from './demo-company.util';
import { firstLoginOn, lastInstantOf } from './demo-logins.util';
import { randomFor, STREAM } from './demo-random.util';

/** How a department's people record their work. */
export interface DemoActivityHabit {
  /** Mean activities a person records on a day they log in. */
  perLoginDay: number;
  /** Chance per working day that an e-mail integration logs an e-mail for them, logged in or not. */
  syncedPerWorkday: number;
}

/**
 * The story of work, not presence: Customer Success logs in nearly every day but records almost
 * nothing (its calls and meetings stay in people's calendars), while Sales Americas' e-mail
 * integration logs e-mails even for those who never log in. Departments not listed record nothing.
 */
export const DEMO_ACTIVITY_HABITS: Readonly<Record<string, DemoActivityHabit>> = {
  'Sales EMEA': { perLoginDay: 2.2, syncedPerWorkday: 0.05 },
  'Sales Americas': { perLoginDay: 1.8, syncedPerWorkday: 0.35 },
  'Sales APAC': { perLoginDay: 1.2, syncedPerWorkday: 0.05 },
  'Customer Success': { perLoginDay: 0.04, syncedPerWorkday: 0 },
  Marketing: { perLoginDay: 0.6, syncedPerWorkday: 0 },
  'Inside Sales': { perLoginDay: 3.5, syncedPerWorkday: 0.05 },
};

const TYPES = ['call', 'call', 'email', 'email', 'meeting', 'task', 'note'] as const;

/** Employed, licensed and with an account on that day. */
function employed(person: DemoPerson, day: number): boolean {
  if (day < 0 || !person.licensed || day <= person.createdDay) return false;
  return person.deactivatedDay === null || day < person.deactivatedDay;
}

/** A whole number of mean `mean`: its integer part, plus one with the chance of its fraction. */
function countWithMean(mean: number, chance: (probability: number) => boolean): number {
  const whole = Math.floor(mean);
  return whole + (chance(mean - whole) ? 1 : 0);
}

/** Appends the person's activities of one day (relative to the launch) to `out`, unsorted. */
export function personActivitiesOn(company: DemoCompany, person: DemoPerson, launchAt: number, day: number, out: Activity[]): void {
  const habit = DEMO_ACTIVITY_HABITS[person.department.name];
  if (!habit || !employed(person, day)) return;
  const random = randomFor(company.seedHash, STREAM.activity, person.number, day);
  const label = dayLabel(launchAt, day);
  const [from, to] = person.department.hours;
  const end = lastInstantOf(launchAt, day);
  const firstLogin = firstLoginOn(company, person, launchAt, day);
  if (firstLogin !== null) {
    // Recorded in the CRM after the day's first login, within working hours; busy and quiet days
    // alike (up to twice the mean).
    const count = countWithMean(random.between(0, 2 * habit.perLoginDay), (p) => random.chance(p));
    const until = Math.max(firstLogin, dayStart(launchAt, day) + to * HOUR_MS);
    for (let index = 0; index < count; index++) {
      const occurredAt = Math.min(end, firstLogin + random.int(1, Math.max(1, Math.floor((until - firstLogin) / 1000))) * 1000);
      out.push({
        externalId: `${person.externalId}@${label}~${index}`,
        ownerExternalId: person.externalId,
        type: random.pick(TYPES),
        occurredAt,
        relatedExternalId: null,
        createdAt: occurredAt,
        deleted: false,
      });
    }
  }
  if (!isWeekend(launchAt, day) && random.chance(habit.syncedPerWorkday)) {
    const occurredAt = dayStart(launchAt, day) + from * HOUR_MS + random.int(10, (to - from) * 60 - 1) * MINUTE_MS;
    out.push({
      externalId: `${person.externalId}@${label}~synced`,
      ownerExternalId: person.externalId,
      type: 'email',
      occurredAt,
      relatedExternalId: null,
      createdAt: occurredAt,
      deleted: false,
    });
  }
}

function compareActivities(a: Activity, b: Activity): number {
  return a.occurredAt - b.occurredAt || (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0);
}

/** Every activity of the company on one day, ordered by time (then id). All of them fall inside the day. */
export function activitiesOnDay(company: DemoCompany, launchAt: number, day: number): Activity[] {
  const out: Activity[] = [];
  for (const person of company.people) personActivitiesOn(company, person, launchAt, day, out);
  return out.sort(compareActivities);
}
