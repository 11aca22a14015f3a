import { metricValues, NO_COUNTS, sumCounts } from './metric-values.util';

describe('metricValues', () => {
  it('divides every numerator by its denominator', () => {
    const counts = {
      seatHolders: 4,
      activeUsers7: 3,
      activeUsers30: 4,
      logins7: 10,
      completenessSum: 1.5,
      trackedRecords: 2,
      openOpportunities: 5,
      staleOpportunities: 2,
      trainedSeatHolders: 1,
      activeContributors7: 2,
      activities7: 9,
    };
    // 3/4, 4/4, 10/4, 1.5/2, 2/5, 1/4, 2/4, 9/4
    expect(metricValues(counts, 2)).toEqual({
      active_users: 0.75,
      monthly_active_users: 1,
      logins_per_user: 2.5,
      record_completeness: 0.75,
      stale_opportunities: 0.4,
      training_completion: 0.25,
      active_contributors: 0.5,
      activities_per_user: 2.25,
    });
  });

  it('is null for empty denominators and when no course is required, never 0', () => {
    expect(metricValues(NO_COUNTS, 1)).toEqual({
      active_users: null,
      monthly_active_users: null,
      logins_per_user: null,
      record_completeness: null,
      stale_opportunities: null,
      training_completion: null,
      active_contributors: null,
      activities_per_user: null,
    });
    expect(metricValues({ ...NO_COUNTS, seatHolders: 2 }, 0)).toEqual({
      active_users: 0,
      monthly_active_users: 0,
      logins_per_user: 0,
      record_completeness: null,
      stale_opportunities: null,
      training_completion: null,
      active_contributors: 0,
      activities_per_user: 0,
    });
  });
});

describe('sumCounts', () => {
  it('adds numerators and denominators, so the organisation is not a mean of department ratios', () => {
    const a = { ...NO_COUNTS, seatHolders: 1, activeUsers7: 1, trackedRecords: 1, completenessSum: 1 };
    const b = { ...NO_COUNTS, seatHolders: 3, activeUsers7: 0, trackedRecords: 3, completenessSum: 0.5 };
    const total = sumCounts([a, b]);
    expect(total).toEqual({ ...NO_COUNTS, seatHolders: 4, activeUsers7: 1, trackedRecords: 4, completenessSum: 1.5 });
    // (1 + 0) / (1 + 3) = 0.25, not the mean of 1 and 0
    expect(metricValues(total, 0).active_users).toBe(0.25);
    expect(sumCounts([])).toEqual(NO_COUNTS);
  });
});
