import type { Role } from '@uptake/shared';
import request from 'supertest';
import {
  registeredRouteKeys,
  unclassifiedRoutes,
  type ExpressLike,
  ROUTE_POLICIES,
  type RoutePolicy,
  FixedClock,
  Database,
  PlanService,
  at,
  MetricsFixture,
} from '../../server/test/testing';
import { bearerFor } from '../support/auth';
import { startApp, testEngines, type TestApp } from '../support/test-app';

/** Who calls: nobody, each role, and a trainer of another department than the one in the path. */
type Caller = 'anonymous' | Role | 'trainer of another department';
const CALLERS: Caller[] = ['anonymous', 'viewer', 'executive', 'trainer', 'trainer of another department', 'admin'];
/** The department in every `:name` of the matrix; the trainer is assigned to it. */
const DEPARTMENT = 'Sales';

type Expected = 401 | 403 | 'allowed';

/** What the route's policy promises to each caller; "allowed" is any answer but 401 and 403 (400 for a missing body, 404 for an unknown id...). */
function expected(policy: RoutePolicy, caller: Caller): Expected {
  if (policy.access === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (policy.access === 'authenticated' || caller === 'admin') return 'allowed';
  if (policy.access === 'admin') return 403;
  if (policy.access === 'trainers') return caller === 'viewer' || caller === 'executive' ? 403 : 'allowed';
  // people-level data
  if (caller === 'viewer' || caller === 'executive') return 403;
  if (caller === 'trainer of another department' && policy.departmentParam) return 403;
  return 'allowed';
}

/** People of the fixture, by department: what identifies each in an answer. */
const PEOPLE = {
  Sales: { externalId: 'ext-sally-0417', name: 'Sally Seller', email: 'sally.seller@acme.example' },
  Support: { externalId: 'ext-pat-0923', name: 'Pat Helper', email: 'pat.helper@acme.example' },
} as const;
type Department = keyof typeof PEOPLE;

/** The people of the fixture whose data `caller` may see. */
function visiblePeople(caller: Caller): Department[] {
  if (caller === 'admin') return ['Sales', 'Support'];
  if (caller === 'trainer') return [DEPARTMENT];
  if (caller === 'trainer of another department') return ['Support'];
  return [];
}

/** Privacy filters that cut an answer to the departments of a trainer (server/src/auth/privacy.interceptor.ts). */
const DEPARTMENT_SCOPED_FILTERS: ReadonlyArray<RoutePolicy['privacy']> = ['trainingCsv', 'training'];

/** A concrete URL for a route: `:name` is the department, ids are ones that do not exist. */
function concrete(path: string): string {
  return path.replace(/:name\b/g, encodeURIComponent(DEPARTMENT)).replace(/:[A-Za-z]+/g, '987654');
}

describe.each(testEngines())('route-by-role matrix on %s', (engine) => {
  let harness: TestApp;
  const headers = new Map<Caller, Record<string, string>>();

  beforeAll(async () => {
    const clock = new FixedClock(at('2026-03-10T12:00:00Z'));
    harness = await startApp(engine, { clock });
    const { app } = harness;
    await app
      .get(PlanService)
      .apply(
        `launch_date: 2026-01-01\ndepartments:\n  - { name: Sales, seats: 2 }\n  - { name: Support, seats: 1 }\n`,
        'plan.yaml',
        'test',
        clock.now(),
      );
    const fx = new MetricsFixture(app.get(Database));
    const crm = await fx.connection('crm');
    await fx.users(crm, [
      { ...PEOPLE.Sales, department: 'Sales' },
      { ...PEOPLE.Support, department: 'Support' },
    ]);
    headers.set('anonymous', {});
    for (const role of ['viewer', 'executive', 'admin'] as const) headers.set(role, await bearerFor(app, role));
    headers.set('trainer', await bearerFor(app, 'trainer', { departments: [DEPARTMENT] }));
    headers.set('trainer of another department', await bearerFor(app, 'trainer', { departments: ['Support'] }));
  });

  afterAll(async () => {
    await harness.close();
  });

  const express = () => harness.app.getHttpAdapter().getInstance() as ExpressLike;

  it('classifies every registered route in ROUTE_POLICIES, and lists no route that does not exist', () => {
    const { unclassified, stale } = unclassifiedRoutes(express());
    // A new route fails here until it has its line in server/src/auth/route-policy.ts.
    expect(unclassified).toEqual([]);
    expect(stale).toEqual([]);
    expect(registeredRouteKeys(express()).length).toBeGreaterThanOrEqual(Object.keys(ROUTE_POLICIES).length);
  });

  it('answers every route as its policy says, for no login and for each role', async () => {
    const mismatches: string[] = [];
    for (const key of registeredRouteKeys(express())) {
      const [method, path] = key.split(' ');
      const policy = ROUTE_POLICIES[key];
      for (const caller of CALLERS) {
        const call = request(harness.app.getHttpServer())
          [method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](concrete(path))
          .set(headers.get(caller) ?? {});
        const response = await call;
        const want = expected(policy, caller);
        const ok = want === 'allowed' ? response.status !== 401 && response.status !== 403 : response.status === want;
        if (!ok) mismatches.push(`${key} as ${caller}: expected ${want}, got ${response.status} ${response.text.slice(0, 120)}`);
        if (!ok) continue;
        if (want === 401) expect(response.body.error.code).toBe('UNAUTHENTICATED');
        if (want === 403) expect(response.body.error.code).toBe('FORBIDDEN');
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses an unknown query parameter on every route, before doing anything', async () => {
    const accepted: string[] = [];
    for (const key of registeredRouteKeys(express())) {
      const [method, path] = key.split(' ');
      const response = await request(harness.app.getHttpServer())
        [method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](`${concrete(path)}?zz_unknown=1`)
        .set(headers.get('admin') ?? {});
      if (response.status !== 400 || response.body.error?.code !== 'VALIDATION_FAILED')
        accepted.push(`${key}: ${response.status} ${response.text.slice(0, 120)}`);
    }
    expect(accepted).toEqual([]);
  });

  it('refuses a body on every route that takes none', async () => {
    const accepted: string[] = [];
    for (const key of registeredRouteKeys(express())) {
      const [method, path] = key.split(' ');
      if (method === 'GET' || ROUTE_POLICIES[key]?.body) continue;
      const response = await request(harness.app.getHttpServer())
        [method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete'](concrete(path))
        .set(headers.get('admin') ?? {})
        .send({ unexpected: true });
      if (response.status !== 400) accepted.push(`${key}: ${response.status}`);
    }
    expect(accepted).toEqual([]);
  });

  it("gives every people route a department scope: a path parameter or a filter to the trainer's departments", () => {
    const unscoped = Object.entries(ROUTE_POLICIES)
      .filter(([, policy]) => policy.access === 'people' && !policy.departmentParam && !DEPARTMENT_SCOPED_FILTERS.includes(policy.privacy))
      .map(([key]) => key);
    expect(unscoped).toEqual([]);
  });

  it("shows people-level data only to those who may see it: none to viewers and executives, a trainer's departments only", async () => {
    const leaks: string[] = [];
    const seenByAdmin = new Set<string>();
    for (const key of registeredRouteKeys(express())) {
      const [method, path] = key.split(' ');
      if (method !== 'GET') continue;
      for (const caller of CALLERS) {
        const response = await request(harness.app.getHttpServer())
          .get(concrete(path))
          .set(headers.get(caller) ?? {});
        if (response.status >= 400) continue;
        const text = response.text;
        const may = visiblePeople(caller);
        for (const [department, person] of Object.entries(PEOPLE) as Array<[Department, (typeof PEOPLE)[Department]]>) {
          const shown = Object.values(person).filter((identifier) => text.includes(identifier));
          if (caller === 'admin' && shown.length > 0) seenByAdmin.add(key);
          if (shown.length > 0 && !may.includes(department)) leaks.push(`${key} as ${caller}: shows ${shown.join(', ')} of ${department}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // The check has something to find: the people routes show the fixture's people to an admin.
    for (const [key, policy] of Object.entries(ROUTE_POLICIES)) {
      if (policy.access === 'people' && key.startsWith('GET ')) expect([key, seenByAdmin.has(key)]).toEqual([key, true]);
    }
  });
});
