import {
  METRIC_KEYS,
  suppressedLabel,
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

/**
 * Hiding small groups (DESIGN.md "Privacy"): an aggregate over fewer than `minGroupSize` seat
 * holders is hidden from a viewer without people-level access to that group. Hidden values become
 * null (or 0 where the contract has no null, e.g. counts of a pipeline), and the object is marked
 * `suppressed: true` so the dashboard shows "hidden (fewer than N people)". Group sizes stay
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
export const ORGANISATION = '*';

type Suppressible<T> = T & { suppressed?: boolean };

/** True when a group of `seatHolders` must be hidden: 1..minGroupSize-1 people (0 people have no values to hide). */
export function isSmallGroup(seatHolders: number | null | undefined, minGroupSize: number): boolean {
  return typeof seatHolders === 'number' && seatHolders > 0 && seatHolders < minGroupSize;
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

function departmentMetrics(entry: DepartmentMetrics, minGroupSize: number, viewer: PrivacyViewer): Suppressible<DepartmentMetrics> {
  if (!isSmallGroup(entry.seatHolders, minGroupSize) || viewer.seesPeopleOf(entry.department)) return entry;
  return hideMetrics(entry);
}

function organisationMetrics(entry: OrganisationMetrics, minGroupSize: number, viewer: PrivacyViewer): Suppressible<OrganisationMetrics> {
  if (!isSmallGroup(entry.seatHolders, minGroupSize) || viewer.seesEveryone) return entry;
  return hideMetrics(entry);
}

/** GET /api/departments (the metrics report). */
export function suppressReport(report: MetricsReport, minGroupSize: number, viewer: PrivacyViewer): MetricsReport {
  const departments = mapKeeping(report.departments, (entry) => departmentMetrics(entry, minGroupSize, viewer));
  const organisation = organisationMetrics(report.organisation, minGroupSize, viewer);
  if (departments === report.departments && organisation === report.organisation) return report;
  return { ...report, departments, organisation };
}

/** GET /api/overview: the organisation (and its week-earlier values) and every department. */
export function suppressOverview(overview: OverviewResponse, minGroupSize: number, viewer: PrivacyViewer): OverviewResponse {
  const organisation = organisationMetrics(overview.organisation, minGroupSize, viewer);
  const departments = mapKeeping(overview.departments, (entry) => departmentMetrics(entry, minGroupSize, viewer));
  if (organisation === overview.organisation && departments === overview.departments) return overview;
  const hiddenOrganisation = organisation !== overview.organisation;
  return {
    ...overview,
    organisation,
    weekEarlier: hiddenOrganisation && overview.weekEarlier ? nullMetrics() : overview.weekEarlier,
    departments,
  };
}

/** GET /api/departments/:name/series: each day on which the group was small. */
export function suppressSeries(series: MetricSeriesResponse, minGroupSize: number, viewer: PrivacyViewer): MetricSeriesResponse {
  if (seesGroup(viewer, series.department)) return series;
  const points = mapKeeping(series.points, (point): Suppressible<SeriesPoint> => {
    const small = isSmallGroup(point.seatHolders, minGroupSize);
    // A day without a known group size but with values: nothing says the group was large enough.
    const unknown = point.seatHolders === null && METRIC_KEYS.some((key) => point.metrics[key] !== null && point.metrics[key] !== undefined);
    return small || unknown ? { ...point, metrics: nullMetrics(), expected: {}, suppressed: true } : point;
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

/** GET /api/roi: usage-derived figures and the pipeline of small departments (plan figures, seats and spend stay). */
export function suppressRoi(roi: RoiResponse, minGroupSize: number, viewer: PrivacyViewer): RoiResponse {
  const label = suppressedLabel(minGroupSize);
  const hideOrganisation = isSmallGroup(roi.organisation.seatHolders.value, minGroupSize) && !viewer.seesEveryone;
  return {
    ...roi,
    organisation: hideOrganisation ? hideRoiScope(roi.organisation, label) : roi.organisation,
    departments: roi.departments.map((entry): Suppressible<RoiDepartment> =>
      isSmallGroup(entry.seatHolders.value, minGroupSize) && !viewer.seesPeopleOf(entry.department) ? hideRoiScope(entry, label) : entry,
    ),
    adoption: hideOrganisation ? { ...roi.adoption, points: roi.adoption.points.map((point) => ({ ...point, actual: null })) } : roi.adoption,
  };
}

function hideLift(lift: TrainingLift): Suppressible<TrainingLift> {
  const empty = { seatHolders: 0, active7: 0, activeRate: null };
  return {
    ...lift,
    trained: { ...empty, seatHolders: lift.trained.seatHolders },
    untrained: { ...empty, seatHolders: lift.untrained.seatHolders },
    activeRateLift: null,
    beforeAfter: { people: lift.beforeAfter.people, weeklyLoginsBefore: null, weeklyLoginsAfter: null },
    suppressed: true,
  };
}

/**
 * GET /api/training: small teams lose their health and gaps; a lift whose trained or untrained
 * group (or before/after group) is small is hidden; people to train are only those of
 * departments whose people the viewer may see.
 */
export function suppressTraining(training: TrainingResponse, minGroupSize: number, viewer: PrivacyViewer): TrainingResponse {
  return {
    ...training,
    teams: training.teams.map((team): Suppressible<TeamGap> =>
      isSmallGroup(team.seatHolders, minGroupSize) && !viewer.seesPeopleOf(team.department)
        ? { ...team, health: null, status: null, largestShortfall: null, gaps: [], suppressed: true }
        : team,
    ),
    peopleToTrain: training.peopleToTrain.filter((person) => viewer.seesPeopleOf(person.department)),
    lift: training.lift.map((lift) => {
      if (seesGroup(viewer, lift.department)) return lift;
      const small = [lift.trained.seatHolders, lift.untrained.seatHolders, lift.beforeAfter.people].some((size) => isSmallGroup(size, minGroupSize));
      return small ? hideLift(lift) : lift;
    }),
  };
}
