import type { LoginEvent } from '../connector.port';
import { DAY_MS, dayLabel, dayStart, HOUR_MS, isWeekend, MINUTE_MS } from './demo-clock.util';
import type { DemoCompany, DemoPerson, DemoServiceAccount } from './demo-company.util';
import { randomFor, STREAM } from './demo-random.util';

/** Weekday / weekend login probability of someone who has not taken the CRM up (yet). */
const CASUAL_WEEKDAY = 0.02;
const CASUAL_WEEKEND = 0.003;
/** Weekend login probability of someone who has. */
const ADOPTED_WEEKEND = 0.07;
/** Chance that a scheduled API login fails once and is retried a minute later. */
const SERVICE_FAILURE = 0.01;

/** Can the person log in on that day (employed, licensed, account existing before the day)? */
function canLogIn(person: DemoPerson, day: number): boolean {
  if (day < 0 || !person.licensed || day <= person.createdDay) return false;
  return person.deactivatedDay === null || day < person.deactivatedDay;
}

/** Appends the person's logins of one day (relative to the launch) to `out`, unsorted. */
export function personLoginsOn(company: DemoCompany, person: DemoPerson, launchAt: number, day: number, out: LoginEvent[]): void {
  if (!canLogIn(person, day)) return;
  const random = randomFor(company.seedHash, STREAM.login, person.number, day);
  const weekend = isWeekend(launchAt, day);
  const adopted = person.adopter && day >= person.adoptionDay;
  const probability = adopted ? (weekend ? ADOPTED_WEEKEND : person.intensity) : weekend ? CASUAL_WEEKEND : CASUAL_WEEKDAY;
  if (!random.chance(probability)) return;
  const sessions = 1 + (random.chance(0.35) ? 1 : 0) + (random.chance(0.1) ? 1 : 0);
  const [from, to] = person.department.hours;
  // Sessions start 5 minutes into working hours at the earliest, so a failed attempt before one stays on the same day.
  const earliest = dayStart(launchAt, day) + from * HOUR_MS + 5 * MINUTE_MS;
  const window = (to - from) * HOUR_MS - 5 * MINUTE_MS;
  const label = dayLabel(launchAt, day);
  for (let index = 0; index < sessions; index++) {
    const loginAt = earliest + random.int(0, window / 1000 - 1) * 1000;
    const channel = random.chance(person.mobileShare) ? 'mobile' : 'web';
    const id = `${person.externalId}@${label}#${index}`;
    if (random.chance(person.failedLoginShare)) {
      out.push({
        externalId: `${id}-failed`,
        userExternalId: person.externalId,
        loginAt: loginAt - random.int(20, 290) * 1000,
        success: false,
        channel,
      });
    }
    out.push({ externalId: id, userExternalId: person.externalId, loginAt, success: true, channel });
  }
}

/** Appends a service account's scheduled API logins of one day to `out`. */
export function serviceLoginsOn(company: DemoCompany, account: DemoServiceAccount, launchAt: number, day: number, out: LoginEvent[]): void {
  if (day < 0 || day <= account.createdDay) return;
  const random = randomFor(company.seedHash, STREAM.service, account.number, day);
  const label = dayLabel(launchAt, day);
  account.runsAtMinutes.forEach((minute, index) => {
    const at = dayStart(launchAt, day) + minute * MINUTE_MS + random.int(0, 59) * 1000;
    const id = `${account.externalId}@${label}#${index}`;
    if (random.chance(SERVICE_FAILURE)) {
      out.push({ externalId: `${id}-failed`, userExternalId: account.externalId, loginAt: at, success: false, channel: 'api' });
      out.push({ externalId: id, userExternalId: account.externalId, loginAt: at + MINUTE_MS, success: true, channel: 'api' });
    } else {
      out.push({ externalId: id, userExternalId: account.externalId, loginAt: at, success: true, channel: 'api' });
    }
  });
}

export function compareLogins(a: LoginEvent, b: LoginEvent): number {
  return a.loginAt - b.loginAt || (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0);
}

/** Every login of the company on one day, ordered by time (then id). All of them fall inside the day. */
export function loginsOnDay(company: DemoCompany, launchAt: number, day: number): LoginEvent[] {
  const out: LoginEvent[] = [];
  for (const person of company.people) personLoginsOn(company, person, launchAt, day, out);
  for (const account of company.serviceAccounts) serviceLoginsOn(company, account, launchAt, day, out);
  return out.sort(compareLogins);
}

/**
 * The instant a person starts working in the CRM on a day: their first successful login, or null
 * when they do not log in. Opportunities and records are only edited after it.
 */
export function firstLoginOn(company: DemoCompany, person: DemoPerson, launchAt: number, day: number): number | null {
  const out: LoginEvent[] = [];
  personLoginsOn(company, person, launchAt, day, out);
  let first: number | null = null;
  for (const login of out) if (login.success && (first === null || login.loginAt < first)) first = login.loginAt;
  return first;
}

/** Last instant of the day, for clamping edit times. */
export function lastInstantOf(launchAt: number, day: number): number {
  return dayStart(launchAt, day) + DAY_MS - 1000;
}
