import type { LaunchPlan } from '@uptake/shared';
import { FixedClock } from '../common/clock';
import { PlanInForce, timezoneOf } from './plan-in-force.service';
import type { PlanRepository, StoredPlanVersion } from './plan.repository';

const planIn = (timezone: string) => ({ timezone }) as LaunchPlan;
const repositoryOf = (plan: LaunchPlan | null) =>
  ({
    current: async () => (plan ? ({ id: 1, version: 1, createdAt: 0, createdBy: 'admin', source: null, plan } as StoredPlanVersion) : null),
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
