import { dayStart, DAY_MS, HOUR_MS, isWeekend, MINUTE_MS } from './demo-clock.util';
import type { DemoCompany, DemoPerson } from './demo-company.util';
import { firstLoginOn } from './demo-logins.util';
import type { SeededRandom } from './demo-random.util';

/**
 * How many days of history the previous system held; it was migrated into the CRM at the launch
 * with its original dates, so the pipeline and the accounts do not start empty.
 */
export const LEGACY_DAYS = 150;

/** "No work that day" in a calendar (bound once: global lookups are slow in jest's vm sandbox). */
const NO_WORK = Number.NaN;

/**
 * When the person starts editing CRM data on a day, or null when they do not. Before the launch
 * (the previous system, migrated later) every working day counts; after it, the first successful
 * login of the day, so people who never log in leave their data to rot.
 */
export function workStartOn(company: DemoCompany, person: DemoPerson, launchAt: number, day: number): number | null {
  if (day <= person.createdDay || !person.licensed) return null;
  if (person.deactivatedDay !== null && day >= person.deactivatedDay) return null;
  if (day >= 0) return firstLoginOn(company, person, launchAt, day);
  if (isWeekend(launchAt, day)) return null;
  return dayStart(launchAt, day) + person.department.hours[0] * HOUR_MS + 30 * MINUTE_MS;
}

/** `workStartOn` for every day from the legacy history to `lastDay`, computed once per person. */
export class WorkCalendar {
  readonly firstDay: number;
  private readonly starts: Float64Array;

  constructor(
    company: DemoCompany,
    person: DemoPerson,
    launchAt: number,
    readonly lastDay: number,
  ) {
    this.firstDay = -LEGACY_DAYS;
    this.starts = new Float64Array(lastDay >= this.firstDay ? lastDay - this.firstDay + 1 : 0);
    for (let day = this.firstDay; day <= lastDay; day++)
      this.starts[day - this.firstDay] = workStartOn(company, person, launchAt, day) ?? NO_WORK;
  }

  startOn(day: number): number | null {
    const start = this.starts[day - this.firstDay];
    return start === undefined || start !== start ? null : start;
  }
}

/** Calendars by person, built on first use; the pipeline and the records share them. */
export type WorkCalendars = (person: DemoPerson) => WorkCalendar;

export function workCalendars(company: DemoCompany, launchAt: number, lastDay: number): WorkCalendars {
  const calendars = new Map<DemoPerson, WorkCalendar>();
  return (person) => {
    let calendar = calendars.get(person);
    if (!calendar) calendars.set(person, (calendar = new WorkCalendar(company, person, launchAt, lastDay)));
    return calendar;
  };
}

/** An edit a little after the work started, never past the end of the day. */
export function editTime(random: SeededRandom, workStart: number, launchAt: number, day: number): number {
  const at = workStart + random.int(2, 240) * MINUTE_MS + random.int(0, 59) * 1000;
  const last = dayStart(launchAt, day) + DAY_MS - 1000;
  return at < last ? at : last;
}
