import { hiddenGroups } from './complementary-suppression.util';

const groups = (sizes: Record<string, number>, seen: string[] = []) =>
  Object.entries(sizes).map(([name, size]) => ({ name, size, seen: seen.includes(name) }));
const total = (sizes: Record<string, number>) => ({ size: Object.values(sizes).reduce((sum, size) => sum + size, 0), seen: false });

describe(hiddenGroups.name, () => {
  it.each([
    // sizes, seen, min, hidden, total hidden
    [{ A: 6, B: 7 }, [], 5, [], false], // nothing small
    [{ A: 2, B: 6, C: 9 }, [], 5, ['A', 'B'], false], // one small: the smallest other joins it
    [{ A: 2, B: 3, C: 9 }, [], 5, ['A', 'B'], false], // two small pooling 5: enough
    [{ A: 1, B: 2, C: 9, D: 7 }, [], 5, ['A', 'B', 'D'], false], // pool 3: the smallest other (D, 7) joins
    [{ A: 2, B: 0, C: 9 }, [], 5, ['A', 'C'], false], // a group of 0 people neither counts nor completes the pool
    [{ A: 2, C: 9 }, ['C'], 5, ['A'], true], // the only other is the viewer's own: the total goes
    [{ A: 2, B: 2 }, [], 5, ['A', 'B'], true], // the total itself is small
    [{ A: 2, B: 6 }, ['A'], 5, [], false], // the small group is the viewer's own
  ])('%j seen %j min %i: hides %j, total hidden %s', (sizes, seen, min, hidden, totalHidden) => {
    const sut = hiddenGroups(groups(sizes, seen), total(sizes), min);
    expect([...sut.hidden].sort()).toEqual(hidden);
    expect(sut.totalHidden).toBe(totalHidden);
  });

  it('counts groups hidden for another reason towards the pool', () => {
    expect([...hiddenGroups(groups({ A: 2, B: 6, C: 9 }), total({ A: 2, B: 6, C: 9 }), 5, ['C']).hidden].sort()).toEqual(['A', 'C']);
  });
});
