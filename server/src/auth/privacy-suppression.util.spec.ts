import {
  METRIC_KEYS,
  type DepartmentMetrics,
  type MetricsReport,
  type MetricValues,
  type OverviewResponse,
  type RoiDepartment,
  type RoiResponse,
  type TrainingLift,
  type TrainingResponse,
} from '@uptake/shared';
import {
  isSmallGroup,
  suppressOverview,
  suppressReport,
  suppressRoi,
  suppressSeries,
  suppressTraining,
  type DaySizes,
  type PrivacyViewer,
} from './privacy-suppression.util';

const values = (activeUsers: number): MetricValues => ({
  ...(Object.fromEntries(METRIC_KEYS.map((key) => [key, null])) as MetricValues),
  active_users: activeUsers,
});
const nobody: PrivacyViewer = { seesEveryone: false, seesPeopleOf: () => false };
const trainerOf = (department: string): PrivacyViewer => ({ seesEveryone: false, seesPeopleOf: (name) => name === department });

const report: MetricsReport = {
  asOf: '2026-03-01',
  provenance: 'observed',
  departments: [
    {
      department: 'Big',
      seatHolders: 5,
      metrics: values(0.4),
      expected: { active_users: 0.5 },
      attainment: { active_users: 0.8 },
      health: 80,
      status: 'amber',
      provenance: 'observed',
    },
    {
      department: 'Small',
      seatHolders: 4,
      metrics: values(0.25),
      expected: { active_users: 0.5 },
      attainment: { active_users: 0.5 },
      health: 50,
      status: 'red',
      provenance: 'observed',
    },
    { department: 'Empty', seatHolders: 0, metrics: values(0), expected: {}, health: null, status: null, provenance: 'observed' },
  ],
  organisation: { seatHolders: 9, metrics: values(1 / 3), expected: {}, health: null, status: null, provenance: 'observed' },
};

describe(suppressReport.name, () => {
  it.each([
    [0, 5, false], // nobody: nothing to hide
    [1, 5, true],
    [4, 5, true],
    [5, 5, false], // exactly the minimum is shown
    [1, 1, false],
  ])('%i seat holders with min_group_size %i: small %s', (size, min, small) => {
    expect(isSmallGroup(size, min)).toBe(small);
  });

  it('hides the values of a group under min_group_size, not its size, from a viewer without access to its people', () => {
    const sut = suppressReport(report, 5, nobody);
    expect(sut.departments[1]).toEqual({
      department: 'Small',
      seatHolders: 4,
      metrics: Object.fromEntries(METRIC_KEYS.map((key) => [key, null])),
      expected: {},
      health: null,
      status: null,
      provenance: 'observed',
      suppressed: true,
    });
    expect(sut.departments[2]).toBe(report.departments[2]);
    expect(report.departments[1].metrics.active_users).toBe(0.25); // the input is left as it was
  });

  it('gives the answer itself when it has nothing to hide from the viewer, so its cached form is used again', () => {
    expect(suppressReport(report, 4, nobody)).toBe(report); // Small has exactly 4
    expect(suppressReport(report, 5, trainerOf('Small'))).toBe(report);
  });

  it('shows the group to the trainer of that department', () => {
    expect(suppressReport(report, 5, trainerOf('Small')).departments[1]).toBe(report.departments[1]);
    expect(suppressReport(report, 5, trainerOf('Big')).departments[1].suppressed).toBe(true);
  });

  it('hides series points of days on which the group was small, or of unknown size with values', () => {
    const sut = suppressSeries(
      {
        department: 'Small',
        from: '2026-03-01',
        to: '2026-03-03',
        points: [
          { day: '2026-03-01', seatHolders: 6, metrics: values(0.5), expected: {}, provenance: 'observed' },
          { day: '2026-03-02', seatHolders: 3, metrics: values(0.5), expected: { active_users: 0.2 }, provenance: 'observed' },
          { day: '2026-03-03', seatHolders: null, metrics: values(0.5), expected: {}, provenance: 'observed' },
        ],
      },
      5,
      nobody,
    );
    expect(sut.points.map((point) => [point.metrics.active_users, (point as { suppressed?: boolean }).suppressed ?? false])).toEqual([
      [0.5, false],
      [null, true],
      [null, true],
    ]);
  });
});

/*
 * Complementary suppression. Organisation = A (2) + B (6) + C (9) = 17 seat holders, min 5.
 * Primary: A (2) is hidden. Organisation minus B minus C would give A exactly, so the smallest
 * other group, B (6), is hidden too: what can be derived is the pool A + B of 8 people.
 */
const department = (name: string, seatHolders: number, activeUsers: number): DepartmentMetrics => ({
  department: name,
  seatHolders,
  metrics: values(activeUsers),
  expected: {},
  health: 80,
  status: 'amber',
  provenance: 'observed',
});
const threeDepartments: MetricsReport = {
  asOf: '2026-03-01',
  provenance: 'observed',
  departments: [department('A', 2, 0.5), department('B', 6, 0.5), department('C', 9, 1 / 3)],
  organisation: { seatHolders: 17, metrics: values(6 / 17), expected: {}, health: null, status: null, provenance: 'observed' },
};
const shown = (list: Array<{ department: string; suppressed?: boolean }>) =>
  list.filter((entry) => !entry.suppressed).map((entry) => entry.department);

describe('complementary suppression', () => {
  it('hides the smallest other department when exactly one is hidden, so the organisation minus the others does not give it', () => {
    const sut = suppressReport(threeDepartments, 5, nobody);
    expect(shown(sut.departments)).toEqual(['C']);
    expect(sut.departments[1].metrics.active_users).toBeNull();
    expect(sut.organisation.metrics.active_users).toBeCloseTo(6 / 17, 9);
  });

  it('hides nothing more when the hidden groups together reach the minimum', () => {
    const report: MetricsReport = {
      ...threeDepartments,
      departments: [department('A', 2, 0.5), department('B', 3, 0.5), department('C', 9, 1 / 3)],
      organisation: { ...threeDepartments.organisation, seatHolders: 14 },
    };
    expect(shown(suppressReport(report, 5, nobody).departments)).toEqual(['C']);
  });

  it("hides the organisation from a trainer when every other department is the trainer's own", () => {
    const report: MetricsReport = {
      ...threeDepartments,
      departments: [department('A', 2, 0.5), department('C', 9, 1 / 3)],
      organisation: { ...threeDepartments.organisation, seatHolders: 11 },
    };
    const sut = suppressReport(report, 5, trainerOf('C'));
    expect(shown(sut.departments)).toEqual(['C']);
    expect(sut.organisation).toMatchObject({ suppressed: true, seatHolders: 11, health: null });
    expect(sut.organisation.metrics.active_users).toBeNull();
    // An admin sees everything.
    expect(suppressReport(report, 5, { seesEveryone: true, seesPeopleOf: () => true })).toBe(report);
  });

  it("hides the overview's week-earlier organisation values when the organisation was hidden on that day", () => {
    const overview: OverviewResponse = {
      asOf: '2026-03-08',
      launchDate: null,
      timezone: 'UTC',
      organisation: threeDepartments.organisation,
      weekEarlier: values(0.3),
      departments: threeDepartments.departments,
      connections: [],
      dataCoverage: { loginsFrom: null, loginsTo: null, dataEndsOn: null },
    };
    const weekEarlier: DaySizes = {
      organisation: 11,
      departments: new Map([
        ['A', 2],
        ['C', 9],
      ]),
    };
    expect(suppressOverview(overview, 5, trainerOf('C'), weekEarlier).weekEarlier?.active_users).toBeNull();
    expect(suppressOverview(overview, 5, nobody, weekEarlier).weekEarlier?.active_users).toBe(0.3);
  });

  it('hides a series point of a department on each day it is the complement of a small group', () => {
    const sizes = new Map<string, DaySizes>([
      [
        '2026-03-01',
        {
          organisation: 17,
          departments: new Map([
            ['A', 2],
            ['B', 6],
            ['C', 9],
          ]),
        },
      ],
      [
        '2026-03-02',
        {
          organisation: 20,
          departments: new Map([
            ['A', 5],
            ['B', 6],
            ['C', 9],
          ]),
        },
      ],
    ]);
    const series = {
      department: 'B',
      from: '2026-03-01',
      to: '2026-03-02',
      points: [
        { day: '2026-03-01', seatHolders: 6, metrics: values(0.5), expected: {}, provenance: 'observed' as const },
        { day: '2026-03-02', seatHolders: 6, metrics: values(0.5), expected: {}, provenance: 'observed' as const },
      ],
    };
    const sut = suppressSeries(series, 5, nobody, sizes);
    expect(sut.points.map((point) => point.metrics.active_users)).toEqual([null, 0.5]);
    const organisation = suppressSeries(
      { ...series, department: '*', points: series.points.map((point) => ({ ...point, seatHolders: 11 })) },
      5,
      trainerOf('C'),
      new Map([
        [
          '2026-03-01',
          {
            organisation: 11,
            departments: new Map([
              ['A', 2],
              ['C', 9],
            ]),
          },
        ],
      ]),
    );
    expect(organisation.points.map((point) => point.metrics.active_users)).toEqual([null, 0.5]);
  });
});

const figure = (value: number | null) => ({ value, how: '' });
const roiDepartment = (name: string, seatHolders: number, monthlyActive: number): RoiDepartment => ({
  department: name,
  inPlan: true,
  seats: figure(seatHolders),
  licenceCostPerSeatMonth: figure(10),
  monthlySpend: figure(seatHolders * 10),
  seatHolders: figure(seatHolders),
  monthlyActiveUsers: figure(monthlyActive),
  shelfwareSeats: figure(seatHolders - monthlyActive),
  shelfwareCostPerMonth: figure((seatHolders - monthlyActive) * 10),
  costPerMonthlyActiveUser: figure(null),
  pipeline: { openAmount: 100, openCount: 1, freshAmount: 100, freshCount: 1, staleAmount: 0, staleCount: 0, how: '' },
});

describe(suppressRoi.name, () => {
  it('hides the complement of a small department and the adoption points of days on which the organisation is hidden', () => {
    const { department: _d, inPlan: _i, ...organisation } = roiDepartment('*', 17, 9);
    const roi: RoiResponse = {
      asOf: '2026-03-02',
      currency: 'EUR',
      dataCoverage: { loginsFrom: null, loginsTo: null, dataEndsOn: null },
      launchDate: '2026-01-01',
      organisation,
      departments: [roiDepartment('A', 2, 1), roiDepartment('B', 6, 3), roiDepartment('C', 9, 5)],
      spendByMonth: { months: [], how: '' },
      adoption: {
        metric: 'active_users',
        points: [
          { day: '2026-03-01', actual: 0.5, expected: null, provenance: 'observed' },
          { day: '2026-03-02', actual: 0.5, expected: null, provenance: 'observed' },
        ],
        how: '',
      },
    };
    const sut = suppressRoi(roi, 5, nobody);
    expect(shown(sut.departments)).toEqual(['C']);
    // 9 - 5 = 4 monthly active users in A and B together: a count over 8 people, not over A's 2.
    expect(sut.departments.map((entry) => entry.monthlyActiveUsers.value)).toEqual([null, null, 5]);
    const trainer = suppressRoi(
      roi,
      5,
      trainerOf('C'),
      new Map([
        [
          '2026-03-01',
          {
            organisation: 11,
            departments: new Map([
              ['A', 2],
              ['C', 9],
            ]),
          },
        ],
      ]),
    );
    // On 03-02 B (6) hides with A for C's trainer; on 03-01 B had nobody, so the organisation minus C would give A.
    expect(trainer.organisation.suppressed).toBeUndefined();
    expect(trainer.adoption.points.map((point) => point.actual)).toEqual([null, 0.5]);
  });
});

const rate = (seatHolders: number, active7: number) => ({ seatHolders, active7, activeRate: seatHolders ? active7 / seatHolders : null });
const liftRow = (name: string, trained: [number, number], untrained: [number, number], people = 0): TrainingLift => ({
  department: name,
  trained: rate(...trained),
  untrained: rate(...untrained),
  activeRateLift: 0,
  beforeAfter: { people, weeklyLoginsBefore: people ? 1 : null, weeklyLoginsAfter: people ? 2 : null },
});
const team = (name: string, seatHolders: number, health: number) => ({
  department: name,
  seatHolders,
  health,
  status: 'red' as const,
  largestShortfall: null,
  gaps: [],
});

describe(suppressTraining.name, () => {
  const training: TrainingResponse = {
    asOf: '2026-03-01',
    requiredCourses: 1,
    // Ranked by health, worst first.
    teams: [team('A', 2, 10), team('B', 6, 20), team('C', 9, 30), team('D', 12, 40)],
    peopleToTrain: [],
    lift: [
      liftRow('A', [1, 1], [1, 0]),
      liftRow('B', [0, 0], [6, 3]),
      liftRow('C', [6, 4], [3, 1]),
      liftRow('D', [6, 3], [6, 3]),
      liftRow('*', [13, 8], [16, 7]),
    ],
    how: { teams: '', peopleToTrain: '', lift: '' },
  };

  it('ranks hidden teams last, by name, and hides them as the report does', () => {
    const sut = suppressTraining(training, 5, nobody);
    expect(sut.teams.map((entry) => [entry.department, entry.health])).toEqual([
      ['C', 30],
      ['D', 40],
      ['A', null],
      ['B', null],
    ]);
  });

  it('hides lift rows without their counts when the department is hidden, and completes every column so the organisation row gives no small group', () => {
    const sut = suppressTraining(training, 5, nobody);
    const byDepartment = new Map(sut.lift.map((row) => [row.department, row]));
    // A and B are hidden departments: no counts left.
    expect(byDepartment.get('A')).toMatchObject({
      suppressed: true,
      trained: { seatHolders: 0, active7: 0, activeRate: null },
      untrained: { seatHolders: 0, active7: 0, activeRate: null },
    });
    expect(byDepartment.get('B')).toMatchObject({ suppressed: true, untrained: { seatHolders: 0, active7: 0, activeRate: null } });
    // C: its untrained group of 3 is small, so its trained group of 6 (C's active share minus it) goes too; C's sizes stay (they follow from its training completion).
    expect(byDepartment.get('C')).toMatchObject({
      suppressed: true,
      trained: { seatHolders: 6, activeRate: null },
      untrained: { seatHolders: 3, activeRate: null },
    });
    // Trained column: A 1 + B 0 + C 6 hidden = 7 >= 5; untrained: 1 + 6 + 3 = 10. D stays, and the organisation.
    expect(byDepartment.get('D')?.suppressed).toBeUndefined();
    expect(byDepartment.get('*')?.suppressed).toBeUndefined();
  });

  it('hides a further row when the hidden cells of one column pool fewer than the minimum', () => {
    const lift = [
      liftRow('C', [6, 4], [3, 1]),
      liftRow('D', [6, 3], [6, 3]),
      liftRow('E', [8, 3], [8, 3]),
      liftRow('*', [20, 10], [17, 7]),
    ];
    const sut = suppressTraining({ ...training, teams: [team('C', 9, 30), team('D', 12, 40), team('E', 16, 50)], lift }, 5, nobody);
    // C's row is hidden (untrained 3); untrained pool 3 < 5: D (untrained 6, the smallest other) goes too.
    expect(shown(sut.lift)).toEqual(['E', '*']);
  });
});
