/** Days in each window of the effect estimate: the 4 weeks before the intervention and the 4 weeks from it. */
export const EFFECT_WINDOW_DAYS = 28;

/**
 * - `estimated`: both groups have values in both windows and at least min_group_size people;
 * - `too_early`: the 4 weeks after the intervention have not passed yet;
 * - `no_comparison`: every department had the intervention: nothing to compare with;
 * - `too_few_people`: one group had fewer than min_group_size seat holders on a day of the windows;
 * - `not_enough_data`: a group has no value in one of the windows.
 */
export type EffectStatus = 'estimated' | 'too_early' | 'no_comparison' | 'too_few_people' | 'not_enough_data';

/** One stored daily value of one department (a metric snapshot). */
export interface DepartmentDay {
  day: string;
  department: string;
  value: number | null;
  seatHolders: number | null;
}

export interface GroupChange {
  /** The fewest seat holders the group had on any day of the two windows with a snapshot (0 without any). */
  people: number;
  /** Mean of the group's daily values in the 4 weeks before; null without a value (or when hidden: too few people). */
  before: number | null;
  after: number | null;
  /** after - before. */
  change: number | null;
}

export interface InterventionEffect {
  status: EffectStatus;
  /** The 4 weeks before: the 28 days ending the day before the intervention. */
  before: { from: string; to: string };
  /** The 4 weeks after: the 28 days starting on the day of the intervention. */
  after: { from: string; to: string };
  /** The departments with the intervention. */
  treated: GroupChange;
  /** Every other department with snapshots (the comparison group). */
  comparison: GroupChange;
  /** treated.change - comparison.change (difference in differences); null unless estimated. */
  effect: number | null;
  /** One sentence for the page: what the number says, or why there is none. */
  note: string;
}

export interface EffectInput {
  /** The day of the intervention, YYYY-MM-DD. */
  date: string;
  /** Departments that had the intervention. */
  departments: readonly string[];
  /** Daily values of one metric of every department (any order); other days are ignored. */
  rows: readonly DepartmentDay[];
  /** The last day with data (today, or the day shown). */
  asOf: string;
  minGroupSize: number;
}

const DAY_MS = 86_400_000;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** How the effect is estimated, in one paragraph for the page and the API. */
export const EFFECT_HOW =
  `The change of the metric's mean from the ${EFFECT_WINDOW_DAYS} days before the intervention to the ${EFFECT_WINDOW_DAYS} days from it ` +
  '(its day included), in the departments that had it, minus the same change in every other department over the same days ' +
  "(difference in differences): what moved everywhere, a season or a release, is taken out. A group's daily value is the " +
  "mean of its departments' values weighted by their seat holders. No estimate while either group had fewer seat holders " +
  'than the privacy threshold on a day of the 8 weeks: too few people to say anything. It measures a change, not its cause.';

/**
 * The difference-in-differences estimate of an intervention on one metric. Each group's daily value
 * is the seat-holder-weighted mean of its departments' values of that day; each window's value the
 * mean of the group's daily values in it. Pure: the same input gives the same answer.
 */
export function interventionEffect(input: EffectInput): InterventionEffect {
  const before = { from: addDays(input.date, -EFFECT_WINDOW_DAYS), to: addDays(input.date, -1) };
  const after = { from: input.date, to: addDays(input.date, EFFECT_WINDOW_DAYS - 1) };
  const treatedNames = new Set(input.departments);
  const inWindows = input.rows.filter((row) => row.day >= before.from && row.day <= after.to);
  const treatedRows = inWindows.filter((row) => treatedNames.has(row.department));
  const comparisonRows = inWindows.filter((row) => !treatedNames.has(row.department));
  const treated = groupChange(treatedRows, before, after);
  const comparison = groupChange(comparisonRows, before, after);
  const hide = (group: GroupChange): GroupChange => ({ people: group.people, before: null, after: null, change: null });
  const without = (status: EffectStatus, note: string, show = false): InterventionEffect => ({
    status,
    before,
    after,
    treated: show ? treated : hide(treated),
    comparison: show ? comparison : hide(comparison),
    effect: null,
    note,
  });

  if (input.asOf < after.to) return without('too_early', `The 4 weeks after end on ${after.to}: the estimate comes then.`);
  const otherDepartments = new Set(input.rows.filter((row) => !treatedNames.has(row.department)).map((row) => row.department));
  if (otherDepartments.size === 0)
    return without('no_comparison', 'Every department with stored values had it: there is no department to compare with.');
  if (treated.people < input.minGroupSize || comparison.people < input.minGroupSize) {
    return without(
      'too_few_people',
      `Too few people to say anything: ${treated.people} with the intervention and ${comparison.people} without, ` +
        `fewer than ${input.minGroupSize} in a group on some day.`,
    );
  }
  if (treated.change === null || comparison.change === null) {
    return without('not_enough_data', 'A group has no stored value in the 4 weeks before or after: nothing to compare.');
  }
  return {
    status: 'estimated',
    before,
    after,
    treated,
    comparison,
    effect: treated.change - comparison.change,
    note: `Over ${treated.people} people with the intervention and ${comparison.people} without.`,
  };
}

function groupChange(
  rows: readonly DepartmentDay[],
  before: { from: string; to: string },
  after: { from: string; to: string },
): GroupChange {
  const byDay = new Map<string, { weighted: number; weight: number; people: number }>();
  for (const row of rows) {
    const day = byDay.get(row.day) ?? { weighted: 0, weight: 0, people: 0 };
    const size = row.seatHolders ?? 0;
    day.people += size;
    if (row.value !== null && Number.isFinite(row.value) && size > 0) {
      day.weighted += row.value * size;
      day.weight += size;
    }
    byDay.set(row.day, day);
  }
  const people = byDay.size ? Math.min(...[...byDay.values()].map((day) => day.people)) : 0;
  const mean = (window: { from: string; to: string }): number | null => {
    const values = [...byDay]
      .filter(([day, totals]) => day >= window.from && day <= window.to && totals.weight > 0)
      .map(([, totals]) => totals.weighted / totals.weight);
    return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
  };
  const meanBefore = mean(before);
  const meanAfter = mean(after);
  return {
    people,
    before: meanBefore,
    after: meanAfter,
    change: meanBefore !== null && meanAfter !== null ? meanAfter - meanBefore : null,
  };
}
