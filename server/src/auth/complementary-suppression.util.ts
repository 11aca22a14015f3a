/**
 * Which groups of one table to hide so that no small group can be worked out (DESIGN.md
 * "Privacy"; docs/security.md "Small groups").
 *
 * A table is a set of groups (departments) that partition a total (the organisation): every
 * exposed aggregate of the total is the size-weighted combination of its groups' (shares, rates)
 * or their sum (counts, amounts). So the total minus the shown groups gives the pool of hidden
 * groups exactly. Primary suppression hides each group of 1..min-1 people the viewer may not see;
 * secondary (complementary) suppression then hides the smallest further groups until the hidden
 * pool has at least `min` people, so what can be derived is an aggregate over `min` people or more.
 * When no further group can be hidden (the others are the viewer's own departments), the total
 * is hidden instead.
 *
 * Groups the viewer sees the people of are known to them and are never hidden; groups of 0
 * people have no values and neither count towards the pool nor are picked to complete it.
 */
export interface TableGroup {
  name: string;
  /** People in the group (seat holders, or the people of one cell); null: unknown. */
  size: number | null;
  /** The viewer may see the people of this group (its values are never hidden from them). */
  seen: boolean;
}

export interface TableTotal {
  size: number | null;
  seen: boolean;
}

export interface HiddenGroups {
  /** Names of the groups whose values the viewer must not see. */
  hidden: Set<string>;
  /** Whether the total's values must be hidden too. */
  totalHidden: boolean;
}

/** 1..minGroupSize-1 people (0 people have no values to hide). */
export function isSmallGroup(size: number | null | undefined, minGroupSize: number): boolean {
  return typeof size === 'number' && size > 0 && size < minGroupSize;
}

/** `alreadyHidden`: groups hidden for another reason (e.g. in another table over the same people), which count towards the pool. */
export function hiddenGroups(
  groups: readonly TableGroup[],
  total: TableTotal,
  minGroupSize: number,
  alreadyHidden: Iterable<string> = [],
): HiddenGroups {
  const known = new Set(groups.map((group) => group.name));
  const hidden = new Set([...alreadyHidden].filter((name) => known.has(name)));
  for (const group of groups) if (!group.seen && isSmallGroup(group.size, minGroupSize)) hidden.add(group.name);
  const totalHidden = !total.seen && isSmallGroup(total.size, minGroupSize);
  if (totalHidden) return { hidden, totalHidden };
  let pool = groups.reduce((sum, group) => sum + (hidden.has(group.name) ? (group.size ?? 0) : 0), 0);
  const candidates = groups
    .filter((group) => !group.seen && !hidden.has(group.name) && (group.size ?? 0) > 0)
    .sort((a, b) => (a.size ?? 0) - (b.size ?? 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const candidate of candidates) {
    if (pool === 0 || pool >= minGroupSize) break;
    hidden.add(candidate.name);
    pool += candidate.size ?? 0;
  }
  return { hidden, totalHidden: pool > 0 && pool < minGroupSize };
}
