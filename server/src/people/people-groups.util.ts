import type { MetricValues } from '@uptake/shared';
import { compareNames, metricValues, type ScopeCounts } from '../metrics/metric-values.util';
import type { PersonActivity } from './people.repository';

export const NO_MANAGER = 'No manager';

export interface ManagerGroupOf<T> {
  managerExternalId: string | null;
  managerName: string;
  people: T[];
}

/** Every required course done; null when no course is required at all. */
export function trainingComplete(person: Pick<PersonActivity, 'requiredCourses' | 'requiredCoursesDone'>): boolean | null {
  return person.requiredCourses === 0 ? null : person.requiredCoursesDone >= person.requiredCourses;
}

/** The metric numerators and denominators of a group of seat holders. */
export function scopeCountsOf(people: readonly PersonActivity[]): ScopeCounts {
  const counts: ScopeCounts = {
    seatHolders: people.length,
    activeUsers7: 0,
    activeUsers30: 0,
    logins7: 0,
    completenessSum: 0,
    trackedRecords: 0,
    openOpportunities: 0,
    staleOpportunities: 0,
    trainedSeatHolders: 0,
    activeContributors7: 0,
    activities7: 0,
  };
  for (const person of people) {
    if (person.workItems7 > 0) counts.activeContributors7 += 1;
    counts.activities7 += person.activities7;
    if (person.logins7 > 0) counts.activeUsers7 += 1;
    if (person.logins30 > 0) counts.activeUsers30 += 1;
    counts.logins7 += person.logins7;
    counts.completenessSum += person.completenessSum;
    counts.trackedRecords += person.trackedRecords;
    counts.openOpportunities += person.openOpportunities;
    counts.staleOpportunities += person.staleOpportunities;
    if (trainingComplete(person) === true) counts.trainedSeatHolders += 1;
  }
  return counts;
}

/** The metrics over a group of seat holders, by the catalogue's definitions. */
export function metricsOfPeople(people: readonly PersonActivity[], requiredCourses: number): MetricValues {
  return metricValues(scopeCountsOf(people), requiredCourses);
}

/** The name a person is listed under: their name, else their CRM id. */
export function displayName(person: Pick<PersonActivity, 'name' | 'externalId'>): string {
  return person.name?.trim() || person.externalId;
}

/** By display name, then external id, then connection. */
export function comparePeople(a: PersonActivity, b: PersonActivity): number {
  return compareNames(displayName(a), displayName(b)) || compareNames(a.externalId, b.externalId) || a.connectionId - b.connectionId;
}

/**
 * Groups seat holders by their direct manager (same connection), keeping the order of `people`.
 * Groups are ordered by manager name; the group of people without a manager comes last.
 */
export function groupByManager<T extends Pick<PersonActivity, 'connectionId' | 'managerExternalId' | 'managerName'>>(
  people: readonly T[],
): Array<ManagerGroupOf<T>> {
  const groups = new Map<string, ManagerGroupOf<T>>();
  for (const person of people) {
    const key = person.managerExternalId === null ? '' : `${person.connectionId}\u0000${person.managerExternalId}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        managerExternalId: person.managerExternalId,
        managerName: person.managerExternalId === null ? NO_MANAGER : person.managerName?.trim() || person.managerExternalId,
        people: [],
      };
      groups.set(key, group);
    }
    group.people.push(person);
  }
  return [...groups.values()].sort((a, b) => {
    if ((a.managerExternalId === null) !== (b.managerExternalId === null)) return a.managerExternalId === null ? 1 : -1;
    return compareNames(a.managerName, b.managerName) || compareNames(a.managerExternalId ?? '', b.managerExternalId ?? '');
  });
}
