import { hidePresence, presenceOf, quadrantOf } from './presence.util';

describe('presence and work', () => {
  it.each([
    [2, 1, 'logs_in_and_works'],
    [1, 0, 'logs_in_only'],
    [0, 3, 'works_only'],
    [0, 0, 'neither'],
  ] as const)('a seat holder with %i logins and %i work items in 7 days is %s', (logins7, workItems7, quadrant) => {
    expect(quadrantOf({ logins7, workItems7 })).toBe(quadrant);
  });

  it('counts a group per quadrant, with its shares of active users and active contributors', () => {
    const group = presenceOf([
      { logins7: 1, workItems7: 1 },
      { logins7: 1, workItems7: 0 },
      { logins7: 4, workItems7: 0 },
      { logins7: 0, workItems7: 2 },
      { logins7: 0, workItems7: 0 },
    ]);
    // active users: 3 of 5 log in; active contributors: 2 of 5 work
    expect(group).toEqual({
      seatHolders: 5,
      activeUsers: 0.6,
      activeContributors: 0.4,
      quadrants: { logs_in_and_works: 1, logs_in_only: 2, works_only: 1, neither: 1 },
    });
  });

  it('has no shares for a group without seat holders, never 0', () => {
    expect(presenceOf([])).toEqual({
      seatHolders: 0,
      activeUsers: null,
      activeContributors: null,
      quadrants: { logs_in_and_works: 0, logs_in_only: 0, works_only: 0, neither: 0 },
    });
  });

  it('hides every value of a group but its size', () => {
    expect(hidePresence({ department: 'Legal', ...presenceOf([{ logins7: 1, workItems7: 0 }]) })).toEqual({
      department: 'Legal',
      seatHolders: 1,
      activeUsers: null,
      activeContributors: null,
      quadrants: { logs_in_and_works: null, logs_in_only: null, works_only: null, neither: null },
      suppressed: true,
    });
  });
});
