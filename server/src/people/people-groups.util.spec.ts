import { comparePeople, groupByManager, metricsOfPeople, NO_MANAGER, trainingComplete } from './people-groups.util';
import type { PersonActivity } from './people.repository';

function person(externalId: string, extra: Partial<PersonActivity> = {}): PersonActivity {
  return {
    connectionId: 1,
    externalId,
    name: externalId,
    email: null,
    department: 'Sales',
    managerExternalId: null,
    managerName: null,
    lastLoginAt: null,
    logins7: 0,
    logins14: 0,
    logins30: 0,
    trackedRecords: 0,
    completenessSum: 0,
    openOpportunities: 0,
    staleOpportunities: 0,
    requiredCoursesDone: 0,
    requiredCourses: 0,
    lastRequiredCompletedAt: null,
    activities7: 0,
    workItems7: 0,
    lastActivityAt: null,
    ...extra,
  };
}

describe('people groups', () => {
  it.each([
    [0, 0, null],
    [2, 1, false],
    [2, 2, true],
  ])('training of %i required courses with %i done is %p', (requiredCourses, requiredCoursesDone, expected) => {
    expect(trainingComplete({ requiredCourses, requiredCoursesDone })).toBe(expected);
  });

  it('groups by manager of the same connection, by manager name, people without a manager last', () => {
    const people = [
      person('p1', { managerExternalId: 'z', managerName: 'Zoe' }),
      person('p2'),
      person('p3', { managerExternalId: 'y', managerName: null }),
      person('p4', { managerExternalId: 'z', managerName: 'Zoe' }),
      person('p5', { managerExternalId: 'z', managerName: 'Zed', connectionId: 2 }),
    ];
    expect(groupByManager(people).map((group) => [group.managerName, group.people.map((p) => p.externalId)])).toEqual([
      ['Zed', ['p5']],
      ['Zoe', ['p1', 'p4']],
      ['y', ['p3']], // no name: the id ("y" sorts after upper-case names by code point)
      [NO_MANAGER, ['p2']],
    ]);
  });

  it('sorts people by name, falling back to the id', () => {
    const sorted = [person('b', { name: 'Eve' }), person('c', { name: null }), person('a', { name: 'Eve' })].sort(comparePeople);
    expect(sorted.map((p) => p.externalId)).toEqual(['a', 'b', 'c']); // "Eve" (a, b by id), then "c"
  });

  it('computes the metrics of a group from per-person counts', () => {
    const metrics = metricsOfPeople(
      [
        person('a', {
          logins7: 3,
          logins30: 4,
          trackedRecords: 2,
          completenessSum: 1.5,
          openOpportunities: 4,
          staleOpportunities: 1,
          requiredCourses: 1,
          requiredCoursesDone: 1,
          activities7: 3,
          workItems7: 4,
        }),
        person('b', { logins30: 1, trackedRecords: 2, completenessSum: 0.5, requiredCourses: 1 }),
      ],
      1,
    );
    // active 1/2, MAU 2/2, logins 3/2, completeness 2/4, stale 1/4, trained 1/2, contributors 1/2, activities 3/2
    expect(metrics).toEqual({
      active_users: 0.5,
      monthly_active_users: 1,
      logins_per_user: 1.5,
      record_completeness: 0.5,
      stale_opportunities: 0.25,
      training_completion: 0.5,
      active_contributors: 0.5,
      activities_per_user: 1.5,
    });
  });
});
