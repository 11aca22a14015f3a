import { formatHealthScore, formatMetricValue, formatSharePercent, healthStatusLabel } from './metric-format.util';

describe('formatMetricValue', () => {
  it.each([
    // shares: x 100, one decimal
    ['active_users', 0.7125, '71.3%'],
    ['record_completeness', 0.64, '64.0%'],
    ['stale_opportunities', 0, '0.0%'],
    ['training_completion', 1, '100.0%'],
    // 2/3 = 66.666...% -> 66.7%
    ['monthly_active_users', 2 / 3, '66.7%'],
    // logins per user: a count per user with one decimal, not a percentage
    ['logins_per_user', 3.25, '3.3'],
    ['logins_per_user', 12, '12.0'],
    ['active_users', null, '—'],
    ['logins_per_user', undefined, '—'],
    ['active_users', Number.NaN, '—'],
  ] as const)('%s %s -> %s', (metric, value, text) => {
    expect(formatMetricValue(metric, value)).toBe(text);
  });
});

describe('formatSharePercent', () => {
  it('gives one decimal', () => {
    // 0.05 -> 5.0%, 0.12345 -> 12.345% -> 12.3%
    expect(formatSharePercent(0.05)).toBe('5.0%');
    expect(formatSharePercent(0.12345)).toBe('12.3%');
  });
});

describe('formatHealthScore', () => {
  it('gives one decimal, and "—" without a score', () => {
    expect(formatHealthScore(93.54)).toBe('93.5');
    expect(formatHealthScore(100)).toBe('100.0');
    expect(formatHealthScore(null)).toBe('—');
  });
});

describe('healthStatusLabel', () => {
  it('says the status in the words of the dashboard', () => {
    expect(healthStatusLabel('green')).toBe('On track');
    expect(healthStatusLabel('amber')).toBe('At risk');
    expect(healthStatusLabel('red')).toBe('Behind plan');
    expect(healthStatusLabel(null)).toBe('No goal');
  });
});
