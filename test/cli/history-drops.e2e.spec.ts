import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, testEngines, type FreshDatabase } from '../../server/test/testing';
import { uptake } from './cli-runner';

const PLAN = `
launch_date: 2026-01-01
timezone: UTC
departments:
  - { name: East, seats: 2, licence_cost_per_seat_month: 80 }
  - { name: West, seats: 2, licence_cost_per_seat_month: 80 }
required_fields:
  account: [phone, website]
`;
const OPPORTUNITIES = 'id,owner_id,stage,amount,is_closed,is_won,created_at,close_date,last_activity_at,last_modified_at';
const LOST = 'lost,ann,Negotiation,1000,false,false,2026-02-01,,2026-03-01,2026-03-01';
const MOVING_OPEN = 'moving,cat,Prospect,500,false,false,2026-01-01,,,';
const MOVING_CLOSED = 'moving,cat,Closed Lost,500,true,false,2026-01-01,2026-03-02,,2026-03-05T08:00:00Z';
const ACCOUNT_FILLED = 'id,owner_id,last_modified_at,phone,website\nacc,ann,2026-03-05T09:00:00Z,123,x.com\n';

/**
 * Three CSV drops, each a picture of the CRM at its --observed-at (UTC):
 *   drop 1 at O1 2026-03-01T00:00Z: ann, bob East; cat, dan West. `lost` (ann, created 02-01, touched
 *     03-01), `moving` (cat, created 01-01, never touched), account `acc` (ann): phone, no website.
 *   drop 2 at O2 2026-03-05T12:00Z, partial: bob moved to West; `moving` closed lost on 03-02
 *     (modified 03-05T08:00); `acc` got its website (modified 03-05T09:00); bob logged in 03-04T10:00.
 *   drop 3 at O3 2026-03-07T09:00Z, --full: dan is missing (a leaver: deactivated as of O3), `lost`
 *     is missing (deleted as of O3); the rest is unchanged.
 */
const DROPS: Array<{ observedAt: string; full: boolean; files: Record<string, string> }> = [
  {
    observedAt: '2026-03-01T00:00:00Z',
    full: false,
    files: {
      'users.csv': 'id,name,department\nann,Ann,East\nbob,Bob,East\ncat,Cat,West\ndan,Dan,West\n',
      'opportunities.csv': `${OPPORTUNITIES}\n${LOST}\n${MOVING_OPEN}\n`,
      'accounts.csv': 'id,owner_id,phone,website\nacc,ann,123,\n',
    },
  },
  {
    observedAt: '2026-03-05T12:00:00Z',
    full: false,
    files: {
      'users.csv': 'id,name,department\nbob,Bob,West\n',
      'opportunities.csv': `${OPPORTUNITIES}\n${MOVING_CLOSED}\n`,
      'accounts.csv': ACCOUNT_FILLED,
      'logins.csv': 'user_id,login_at,status\nbob,2026-03-04T10:00:00Z,Success\n',
    },
  },
  {
    observedAt: '2026-03-07T09:00:00Z',
    full: true,
    files: {
      'users.csv': 'id,name,department\nann,Ann,East\nbob,Bob,West\ncat,Cat,West\n',
      'opportunities.csv': `${OPPORTUNITIES}\n${MOVING_CLOSED}\n`,
      'accounts.csv': ACCOUNT_FILLED,
    },
  },
];

interface MetricsJson {
  departments: Array<{ department: string; seatHolders: number; metrics: Record<string, number | null> }>;
}

describe.each(testEngines())('uptake import: three drops read as each day was (%s)', (engine) => {
  let database: FreshDatabase;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    dir = mkdtempSync(join(tmpdir(), 'uptake-history-'));
    env = { DATABASE_URL: database.url };
    writeFileSync(join(dir, 'plan.yaml'), PLAN);
    expect(uptake(['plan', 'apply', join(dir, 'plan.yaml')], env).code).toBe(0);
    DROPS.forEach((drop, index) => {
      const folder = join(dir, `drop${index + 1}`);
      mkdirSync(folder);
      for (const [name, body] of Object.entries(drop.files)) writeFileSync(join(folder, name), body);
      const args = ['import', folder, '--observed-at', drop.observedAt, ...(drop.full ? ['--full'] : [])];
      const result = uptake(args, env);
      expect([index + 1, result.code, result.stderr]).toEqual([index + 1, 0, expect.any(String)]);
    });
  }, 600_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await database.dispose();
  });

  function metricsAsOf(day: string): Map<string, { seatHolders: number; metrics: Record<string, number | null> }> {
    const result = uptake(['metrics', '--as-of', day, '--json'], env);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as MetricsJson;
    return new Map(parsed.departments.map((entry) => [entry.department, entry]));
  }

  it('reads 2026-02-20, before the first drop, from the first versions (the stand-in)', () => {
    const days = metricsAsOf('2026-02-20');
    // East: ann, bob. `lost` is open, created 02-01: touched within the 30 days (01-22 .. 02-20): stale 0/1.
    // acc: 1 of 2 required fields: completeness 0.5. Nobody logged in: active 0/2.
    expect(days.get('East')).toMatchObject({
      seatHolders: 2,
      metrics: { active_users: 0, stale_opportunities: 0, record_completeness: 0.5 },
    });
    // West: cat, dan. `moving` was open then (it was closed later, back-dated to 03-02), untouched since 01-01: stale 1/1.
    expect(days.get('West')).toMatchObject({ seatHolders: 2, metrics: { stale_opportunities: 1, record_completeness: null } });
  });

  it('keeps bob in East on 2026-03-04, the day before his move', () => {
    const days = metricsAsOf('2026-03-04');
    // East: ann, bob; bob's login of 03-04: active 1/2, logins per user 1/2.
    expect(days.get('East')).toMatchObject({
      seatHolders: 2,
      metrics: { active_users: 0.5, logins_per_user: 0.5, stale_opportunities: 0 },
    });
    // West: cat, dan, no login; `moving` still open (its closing version is valid from 03-05T08:00): stale 1/1.
    expect(days.get('West')).toMatchObject({ seatHolders: 2, metrics: { active_users: 0, stale_opportunities: 1 } });
  });

  it('moves bob to West from 2026-03-05, with his login of the day before', () => {
    const days = metricsAsOf('2026-03-05');
    // East: ann only, no login in 03-05's 7 days of hers: 0/1; acc has both fields since 03-05T09:00: 2/2.
    expect(days.get('East')).toMatchObject({
      seatHolders: 1,
      metrics: { active_users: 0, record_completeness: 1, stale_opportunities: 0 },
    });
    // West: bob, cat, dan; bob's login 03-04 is in the 7 days ending 03-05: 1/3. `moving` is closed (close date
    // 03-02 is not after 03-05): no open opportunity, stale is null.
    const west = days.get('West')!;
    expect(west.seatHolders).toBe(3);
    expect(west.metrics.active_users).toBeCloseTo(1 / 3, 9);
    expect(west.metrics.stale_opportunities).toBeNull();
  });

  it('counts dan and the lost deal until the full drop of 2026-03-07 saw them missing', () => {
    const before = metricsAsOf('2026-03-06');
    // West: bob, cat, dan; East: `lost` still open and touched on 03-01: stale 0/1.
    expect(before.get('West')?.seatHolders).toBe(3);
    expect(before.get('East')?.metrics.stale_opportunities).toBe(0);
    const after = metricsAsOf('2026-03-07');
    // West: bob, cat (dan deactivated as of 03-07T09:00): bob's login is still in the 7 days: 1/2.
    expect(after.get('West')).toMatchObject({ seatHolders: 2, metrics: { active_users: 0.5 } });
    // East: `lost` deleted as of 03-07T09:00: no open opportunity left.
    expect(after.get('East')).toMatchObject({ seatHolders: 1, metrics: { stale_opportunities: null } });
  });

  it.each([
    [['--observed-at', 'last tuesday'], /--observed-at "last tuesday" is not an ISO 8601 date/],
    [['--observed-at', '2999-01-01T00:00:00Z'], /is in the future/],
    [['--full'], /must have users\.csv/],
  ])('refuses %j with exit code 2 and writes nothing', (flags, message) => {
    const folder = join(dir, `bad-${flags.join('').replace(/\W/g, '')}`);
    mkdirSync(folder);
    writeFileSync(join(folder, 'opportunities.csv'), `${OPPORTUNITIES}\n${MOVING_OPEN}\n`);
    const before = metricsAsOf('2026-03-07');
    const result = uptake(['import', folder, ...flags], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(metricsAsOf('2026-03-07')).toEqual(before);
  });
});
