import type { TrainingAssignment } from '../connector.port';
import { dayStart, HOUR_MS, isWeekend, MINUTE_MS } from './demo-clock.util';
import type { DemoCompany, DemoPerson } from './demo-company.util';
import { randomFor, STREAM } from './demo-random.util';

export interface DemoCourse {
  name: string;
  required: boolean;
  /** Days after the start of a person's training before the course is offered. */
  offeredAfterDays: number;
}

export const DEMO_COURSES: readonly DemoCourse[] = [
  { name: 'CRM Basics', required: true, offeredAfterDays: 0 },
  { name: 'Pipeline Hygiene', required: true, offeredAfterDays: 5 },
  { name: 'Reporting Deep Dive', required: false, offeredAfterDays: 14 },
];

/** Go-live training starts a week before the launch; people who join later start after joining. */
const TRAINING_START_DAY = -7;
const OPTIONAL_TAKEN = 0.35;
const OPTIONAL_COMPLETES = 0.45;

/** Epoch ms at which a user account exists. */
export function createdAtOf(person: Pick<DemoPerson, 'createdDay' | 'createdMinute'>, launchAt: number): number {
  return dayStart(launchAt, person.createdDay) + person.createdMinute * MINUTE_MS;
}

/**
 * Training assignments of every licensed person existing at `now`: both required courses, the
 * optional one for managers and some others; completions after `now` (or after the person left)
 * show as not completed yet.
 */
export function trainingAt(company: DemoCompany, launchAt: number, now: number): TrainingAssignment[] {
  const assignments: TrainingAssignment[] = [];
  for (const person of company.people) {
    if (!person.licensed || createdAtOf(person, launchAt) > now) continue;
    const random = randomFor(company.seedHash, STREAM.training, person.number);
    const start = Math.max(TRAINING_START_DAY, person.createdDay + 1);
    const { completes, meanDays } = person.department.training;
    for (const course of DEMO_COURSES) {
      // Every draw is made whatever the outcome, so the draws of one course never shift another's.
      const taken = course.required || person.isManager || random.chance(OPTIONAL_TAKEN);
      const completed = random.chance(course.required ? completes : OPTIONAL_COMPLETES);
      let day = start + course.offeredAfterDays + Math.floor(random.exponential(course.required ? meanDays : meanDays * 2));
      while (isWeekend(launchAt, day)) day++;
      const [from, to] = person.department.hours;
      const at = dayStart(launchAt, day) + from * HOUR_MS + random.int(0, (to - from) * 60 - 1) * MINUTE_MS;
      if (!taken) continue;
      const left = person.deactivatedDay !== null && day >= person.deactivatedDay;
      assignments.push({
        userExternalId: person.externalId,
        course: course.name,
        required: course.required,
        completedAt: completed && !left && at <= now ? at : null,
      });
    }
  }
  return assignments;
}
