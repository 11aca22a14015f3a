import { attainment, expectedValue, healthScore, healthStatus, rampProgress } from './health.util';

describe('rampProgress', () => {
  // launch 2026-01-15, target 2026-04-15: 16 days left in January + 28 (February) + 31 (March) + 15 = 90 days.
  it.each([
    ['before the launch', '2026-01-01', '2026-01-15', '2026-04-15', 0],
    ['on the launch day', '2026-01-15', '2026-01-15', '2026-04-15', 0],
    ['one day after the launch (1 / 90)', '2026-01-16', '2026-01-15', '2026-04-15', 1 / 90],
    ['half way (16 + 28 + 1 = 45 days of 90)', '2026-03-01', '2026-01-15', '2026-04-15', 0.5],
    ['on the target date', '2026-04-15', '2026-01-15', '2026-04-15', 1],
    ['after the target date', '2026-12-31', '2026-01-15', '2026-04-15', 1],
    ['across a leap day (2024-02-01 -> 2024-03-01 is 29 days; 2024-02-15 is day 14)', '2024-02-15', '2024-02-01', '2024-03-01', 14 / 29],
    ['a goal due at launch, before it', '2026-01-14', '2026-01-15', '2026-01-15', 0],
    ['a goal due at launch, on that day', '2026-01-15', '2026-01-15', '2026-01-15', 1],
  ])('%s', (_name, day, launch, target, expected) => {
    expect(rampProgress(day, launch, target)).toBeCloseTo(expected, 12);
  });
});

describe('expectedValue', () => {
  it.each([
    // 0.2 + (0.8 - 0.2) * 0.5 = 0.5
    ['higher is better, half way', '2026-03-01', 0.8, 0.2, 0.5],
    // 0.4 + (0.1 - 0.4) * 0.5 = 0.25
    ['lower is better, half way', '2026-03-01', 0.1, 0.4, 0.25],
    ['before launch: the baseline', '2026-01-01', 0.8, 0.2, 0.2],
    ['after the target date: the target', '2026-06-01', 0.8, 0.2, 0.8],
    // 3 + (5 - 3) * (1 / 90) = 3.0222...
    ['a count per user, day one', '2026-01-16', 5, 3, 3 + 2 / 90],
  ])('%s', (_name, day, target, baseline, expected) => {
    expect(expectedValue({ day, launchDate: '2026-01-15', targetDate: '2026-04-15', target, baseline })).toBeCloseTo(expected, 12);
  });
});

describe('attainment', () => {
  it.each([
    // 0.6 / 0.8 = 0.75
    ['higher: below expected', 0.6, 0.8, 'higher_is_better', 0.75],
    ['higher: above expected is capped at 1', 0.9, 0.8, 'higher_is_better', 1],
    ['higher: expected 0 is met by anything', 0, 0, 'higher_is_better', 1],
    ['higher: nothing against something', 0, 0.5, 'higher_is_better', 0],
    // 3 / 4 = 0.75 (counts per user are not capped by 1 before dividing)
    ['higher: logins per user', 3, 4, 'higher_is_better', 0.75],
    ['lower: below expected', 0.2, 0.25, 'lower_is_better', 1],
    ['lower: equal to expected', 0.25, 0.25, 'lower_is_better', 1],
    // (1 - 0.4) / (1 - 0.25) = 0.6 / 0.75 = 0.8
    ['lower: above expected', 0.4, 0.25, 'lower_is_better', 0.8],
    ['lower: everything stale', 1, 0.25, 'lower_is_better', 0],
    ['lower: expected 1 tolerates anything', 0.5, 1, 'lower_is_better', 1],
  ] as const)('%s', (_name, actual, expected, direction, result) => {
    expect(attainment(actual, expected, direction)).toBeCloseTo(result, 12);
  });
});

describe('healthScore', () => {
  it.each([
    // (0.75 * 2 + 1 * 1) / 3 * 100 = 2.5 / 3 * 100 = 83.333...
    [
      'weighted mean times 100',
      [
        { attainment: 0.75, weight: 2 },
        { attainment: 1, weight: 1 },
      ],
      250 / 3,
    ],
    [
      'equal weights',
      [
        { attainment: 0.5, weight: 1 },
        { attainment: 0.9, weight: 1 },
      ],
      70,
    ],
    ['a single metric', [{ attainment: 0.935, weight: 3 }], 93.5],
    ['no metric with a goal and a value', [], null],
    ['weights that add up to nothing', [{ attainment: 1, weight: 0 }], null],
  ])('%s', (_name, parts, expected) => {
    const health = healthScore(parts);
    if (expected === null) expect(health).toBeNull();
    else expect(health).toBeCloseTo(expected, 9);
  });
});

describe('healthStatus', () => {
  it.each([
    [100, 'green'],
    [90, 'green'],
    [89.999, 'amber'],
    [70, 'amber'],
    [69.999, 'red'],
    [0, 'red'],
    [null, null],
  ] as const)('%s -> %s', (health, status) => {
    expect(healthStatus(health)).toBe(status);
  });
});

describe('health at a band boundary', () => {
  // stale_opportunities (lower is better) 0.28 against expected 0.2: (1 - 0.28) / (1 - 0.2) = 0.72 / 0.8 = 0.9
  // exactly, but in binary floating point it comes out as 0.8999999999999999.
  const attained = attainment(0.28, 0.2, 'lower_is_better');

  it('gives exactly 90 for an attainment of 0.9 worked out in floating point', () => {
    expect(healthScore([{ attainment: attained, weight: 1 }])).toBe(90);
  });

  it('is green at 90, whatever the last bits of the arithmetic', () => {
    expect(healthStatus(healthScore([{ attainment: attained, weight: 1 }]))).toBe('green');
    expect(healthStatus(89.99999999999999)).toBe('green');
    expect(healthStatus(69.99999999999999)).toBe('amber');
  });

  it('keeps a real shortfall below the band', () => {
    expect(healthStatus(89.9999)).toBe('amber');
    expect(healthStatus(69.9999)).toBe('red');
  });
});
