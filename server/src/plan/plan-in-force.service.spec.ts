import type { LaunchPlan } from '@uptake/shared';
import { FixedClock } from '../common/clock';
import { planSegments, PlanInForce, timezoneOf, versionAt } from './plan-in-force.service';
import type { PlanRepository, StoredPlanVersion } from './plan.repository';

const planIn = (timezone: string) => ({ timezone }) as LaunchPlan;
const repositoryOf = (plan: LaunchPlan | null) =>
  ({
    current: async () =>
      plan
        ? ({ id: 1, version: 1, createdAt: 0, createdBy: 'admin', source: null, effectiveFrom: '1970-01-01', plan } as StoredPlanVersion)
        : null,
  }) as unknown as PlanRepository;

describe('PlanInForce', () => {
  // 2026-03-01 03:30 UTC: still 28 February in New York (UTC-5), already 1 March in Tokyo (UTC+9).
  const instant = Date.UTC(2026, 2, 1, 3, 30);

  it("gives today in the plan's time zone by the clock", async () => {
    expect(await new PlanInForce(repositoryOf(planIn('America/New_York')), new FixedClock(instant)).today()).toBe('2026-02-28');
    expect(await new PlanInForce(repositoryOf(planIn('Asia/Tokyo')), new FixedClock(instant)).today()).toBe('2026-03-01');
  });

  it('falls back to UTC without a plan', async () => {
    const inForce = new PlanInForce(repositoryOf(null), new FixedClock(instant));
    expect(await inForce.plan()).toBeNull();
    expect(await inForce.timezone()).toBe('UTC');
    expect(await inForce.today()).toBe('2026-03-01');
    expect(timezoneOf(undefined)).toBe('UTC');
    expect(timezoneOf(planIn('Europe/Berlin'))).toBe('Europe/Berlin');
  });

  it('gives the newest version and its plan', async () => {
    const plan = planIn('Europe/Berlin');
    const inForce = new PlanInForce(repositoryOf(plan), new FixedClock(instant));
    expect(await inForce.plan()).toBe(plan);
    expect((await inForce.version())?.createdBy).toBe('admin');
    expect(await inForce.timezone()).toBe('Europe/Berlin');
  });
});

describe('the plan in force on a day', () => {
  // v1 applied for launch on 2026-01-15; v2 effective 2026-03-01; v3 applied after v2 but
  // effective 2026-02-01 (a correction back-dated); v4 effective 2026-06-01.
  const version = (number: number, effectiveFrom: string) =>
    ({
      id: number * 10,
      version: number,
      createdAt: 0,
      createdBy: 'admin',
      source: null,
      effectiveFrom,
      plan: {} as LaunchPlan,
    }) as StoredPlanVersion;
  const v1 = version(1, '2026-01-15');
  const v2 = version(2, '2026-03-01');
  const v3 = version(3, '2026-02-01');
  const v4 = version(4, '2026-06-01');
  const versions = [v1, v2, v3, v4];

  it.each([
    ['before every effective day: the first version', '2025-12-31', v1],
    ['on the launch day', '2026-01-15', v1],
    ['the day before the back-dated correction', '2026-01-31', v1],
    ['from the correction on', '2026-02-01', v3],
    ['v2 is effective, but v3 was applied after it', '2026-03-15', v3],
    ['on the effective day of v4', '2026-06-01', v4],
  ])('%s', (_name, day, expected) => {
    expect(versionAt(versions, day)).toBe(expected);
  });

  it('is null without versions', () => {
    expect(versionAt([], '2026-01-01')).toBeNull();
    expect(planSegments([], '2026-01-01', '2026-01-03')).toEqual([{ from: '2026-01-01', to: '2026-01-03', version: null }]);
  });

  it('splits a range into runs of days with the same plan', () => {
    expect(planSegments(versions, '2026-01-10', '2026-06-05')).toEqual([
      { from: '2026-01-10', to: '2026-01-31', version: v1 },
      // 2026-03-01 is an effective day, but v3 stays in force: one run
      { from: '2026-02-01', to: '2026-05-31', version: v3 },
      { from: '2026-06-01', to: '2026-06-05', version: v4 },
    ]);
    expect(planSegments(versions, '2026-06-01', '2026-06-01')).toEqual([{ from: '2026-06-01', to: '2026-06-01', version: v4 }]);
  });
});
