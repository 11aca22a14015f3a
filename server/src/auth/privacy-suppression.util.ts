import { ORGANISATION } from '@uptake/shared';
import {
  METRIC_KEYS,
  suppressedLabelFor,
  type DepartmentMetrics,
  type Figure,
  type MetricSeriesResponse,
  type MetricValues,
  type MetricsReport,
  type OrganisationMetrics,
  type OverviewResponse,
  type RoiDepartment,
  type RoiResponse,
  type RoiScope,
  type SeriesPoint,
  type TeamGap,
  type TrainingLift,
  type TrainingResponse,
} from '@uptake/shared';
import { compareNames } from '../metrics/metric-values.util';
import { hiddenGroups, isSmallGroup, type HiddenGroups } from './complementary-suppression.util';

/**
 * Hiding small groups (DESIGN.md "Privacy"): an aggregate over fewer than `minGroupSize` seat
 * holders is hidden from a viewer without people-level access to that group, and so is every
 * further group (or the organisation) needed so that the hidden one cannot be worked out from the
 * organisation minus the groups shown (complementary suppression: complementary-suppression.util.ts).
 * Hidden values become null (or 0 where the contract has no null, e.g. counts of a pipeline), and
 * the object is marked `suppressed: true` so the dashboard shows "hidden". Department sizes stay
 * visible: they say how many people a group has, not what any of them did.
 *
 * Pure functions: each returns a new payload and leaves its input as it was.
 */

/** Who looks: whether they may see the people of a department (and so its small aggregates). */
export interface PrivacyViewer {
  seesPeopleOf(department: string): boolean;
  /** People-level access to everyone (admin): the organisation's aggregates are never hidden from them. */
  seesEveryone: boolean;
}

/** The department name the series API uses for the organisation. */
export { ORGANISATION };

/** Seat holders of every department and of the organisation on one day (to hide a day of a series or a week-earlier value alike). */
export interface DaySizes {
  organisation: number | null;
  departments: ReadonlyMap<string, number>;
}

type Suppressible<T> = T & { suppressed?: boolean };

export { isSmallGroup };

/** The departments (and whether the organisation) to hide from the viewer, given the seat holders of each. */
export function hiddenDepartments(
  departments: ReadonlyArray<{ department: string; seatHolders: number | null }>,
  organisation: number | null,
  minGroupSize: number,
  viewer: PrivacyViewer,
): HiddenGroups {
  if (viewer.seesEveryone) return { hidden: new Set(), totalHidden: false };
  return hiddenGroups(
    departments.map((entry) => ({ name: entry.department, size: entry.seatHolders, seen: viewer.seesPeopleOf(entry.department) })),
    { size: organisation, seen: false },
    minGroupSize,
  );
}

function hiddenOnDay(sizes: DaySizes, minGroupSize: number, viewer: PrivacyViewer): HiddenGroups {
  return hiddenDepartments(
    [...sizes.departments].map(([department, seatHolders]) => ({ department, seatHolders })),
    sizes.organisation,
    minGroupSize,
    viewer,
  );
}

function seesGroup(viewer: PrivacyViewer, department: string): boolean {
  return department === ORGANISATION ? viewer.seesEveryone : viewer.seesPeopleOf(department);
}

function nullMetrics(): MetricValues {
  return Object.fromEntries(METRIC_KEYS.map((key) => [key, null])) as MetricValues;
}

function hideMetrics<T extends OrganisationMetrics>(entry: T): Suppressible<T> {
  const { attainment: _attainment, ...rest } = entry;
  // Expected values go too: without a baseline in the plan, the ramp starts at the group's measured value at launch.
  return { ...(rest as T), metrics: nullMetrics(), expected: {}, health: null, status: null, suppressed: true };
}

function suppressTable(
  departments: DepartmentMetrics[],
  organisation: OrganisationMetrics,
  minGroupSize: number,
  viewer: PrivacyViewer,
): { departments: DepartmentMetrics[]; organisation: OrganisationMetrics; totalHidden: boolean } {
  const { hidden, totalHidden } = hiddenDepartments(departments, organisation.seatHolders, minGroupSize, viewer);
  return {
    departments: mapKeeping(departments, (entry) => (hidden.has(entry.department) ? hideMetrics(entry) : entry)),
    organisation: totalHidden ? hideMetrics(organisation) : organisation,
    totalHidden,
  };
}

/** GET /api/departments (the metrics report). */
export function suppressReport(report: MetricsReport, minGroupSize: number, viewer: PrivacyViewer): MetricsReport {
  const { departments, organisation } = suppressTable(report.departments, report.organisation, minGroupSize, viewer);
  if (departments === report.departments && organisation === report.organisation) return report;
  return { ...report, departments, organisation };
}

/**
 * GET /api/overview: the organisation, every department, and the organisation's week-earlier
 * values, hidden when the organisation is hidden on that day too (`weekEarlierSizes`: the seat
 * holders of that day, as the series of that day is cut).
 */
export function suppressOverview(
  overview: OverviewResponse,
  minGroupSize: number,
  viewer: PrivacyViewer,
  weekEarlierSizes?: DaySizes,
): OverviewResponse {
  const { departments, organisation, totalHidden } = suppressTable(overview.departments, overview.organisation, minGroupSize, viewer);
  const hideWeekEarlier =
    overview.weekEarlier !== null &&
    (totalHidden || (weekEarlierSizes !== undefined && hiddenOnDay(weekEarlierSizes, minGroupSize, viewer).totalHidden));
  if (organisation === overview.organisation && departments === overview.departments && !hideWeekEarlier) return overview;
  return { ...overview, organisation, weekEarlier: hideWeekEarlier ? nullMetrics() : overview.weekEarlier, departments };
}

/**
 * GET /api/departments/:name/series: each day on which the group was small, or had to be hidden
 * so that another group of that day cannot be worked out (`sizesByDay`: the seat holders of every
 * department on each day, from the same snapshots).
 */
export function suppressSeries(
  series: MetricSeriesResponse,
  minGroupSize: number,
  viewer: PrivacyViewer,
  sizesByDay?: ReadonlyMap<string, DaySizes>,
): MetricSeriesResponse {
  if (seesGroup(viewer, series.department)) return series;
  const points = mapKeeping(series.points, (point): Suppressible<SeriesPoint> => {
    const small = isSmallGroup(point.seatHolders, minGroupSize);
    // A day without a known group size but with values: nothing says the group was large enough.
    const unknown =
      point.seatHolders === null && METRIC_KEYS.some((key) => point.metrics[key] !== null && point.metrics[key] !== undefined);
    const sizes = sizesByDay?.get(point.day);
    const hiddenThatDay = sizes ? hiddenOnDay(sizes, minGroupSize, viewer) : null;
    const complementary =
      hiddenThatDay !== null &&
      (series.department === ORGANISATION ? hiddenThatDay.totalHidden : hiddenThatDay.hidden.has(series.department));
    return small || unknown || complementary ? { ...point, metrics: nullMetrics(), expected: {}, suppressed: true } : point;
  });
  return points === series.points ? series : { ...series, points };
}

/**
 * `items.map(change)`, or `items` itself when `change` returned every item as it was: an answer
 * with nothing to hide stays the very object it was, so its cached JSON text is used again.
 */
function mapKeeping<T>(items: T[], change: (item: T) => T): T[] {
  const changed = items.map(change);
  return changed.every((item, index) => item === items[index]) ? items : changed;
}

function hiddenFigure(label: string): Figure {
  return { value: null, how: label };
}

function hideRoiScope<T extends RoiScope>(scope: T, label: string): Suppressible<T> {
  return {
    ...scope,
    monthlyActiveUsers: hiddenFigure(label),
    shelfwareSeats: hiddenFigure(label),
    shelfwareCostPerMonth: hiddenFigure(label),
    costPerMonthlyActiveUser: hiddenFigure(label),
    pipeline: { openAmount: 0, openCount: 0, freshAmount: 0, freshCount: 0, staleAmount: 0, staleCount: 0, how: label },
    suppressed: true,
  };
}

/**
 * GET /api/roi: usage-derived figures and the pipeline of hidden departments (plan figures, seats
 * and spend stay); the organisation's adoption points of days on which it is hidden
 * (`adoptionSizes`: the seat holders of each day of the adoption chart).
 */
export function suppressRoi(
  roi: RoiResponse,
  minGroupSize: number,
  viewer: PrivacyViewer,
  adoptionSizes?: ReadonlyMap<string, DaySizes>,
): RoiResponse {
  const { hidden, totalHidden } = hiddenDepartments(
    roi.departments.map((entry) => ({ department: entry.department, seatHolders: entry.seatHolders.value })),
    roi.organisation.seatHolders.value,
    minGroupSize,
    viewer,
  );
  const hiddenOn = (day: string) => {
    const sizes = adoptionSizes?.get(day);
    return sizes !== undefined && hiddenOnDay(sizes, minGroupSize, viewer).totalHidden;
  };
  return {
    ...roi,
    organisation: totalHidden
      ? hideRoiScope(roi.organisation, suppressedLabelFor(roi.organisation.seatHolders.value, minGroupSize))
      : roi.organisation,
    departments: roi.departments.map((entry): Suppressible<RoiDepartment> =>
      hidden.has(entry.department) ? hideRoiScope(entry, suppressedLabelFor(entry.seatHolders.value, minGroupSize)) : entry,
    ),
    adoption: {
      ...roi.adoption,
      points: roi.adoption.points.map((point) =>
        point.actual !== null && (totalHidden || hiddenOn(point.day)) ? { ...point, actual: null } : point,
      ),
    },
  };
}

/** A hidden lift row: no rate, no active count; the sizes of its groups only when the department's own training completion is shown (they follow from it). */
function hideLift(lift: TrainingLift, keepSizes: boolean): Suppressible<TrainingLift> {
  const hiddenRate = (rate: TrainingLift['trained']) => ({ seatHolders: keepSizes ? rate.seatHolders : 0, active7: 0, activeRate: null });
  return {
    ...lift,
    trained: hiddenRate(lift.trained),
    untrained: hiddenRate(lift.untrained),
    activeRateLift: null,
    beforeAfter: { people: keepSizes ? lift.beforeAfter.people : 0, weeklyLoginsBefore: null, weeklyLoginsAfter: null },
    suppressed: true,
  };
}

/** The people of each cell of a lift row: trained, untrained, trained 28 days before. */
const LIFT_CELLS: ReadonlyArray<(lift: TrainingLift) => number> = [
  (lift) => lift.trained.seatHolders,
  (lift) => lift.untrained.seatHolders,
  (lift) => lift.beforeAfter.people,
];

/**
 * The lift rows to hide, as a whole: those of departments hidden in the report (the same people);
 * those with a small cell (trained + untrained = the department, whose active share is shown, so
 * one cell gives the other); then, per cell column, more rows (or the organisation's) until the
 * organisation's row minus the rows shown gives only a pool of `minGroupSize` people or more.
 */
function hiddenLiftRows(
  lift: TrainingLift[],
  departmentsHidden: HiddenGroups,
  minGroupSize: number,
  viewer: PrivacyViewer,
): { hidden: Set<string>; organisationHidden: boolean } {
  if (viewer.seesEveryone) return { hidden: new Set(), organisationHidden: false };
  const rows = lift.filter((row) => row.department !== ORGANISATION);
  const organisationRow = lift.find((row) => row.department === ORGANISATION);
  const hidden = new Set(
    rows
      .filter((row) => !viewer.seesPeopleOf(row.department))
      .filter((row) => departmentsHidden.hidden.has(row.department) || LIFT_CELLS.some((cell) => isSmallGroup(cell(row), minGroupSize)))
      .map((row) => row.department),
  );
  let organisationHidden =
    departmentsHidden.totalHidden ||
    (organisationRow !== undefined && LIFT_CELLS.some((cell) => isSmallGroup(cell(organisationRow), minGroupSize)));
  for (let changed = true; changed;) {
    changed = false;
    for (const cell of LIFT_CELLS) {
      const column = hiddenGroups(
        rows.map((row) => ({ name: row.department, size: cell(row), seen: viewer.seesPeopleOf(row.department) })),
        { size: organisationRow ? cell(organisationRow) : null, seen: false },
        minGroupSize,
        hidden,
      );
      for (const name of column.hidden) {
        if (!hidden.has(name)) {
          hidden.add(name);
          changed = true;
        }
      }
      organisationHidden ||= column.totalHidden;
    }
  }
  return { hidden, organisationHidden };
}

/**
 * GET /api/training: teams hidden in the report lose their health and gaps and go last; lift rows
 * are hidden so that no small group can be worked out (hiddenLiftRows); people to train are only
 * those of departments whose people the viewer may see.
 */
export function suppressTraining(training: TrainingResponse, minGroupSize: number, viewer: PrivacyViewer): TrainingResponse {
  const organisationSize = training.teams.reduce((sum, team) => sum + team.seatHolders, 0);
  const departmentsHidden = hiddenDepartments(training.teams, organisationSize, minGroupSize, viewer);
  const teams = training.teams.map((team): Suppressible<TeamGap> =>
    departmentsHidden.hidden.has(team.department)
      ? { ...team, health: null, status: null, largestShortfall: null, gaps: [], suppressed: true }
      : team,
  );
  const lifts = hiddenLiftRows(training.lift, departmentsHidden, minGroupSize, viewer);
  return {
    ...training,
    // Ranked by health, worst first: a hidden team has none, so it goes last, by name (its place in the ranking would tell its health).
    teams: [
      ...teams.filter((team) => !departmentsHidden.hidden.has(team.department)),
      ...teams.filter((team) => departmentsHidden.hidden.has(team.department)).sort((a, b) => compareNames(a.department, b.department)),
    ],
    peopleToTrain: training.peopleToTrain.filter((person) => viewer.seesPeopleOf(person.department)),
    lift: training.lift.map((lift) => {
      if (lift.department === ORGANISATION) return lifts.organisationHidden ? hideLift(lift, !departmentsHidden.totalHidden) : lift;
      return lifts.hidden.has(lift.department) ? hideLift(lift, !departmentsHidden.hidden.has(lift.department)) : lift;
    }),
  };
}
