import { changeIsGood, formatChange, formatMoney, formatMoneyPrecise, missingReason } from './format';

// formatMetric, formatShare and formatHealth are shared/'s formatters (tested in shared/src/format/).

describe('missingReason', () => {
  it('says "no seat holders" first, whatever the metric', () => {
    expect(missingReason('training_completion', 0)).toBe('no seat holders');
  });
  it('explains a missing training completion by the missing required course', () => {
    expect(missingReason('training_completion', 40)).toBe('no required course');
  });
  it('explains the other metrics by their empty denominators', () => {
    expect(missingReason('stale_opportunities', 40)).toBe('no open opportunities');
    expect(missingReason('record_completeness', 40)).toBe('no tracked records');
  });
});

describe('formatChange', () => {
  it('gives shares in percentage points', () => {
    // 0.7125 - 0.6875 = 0.025 -> +2.5 pts
    expect(formatChange('active_users', 0.7125, 0.6875)).toBe('+2.5 pts');
    // 0.22 - 0.25 = -0.03 -> −3.0 pts
    expect(formatChange('stale_opportunities', 0.22, 0.25)).toBe('−3.0 pts');
  });
  it('gives logins per user as a plain difference', () => {
    // 3.25 - 3.6 = -0.35, one decimal rounding away from zero -> −0.4
    expect(formatChange('logins_per_user', 3.25, 3.6)).toBe('−0.4');
    expect(formatChange('logins_per_user', 4, 4)).toBe('±0.0');
  });
  it('has no change without an earlier value', () => {
    expect(formatChange('active_users', 0.5, null)).toBeNull();
  });
});

describe('changeIsGood', () => {
  it('follows the direction of the metric', () => {
    expect(changeIsGood('active_users', 0.7, 0.6)).toBe(true);
    expect(changeIsGood('stale_opportunities', 0.3, 0.2)).toBe(false);
    expect(changeIsGood('stale_opportunities', 0.2, 0.3)).toBe(true);
    expect(changeIsGood('active_users', 0.5, 0.5)).toBeNull();
  });
});

describe('money', () => {
  it('formats money in whole units of the plan currency', () => {
    expect(formatMoney(1234.5, 'EUR')).toBe('€1,235');
    expect(formatMoneyPrecise(12.5, 'USD')).toBe('$12.50');
    expect(formatMoney(null, 'EUR')).toBe('—');
  });
});
