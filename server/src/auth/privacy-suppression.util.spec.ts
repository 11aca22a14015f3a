import { METRIC_KEYS, type MetricsReport, type MetricValues } from '@uptake/shared';
import { isSmallGroup, suppressReport, suppressSeries, type PrivacyViewer } from './privacy-suppression.util';

const values = (activeUsers: number): MetricValues => ({ ...(Object.fromEntries(METRIC_KEYS.map((key) => [key, null])) as MetricValues), active_users: activeUsers });
const nobody: PrivacyViewer = { seesEveryone: false, seesPeopleOf: () => false };
const trainerOf = (department: string): PrivacyViewer => ({ seesEveryone: false, seesPeopleOf: (name) => name === department });

const report: MetricsReport = {
  asOf: '2026-03-01',
  departments: [
    { department: 'Big', seatHolders: 5, metrics: values(0.4), expected: { active_users: 0.5 }, attainment: { active_users: 0.8 }, health: 80, status: 'amber' },
    { department: 'Small', seatHolders: 4, metrics: values(0.25), expected: { active_users: 0.5 }, attainment: { active_users: 0.5 }, health: 50, status: 'red' },
    { department: 'Empty', seatHolders: 0, metrics: values(0), expected: {}, health: null, status: null },
  ],
  organisation: { seatHolders: 9, metrics: values(1 / 3), expected: {}, health: null, status: null },
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
    expect(sut.departments[1]).toEqual({ department: 'Small', seatHolders: 4, metrics: Object.fromEntries(METRIC_KEYS.map((key) => [key, null])), expected: {}, health: null, status: null, suppressed: true });
    expect(sut.departments[0]).toBe(report.departments[0]);
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
          { day: '2026-03-01', seatHolders: 6, metrics: values(0.5), expected: {} },
          { day: '2026-03-02', seatHolders: 3, metrics: values(0.5), expected: { active_users: 0.2 } },
          { day: '2026-03-03', seatHolders: null, metrics: values(0.5), expected: {} },
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
