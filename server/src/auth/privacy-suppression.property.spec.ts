import {
  METRIC_KEYS,
  type MetricsReport,
  type MetricValues,
  type RoiDepartment,
  type RoiResponse,
  type TrainingLift,
  type TrainingResponse,
} from '@uptake/shared';
import fc from 'fast-check';
import { isSmallGroup, suppressReport, suppressRoi, suppressTraining, type PrivacyViewer } from './privacy-suppression.util';

/*
 * What a viewer can work out from an answer (docs/security.md "Small groups"): every exposed
 * aggregate of the organisation is the sum over its departments (counts) or the size-weighted
 * mean (shares), and department sizes are shown. So the organisation minus the departments shown
 * gives exactly one thing: the pooled sum of the hidden departments. The properties: that pool
 * covers 0 or at least min_group_size people (or the organisation is hidden too), and no small
 * department the viewer may not see is shown. Checked for random departments, sizes, minimums and
 * viewers, on every table: the report, ROI counts, and each cell column of the training lift.
 */

interface Department {
  name: string;
  size: number;
  active: number; // active users (7 days), 0..size
  trained: number; // of them, trained: 0..size
  trainedActive: number; // 0..min(trained, active)
  monthlyActive: number; // 0..size
}

const departmentArb = (name: string) =>
  fc
    .record({
      size: fc.integer({ min: 0, max: 14 }),
      a: fc.double({ min: 0, max: 1, noNaN: true }),
      t: fc.double({ min: 0, max: 1, noNaN: true }),
      ta: fc.double({ min: 0, max: 1, noNaN: true }),
      m: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ size, a, t, ta, m }): Department => {
      const active = Math.round(a * size);
      const trained = Math.round(t * size);
      // Trained active people: at least those active that cannot be untrained, at most all trained or all active.
      const low = Math.max(0, active - (size - trained));
      const high = Math.min(trained, active);
      return { name, size, active, trained, trainedActive: low + Math.round(ta * (high - low)), monthlyActive: Math.round(m * size) };
    });

const caseArb = fc.integer({ min: 1, max: 7 }).chain((count) =>
  fc.record({
    departments: fc.tuple(...Array.from({ length: count }, (_, index) => departmentArb(`D${index}`))),
    minGroupSize: fc.integer({ min: 2, max: 9 }),
    // Departments whose people the viewer sees (a trainer), or none (viewer, executive).
    seen: fc.array(fc.integer({ min: 0, max: count - 1 }), { maxLength: 2 }),
  }),
);

const viewerOf = (seen: Set<string>): PrivacyViewer => ({ seesEveryone: false, seesPeopleOf: (name) => seen.has(name) });
const values = (activeUsers: number | null): MetricValues => ({
  ...(Object.fromEntries(METRIC_KEYS.map((key) => [key, null])) as MetricValues),
  active_users: activeUsers,
});
const share = (part: number, whole: number) => (whole ? part / whole : null);
const sum = (list: readonly number[]) => list.reduce((total, value) => total + value, 0);

/** The pool the viewer derives: hidden departments (seen ones are known to them) with people. */
function expectSafePool(pool: readonly number[], totalHidden: boolean, minGroupSize: number): void {
  if (totalHidden) return;
  const people = sum(pool);
  expect(people === 0 || people >= minGroupSize).toBe(true);
}

function report(departments: readonly Department[]): MetricsReport {
  const size = sum(departments.map((d) => d.size));
  return {
    asOf: '2026-03-01',
    provenance: 'observed',
    departments: departments.map((d) => ({
      department: d.name,
      seatHolders: d.size,
      metrics: values(share(d.active, d.size)),
      expected: {},
      health: 50,
      status: 'red',
      provenance: 'observed',
    })),
    organisation: {
      seatHolders: size,
      metrics: values(share(sum(departments.map((d) => d.active)), size)),
      expected: {},
      health: null,
      status: null,
      provenance: 'observed',
    },
  };
}

const figure = (value: number | null) => ({ value, how: '' });
function roi(departments: readonly Department[]): RoiResponse {
  const scope = (seatHolders: number, monthlyActive: number) => ({
    seats: figure(seatHolders),
    licenceCostPerSeatMonth: figure(10),
    monthlySpend: figure(seatHolders * 10),
    seatHolders: figure(seatHolders),
    monthlyActiveUsers: figure(monthlyActive),
    shelfwareSeats: figure(seatHolders - monthlyActive),
    shelfwareCostPerMonth: figure((seatHolders - monthlyActive) * 10),
    costPerMonthlyActiveUser: figure(monthlyActive ? (seatHolders * 10) / monthlyActive : null),
    pipeline: { openAmount: 0, openCount: 0, freshAmount: 0, freshCount: 0, staleAmount: 0, staleCount: 0, how: '' },
  });
  return {
    asOf: '2026-03-01',
    currency: 'EUR',
    launchDate: null,
    dataCoverage: { loginsFrom: null, loginsTo: null, dataEndsOn: null },
    organisation: scope(sum(departments.map((d) => d.size)), sum(departments.map((d) => d.monthlyActive))),
    departments: departments.map((d): RoiDepartment => ({ department: d.name, inPlan: true, ...scope(d.size, d.monthlyActive) })),
    spendByMonth: { months: [], how: '' },
    adoption: { metric: 'active_users', points: [], how: '' },
  };
}

function liftRow(name: string, size: number, active: number, trained: number, trainedActive: number): TrainingLift {
  const trainedRate = share(trainedActive, trained);
  const untrainedRate = share(active - trainedActive, size - trained);
  return {
    department: name,
    trained: { seatHolders: trained, active7: trainedActive, activeRate: trainedRate },
    untrained: { seatHolders: size - trained, active7: active - trainedActive, activeRate: untrainedRate },
    activeRateLift: trainedRate !== null && untrainedRate !== null ? trainedRate - untrainedRate : null,
    beforeAfter: { people: 0, weeklyLoginsBefore: null, weeklyLoginsAfter: null },
  };
}

function training(departments: readonly Department[]): TrainingResponse {
  const total = (pick: (d: Department) => number) => sum(departments.map(pick));
  return {
    asOf: '2026-03-01',
    requiredCourses: 1,
    teams: departments.map((d) => ({
      department: d.name,
      seatHolders: d.size,
      health: 50,
      status: 'red',
      largestShortfall: null,
      gaps: [],
    })),
    peopleToTrain: [],
    lift: [
      ...departments.map((d) => liftRow(d.name, d.size, d.active, d.trained, d.trainedActive)),
      liftRow(
        '*',
        total((d) => d.size),
        total((d) => d.active),
        total((d) => d.trained),
        total((d) => d.trainedActive),
      ),
    ],
    how: { teams: '', peopleToTrain: '', lift: '' },
  };
}

describe('privacy suppression (property): nothing hidden can be derived from what a viewer sees', () => {
  it('report: the organisation minus the departments shown gives only a pool of min_group_size people or more', () => {
    fc.assert(
      fc.property(caseArb, ({ departments, minGroupSize, seen }) => {
        const seenNames = new Set(seen.map((index) => departments[index].name));
        const sut = suppressReport(report(departments), minGroupSize, viewerOf(seenNames));
        for (const entry of sut.departments) {
          if (isSmallGroup(entry.seatHolders, minGroupSize) && !seenNames.has(entry.department)) expect(entry.suppressed).toBe(true);
          if (entry.suppressed) for (const key of METRIC_KEYS) expect(entry.metrics[key]).toBeNull();
        }
        const hidden = sut.departments.filter((entry) => entry.suppressed);
        const totalHidden = sut.organisation.suppressed === true;
        if (!totalHidden && sut.organisation.metrics.active_users !== null) {
          // What the viewer computes: active people of the organisation minus those of the departments shown.
          const shown = sut.departments.filter((entry) => !entry.suppressed);
          const derived =
            sut.organisation.metrics.active_users * sut.organisation.seatHolders -
            sum(shown.map((entry) => (entry.metrics.active_users ?? 0) * entry.seatHolders));
          expect(derived).toBeCloseTo(
            sum(departments.filter((d) => hidden.some((entry) => entry.department === d.name)).map((d) => d.active)),
            6,
          );
        }
        expectSafePool(
          hidden.map((entry) => entry.seatHolders),
          totalHidden,
          minGroupSize,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('ROI: counts of people (monthly active users, shelfware) of hidden departments pool over min_group_size people or more', () => {
    fc.assert(
      fc.property(caseArb, ({ departments, minGroupSize, seen }) => {
        const seenNames = new Set(seen.map((index) => departments[index].name));
        const sut = suppressRoi(roi(departments), minGroupSize, viewerOf(seenNames));
        const hidden = sut.departments.filter((entry) => entry.suppressed);
        for (const entry of hidden) {
          expect(entry.monthlyActiveUsers.value).toBeNull();
          expect(entry.shelfwareSeats.value).toBeNull();
        }
        for (const entry of sut.departments)
          if (isSmallGroup(entry.seatHolders.value, minGroupSize) && !seenNames.has(entry.department)) expect(entry.suppressed).toBe(true);
        expectSafePool(
          hidden.map((entry) => entry.seatHolders.value ?? 0),
          sut.organisation.suppressed === true,
          minGroupSize,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('training: the report and the lift hide the same departments; each lift cell column pools hidden cells of min_group_size people or more; hidden rows of hidden departments keep no count', () => {
    fc.assert(
      fc.property(caseArb, ({ departments, minGroupSize, seen }) => {
        const seenNames = new Set(seen.map((index) => departments[index].name));
        const viewer = viewerOf(seenNames);
        const sut = suppressTraining(training(departments), minGroupSize, viewer);
        const reportHidden = new Set(
          suppressReport(report(departments), minGroupSize, viewer)
            .departments.filter((entry) => entry.suppressed)
            .map((entry) => entry.department),
        );
        expect(new Set(sut.teams.filter((team) => team.suppressed).map((team) => team.department))).toEqual(reportHidden);
        // Hidden teams rank last.
        const firstHidden = sut.teams.findIndex((team) => team.suppressed);
        if (firstHidden >= 0) expect(sut.teams.slice(firstHidden).every((team) => team.suppressed)).toBe(true);

        const rows = sut.lift.filter((row) => row.department !== '*');
        const organisation = sut.lift.find((row) => row.department === '*') as TrainingLift;
        const original = new Map(departments.map((d) => [d.name, d]));
        for (const row of rows) {
          const d = original.get(row.department) as Department;
          if (reportHidden.has(row.department))
            expect(row).toMatchObject({
              suppressed: true,
              trained: { seatHolders: 0, active7: 0 },
              untrained: { seatHolders: 0, active7: 0 },
            });
          // Within a row shown, trained + untrained = the department (whose active share is shown): neither cell may be small.
          if (!row.suppressed && !seenNames.has(row.department)) {
            expect(isSmallGroup(d.trained, minGroupSize) || isSmallGroup(d.size - d.trained, minGroupSize)).toBe(false);
          }
          if (row.suppressed) expect([row.trained.activeRate, row.untrained.activeRate, row.activeRateLift]).toEqual([null, null, null]);
        }
        const hiddenRows = rows.filter((row) => row.suppressed).map((row) => original.get(row.department) as Department);
        const organisationHidden = organisation.suppressed === true;
        expectSafePool(
          hiddenRows.map((d) => d.trained),
          organisationHidden,
          minGroupSize,
        );
        expectSafePool(
          hiddenRows.map((d) => d.size - d.trained),
          organisationHidden,
          minGroupSize,
        );
        if (!organisationHidden) {
          // What the viewer computes from the organisation row: trained active people of the hidden rows together.
          const derived = organisation.trained.active7 - sum(rows.filter((row) => !row.suppressed).map((row) => row.trained.active7));
          expect(derived).toBe(sum(hiddenRows.map((d) => d.trainedActive)));
        }
      }),
      { numRuns: 500 },
    );
  });
});
