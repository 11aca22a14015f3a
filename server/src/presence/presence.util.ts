import type { PresenceGroup, PresenceQuadrant, QuadrantCounts } from '@uptake/shared';
import type { PersonActivity } from '../people/people.repository';

/**
 * Where a seat holder stands in the 7 days ending on the day: logs in (a counted login, the
 * active_users rule) and works (an activity, opportunity or record of theirs, the
 * active_contributors rule), one without the other, or neither.
 */
export function quadrantOf(person: Pick<PersonActivity, 'logins7' | 'workItems7'>): PresenceQuadrant {
  const logsIn = person.logins7 > 0;
  const works = person.workItems7 > 0;
  if (logsIn) return works ? 'logs_in_and_works' : 'logs_in_only';
  return works ? 'works_only' : 'neither';
}

/** Seat holders per quadrant. */
export function quadrantCounts(people: ReadonlyArray<Pick<PersonActivity, 'logins7' | 'workItems7'>>): QuadrantCounts {
  const counts: QuadrantCounts = { logs_in_and_works: 0, logs_in_only: 0, works_only: 0, neither: 0 };
  for (const person of people) counts[quadrantOf(person)]! += 1;
  return counts;
}

/** A group's presence and work: its shares of active users and active contributors, and its quadrants. */
export function presenceOf(people: ReadonlyArray<Pick<PersonActivity, 'logins7' | 'workItems7'>>): PresenceGroup {
  const quadrants = quadrantCounts(people);
  const share = (n: number) => (people.length > 0 ? n / people.length : null);
  return {
    seatHolders: people.length,
    activeUsers: share(quadrants.logs_in_and_works! + quadrants.logs_in_only!),
    activeContributors: share(quadrants.logs_in_and_works! + quadrants.works_only!),
    quadrants,
  };
}

/** The group with every value hidden (small group): its size stays, as elsewhere. */
export function hidePresence<T extends PresenceGroup>(group: T): T {
  return {
    ...group,
    activeUsers: null,
    activeContributors: null,
    quadrants: { logs_in_and_works: null, logs_in_only: null, works_only: null, neither: null },
    suppressed: true,
  };
}
