import request from 'supertest';
import type { SignedInAgent } from '../support/auth';
import { loginAs } from '../support/auth';
import { FixedClock } from '../../server/test/testing';
import { Database } from '../../server/test/testing';
import { PlanService } from '../../server/test/testing';
import { at, MetricsFixture } from '../../server/test/testing';
import { startApp, testEngines, type TestApp } from '../support/test-app';

/*
 * As of 2026-03-10 (7 days from 2026-03-04T00:00Z), min_group_size 5 (the default):
 * - Big (6): b6 manages b1..b5 and has no manager. b1, b2, b3 log in on 03-09; b1 and b4 own an
 *   activity of 03-08. Quadrants: b1 both; b2, b3 log in only; b4 works only; b5, b6 neither.
 *   Active users 3/6, active contributors 2/6.
 * - Small (2): s1 works only (an activity), s2 logs in only.
 * - Mid (5): nobody does anything.
 * - Organisation (13): both 1, logs in only 3, works only 2, neither 7; 4/13 and 3/13.
 */
const PLAN = `
launch_date: 2026-01-01
departments:
  - { name: Big, seats: 6, licence_cost_per_seat_month: 10 }
`;
const AS_OF = '2026-03-10';

type Group = {
  department?: string;
  managerName?: string;
  seatHolders: number;
  activeUsers: number | null;
  quadrants: Record<string, number | null>;
  suppressed?: boolean;
};
const named = (list: Group[], name: string) => list.find((entry) => entry.department === name || entry.managerName === name) as Group;

describe.each(testEngines())('presence and work over HTTP on %s', (engine) => {
  let harness: TestApp;
  let admin: SignedInAgent;
  let viewer: SignedInAgent;
  let bigTrainer: SignedInAgent;

  beforeAll(async () => {
    harness = await startApp(engine, { clock: new FixedClock(at('2026-03-10T15:00:00Z')) });
    const { app } = harness;
    await app.get(PlanService).apply(PLAN, 'plan.yaml', 'test', at('2026-01-01T08:00:00Z'));
    const fx = new MetricsFixture(app.get(Database));
    const crm = await fx.connection('crm');
    await fx.users(crm, [
      ...['b1', 'b2', 'b3', 'b4', 'b5'].map((id) => ({ externalId: id, department: 'Big', managerExternalId: 'b6' })),
      { externalId: 'b6', name: 'Boss', department: 'Big' },
      { externalId: 's1', department: 'Small' },
      { externalId: 's2', department: 'Small' },
      ...['m1', 'm2', 'm3', 'm4', 'm5'].map((id) => ({ externalId: id, department: 'Mid' })),
    ]);
    await fx.logins(
      crm,
      ['b1', 'b2', 'b3', 's2'].map((id) => ({ userExternalId: id, loginAt: at('2026-03-09T10:00:00Z') })),
    );
    await fx.activities(
      crm,
      ['b1', 'b4', 's1'].map((id) => ({ ownerExternalId: id, occurredAt: at('2026-03-08T10:00:00Z'), type: 'call' })),
    );
    admin = await loginAs(app, 'admin');
    viewer = await loginAs(app, 'viewer');
    bigTrainer = await loginAs(app, 'trainer', { email: 'bert@example.test', departments: ['Big'] });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('gives an admin every department and the organisation', async () => {
    const { body } = await admin.get(`/api/presence?asOf=${AS_OF}`).expect(200);
    expect(body.departments.map((entry: Group) => entry.department)).toEqual(['Big', 'Mid', 'Small']);
    expect(named(body.departments, 'Big')).toEqual({
      department: 'Big',
      seatHolders: 6,
      activeUsers: 0.5,
      activeContributors: 2 / 6,
      quadrants: { logs_in_and_works: 1, logs_in_only: 2, works_only: 1, neither: 2 },
    });
    expect(named(body.departments, 'Small').quadrants).toEqual({ logs_in_and_works: 0, logs_in_only: 1, works_only: 1, neither: 0 });
    expect(body.organisation).toEqual({
      seatHolders: 13,
      activeUsers: 4 / 13,
      activeContributors: 3 / 13,
      quadrants: { logs_in_and_works: 1, logs_in_only: 3, works_only: 2, neither: 7 },
    });
  });

  it('hides small departments from a viewer, and the next smallest with them, keeping sizes', async () => {
    const { body } = await viewer.get(`/api/presence?asOf=${AS_OF}`).expect(200);
    expect(named(body.departments, 'Small')).toMatchObject({ seatHolders: 2, activeUsers: null, suppressed: true });
    // the organisation minus Big would give Small alone: Mid (5), the smallest other, is hidden too
    expect(named(body.departments, 'Mid')).toMatchObject({ seatHolders: 5, suppressed: true, quadrants: { neither: null } });
    expect(named(body.departments, 'Big').suppressed).toBeUndefined();
    expect(body.organisation.quadrants.neither).toBe(7);
  });

  it('counts one department per manager: whole for its trainer, small teams hidden from a viewer', async () => {
    const own = await bigTrainer.get(`/api/departments/Big/presence?asOf=${AS_OF}`).expect(200);
    expect(own.body.byManager).toEqual([
      {
        managerExternalId: 'b6',
        managerName: 'Boss',
        seatHolders: 5,
        activeUsers: 0.6,
        activeContributors: 0.4,
        quadrants: { logs_in_and_works: 1, logs_in_only: 2, works_only: 1, neither: 1 },
      },
      {
        managerExternalId: null,
        managerName: 'No manager',
        seatHolders: 1,
        activeUsers: 0,
        activeContributors: 0,
        quadrants: { logs_in_and_works: 0, logs_in_only: 0, works_only: 0, neither: 1 },
      },
    ]);
    const { body } = await viewer.get(`/api/departments/Big/presence?asOf=${AS_OF}`).expect(200);
    expect(body.total).toMatchObject({ seatHolders: 6, activeUsers: 0.5 });
    // Boss alone (1) is small; the department total minus Boss's team would give it: both hidden
    expect(named(body.byManager, 'No manager')).toMatchObject({ seatHolders: 1, suppressed: true, activeUsers: null });
    expect(named(body.byManager, 'Boss')).toMatchObject({ seatHolders: 5, suppressed: true });
    const small = await viewer.get(`/api/departments/Small/presence?asOf=${AS_OF}`).expect(200);
    expect(small.body.total).toMatchObject({ seatHolders: 2, suppressed: true, activeUsers: null });
  });

  it('lists the activities and the quadrant of each person to an admin only, with the view audited', async () => {
    const { body } = await admin.get(`/api/departments/Big/people?asOf=${AS_OF}`).expect(200);
    const b1 = body.people.find((person: { externalId: string }) => person.externalId === 'b1');
    expect(b1).toMatchObject({ activities7: 1, lastActivityAt: '2026-03-08T10:00:00.000Z', presence: 'logs_in_and_works' });
    const audit = await admin.get('/api/audit').expect(200);
    expect(JSON.stringify(audit.body)).toContain(`/api/departments/Big/people?asOf=${AS_OF}`);
    await viewer.get(`/api/departments/Big/people?asOf=${AS_OF}`).expect(403);
    await request(harness.app.getHttpServer()).get(`/api/presence?asOf=${AS_OF}`).expect(401);
  });
});
