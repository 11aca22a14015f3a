import { seriesRange } from './series-range';

describe(seriesRange.name, () => {
  const launch = '2026-08-09';
  const today = '2026-12-07';

  it.each([
    // [what, given, expected]
    [
      'nothing chosen: launch to the server’s today',
      { launch, today },
      { from: undefined, to: undefined, beforeLaunch: false, shortened: false },
    ],
    [
      'an as-of day after launch ends the range there',
      { launch, today, asOf: '2026-10-01' },
      { from: undefined, to: '2026-10-01', beforeLaunch: false, shortened: false },
    ],
    [
      'an as-of day before launch shows the trend from launch instead of an inverted range',
      { launch, today, asOf: '2026-07-01' },
      { from: undefined, to: undefined, beforeLaunch: true, shortened: false },
    ],
    [
      'a chosen end before launch likewise',
      { launch, today, to: '2026-07-01' },
      { from: undefined, to: undefined, beforeLaunch: true, shortened: false },
    ],
    [
      'a start before launch starts at launch',
      { launch, today, from: '2026-01-01', to: '2026-10-01' },
      { from: '2026-08-09', to: '2026-10-01', beforeLaunch: false, shortened: false },
    ],
    [
      'an end after today ends today (left to the server)',
      { launch, today, to: '2027-01-01' },
      { from: undefined, to: undefined, beforeLaunch: false, shortened: false },
    ],
    [
      'a start after the end starts at launch',
      { launch, today, from: '2026-11-01', to: '2026-10-01' },
      { from: '2026-08-09', to: '2026-10-01', beforeLaunch: false, shortened: false },
    ],
  ])('%s', (_what, given, expected) => {
    expect(seriesRange(given)).toEqual(expected);
  });

  it('keeps a range within 3 years: a launch 5 years ago starts the trend 3 years before its end, plus a day', () => {
    // 2026-12-07 minus 3 years = 2023-12-07; the day after: 2023-12-08.
    expect(seriesRange({ launch: '2021-12-01', today })).toEqual({
      from: '2023-12-08',
      to: undefined,
      beforeLaunch: false,
      shortened: true,
    });
  });

  it('without a plan sends only what was chosen, within today', () => {
    expect(seriesRange({ today, asOf: '2026-10-01' })).toEqual({
      from: undefined,
      to: '2026-10-01',
      beforeLaunch: false,
      shortened: false,
    });
    expect(seriesRange({ today, from: '2020-01-01', to: '2026-10-01' })).toEqual({
      from: '2023-10-02',
      to: '2026-10-01',
      beforeLaunch: false,
      shortened: true,
    });
  });
});
