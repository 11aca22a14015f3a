import type { DepartmentMetrics } from '@uptake/shared';
import { metricGap, rankTeams, teamGap } from './team-gap.util';

const NONE = {
  active_users: null,
  monthly_active_users: null,
  logins_per_user: null,
  record_completeness: null,
  stale_opportunities: null,
  training_completion: null,
  active_contributors: null,
  activities_per_user: null,
};

function department(name: string, extra: Partial<DepartmentMetrics>): DepartmentMetrics {
  return {
    department: name,
    seatHolders: 10,
    metrics: NONE,
    expected: {},
    attainment: {},
    health: null,
    status: null,
    provenance: 'observed',
    ...extra,
  };
}

describe('team gaps', () => {
  it.each([
    ['active_users', 0.8, 0.5, 0.8 - 0.5], // higher is better: expected − actual
    ['active_users', 0.5, 0.8, 0.5 - 0.8], // ahead: negative
    ['stale_opportunities', 0.2, 0.35, 0.35 - 0.2], // lower is better: actual − expected
    ['stale_opportunities', 0.2, 0.1, 0.1 - 0.2],
  ] as const)('the gap of %s expected %p actual %p is %p', (metric, expected, actual, gap) => {
    expect(metricGap(metric, expected, actual, null).gap).toBeCloseTo(gap, 12);
  });

  it('picks the metric with the lowest attainment as the largest shortfall', () => {
    const result = teamGap(
      department('A', {
        metrics: { ...NONE, active_users: 0.4, logins_per_user: 4, stale_opportunities: 0.5 },
        expected: { active_users: 0.8, logins_per_user: 5, stale_opportunities: 0.25, training_completion: 1 },
        // 0.4/0.8; 4/5; (1 − 0.5)/(1 − 0.25); training has no value
        attainment: { active_users: 0.5, logins_per_user: 0.8, stale_opportunities: 2 / 3 },
      }),
    );
    expect(result.gaps.map((gap) => [gap.metric, gap.gap])).toEqual([
      ['active_users', 0.8 - 0.4],
      ['stale_opportunities', 0.5 - 0.25],
      ['logins_per_user', 5 - 4],
    ]);
    expect(result.largestShortfall?.metric).toBe('active_users');
  });

  it('ranks lowest health first and teams without health last', () => {
    const ranked = rankTeams([
      department('C', {}),
      department('B', { health: 95 }),
      department('A', { health: 60 }),
      department('D', { health: 95 }),
    ]);
    expect(ranked.map((team) => team.department)).toEqual(['A', 'B', 'D', 'C']);
  });
});
