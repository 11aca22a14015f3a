import { Logger } from '@nestjs/common';
import request from 'supertest';
import { CSRF_COOKIE, SESSION_COOKIE } from '@uptake/shared';
import { AccountService, ApiTokenService, FirstAdminBootstrap, FixedClock, Database, PlanService, at } from '../../server/test/testing';
import { bearerFor, ensureAccount, loginAs, TEST_PASSWORD } from '../support/auth';
import { startApp, testEngines, type TestApp } from '../support/test-app';

const cookieNamed = (cookies: string[], name: string) => cookies.find((cookie) => cookie.startsWith(`${name}=`)) ?? '';

describe.each(testEngines())('accounts, sessions and tokens on %s', (engine) => {
  let harness: TestApp;
  const clock = new FixedClock(at('2026-03-10T12:00:00Z'));
  const http = () => request(harness.app.getHttpServer());

  beforeAll(async () => {
    // Small limits so the throttle shows within a few requests; first admin from the environment.
    harness = await startApp(engine, {
      clock,
      auth: {
        loginMaxFailures: 3,
        loginWindowMs: 15 * 60_000,
        sessionTtlMs: 12 * 3_600_000,
        adminEmail: 'Root@Example.test',
        adminPassword: 'first admin password',
      },
    });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('creates the first admin from UPTAKE_ADMIN_EMAIL and UPTAKE_ADMIN_PASSWORD at the first start, and only then', async () => {
    const { body } = await http()
      .post('/api/auth/login')
      .send({ email: 'root@example.test', password: 'first admin password' })
      .expect(200);
    expect(body).toMatchObject({ via: 'session', peopleAccess: 'all', account: { email: 'root@example.test', role: 'admin' } });
    expect(await harness.app.get(FirstAdminBootstrap).ensureFirstAdmin()).toBeNull();
  });

  it('signs in with an httpOnly SameSite=Strict session cookie and a readable CSRF cookie; the session lasts 12 hours', async () => {
    const email = await ensureAccount(harness.app, 'viewer', { email: 'val@example.test' });
    const response = await http().post('/api/auth/login').send({ email: 'VAL@example.test', password: TEST_PASSWORD }).expect(200);
    const cookies = response.headers['set-cookie'] as unknown as string[];
    const session = cookieNamed(cookies, SESSION_COOKIE);
    const csrf = cookieNamed(cookies, CSRF_COOKIE);
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Strict/);
    expect(session).toMatch(/; Max-Age=43200/); // 12 h = 43,200 s
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(csrf).toContain(`${CSRF_COOKIE}=${response.body.csrfToken}`);
    expect(response.body).toMatchObject({
      account: { email, role: 'viewer', departments: [] },
      peopleAccess: 'none',
      expiresAt: '2026-03-11T00:00:00.000Z',
    });
    expect(JSON.stringify(response.body)).not.toMatch(/hash|argon/i);
  });

  it('answers a wrong password and an unknown email alike, and writes both to the audit log', async () => {
    await ensureAccount(harness.app, 'viewer', { email: 'wes@example.test' });
    const wrong = await http().post('/api/auth/login').send({ email: 'wes@example.test', password: 'not the password' }).expect(401);
    const unknown = await http().post('/api/auth/login').send({ email: 'nobody@example.test', password: 'not the password' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error).toEqual({ code: 'INVALID_CREDENTIALS', message: 'wrong email or password' });
    const admin = await loginAs(harness.app, 'admin');
    const { body } = await admin.get('/api/audit?action=auth.login_failed').expect(200);
    expect(body.entries.map((e: { actor: string }) => e.actor)).toEqual(
      expect.arrayContaining(['wes@example.test', 'nobody@example.test']),
    );
    expect(JSON.stringify(body)).not.toContain('not the password');
  });

  it('refuses an unsafe request signed in by cookie without the right X-CSRF-Token', async () => {
    const admin = await loginAs(harness.app, 'admin');
    const body = { email: 'csrf-target@example.test', role: 'viewer' };
    const none = await admin.post('/api/users').set('X-CSRF-Token', '').send(body).expect(403);
    expect(none.body.error.code).toBe('CSRF_TOKEN_INVALID');
    await admin.post('/api/users').set('X-CSRF-Token', 'forged').send(body).expect(403);
    await admin.get('/api/users').set('X-CSRF-Token', '').expect(200); // reads need none
    const created = await admin.post('/api/users').send(body).expect(201);
    expect(created.body.generatedPassword).toHaveLength(24);
    // The generated password works once given to its owner.
    await http().post('/api/auth/login').send({ email: body.email, password: created.body.generatedPassword }).expect(200);
  });

  it('accepts an API token as Authorization: Bearer without CSRF token, until it is revoked', async () => {
    const email = await ensureAccount(harness.app, 'admin', { email: 'robot@example.test' });
    const tokens = harness.app.get(ApiTokenService);
    const actor = { accountId: null, email: 'test', role: null, ip: null };
    const { token, stored } = await tokens.create(email, { label: 'ci' }, actor);
    expect(token).toMatch(/^upt_[A-Za-z0-9_-]{43}$/);
    const headers = { Authorization: `Bearer ${token}` };
    await http().get('/api/users').set(headers).expect(200);
    await http().post('/api/users').set(headers).send({ email: 'via-token@example.test', role: 'executive' }).expect(201);
    const me = await http().get('/api/auth/me').set(headers).expect(200);
    // Tokens expire by default: 90 days after 2026-03-10T12:00Z.
    expect(me.body).toMatchObject({ via: 'token', csrfToken: null, expiresAt: '2026-06-08T12:00:00.000Z', account: { email } });
    // Only a hash of the token is stored.
    const rows = await harness.app.get(Database).query<Record<string, unknown>>('SELECT * FROM api_tokens');
    expect(JSON.stringify(rows)).not.toContain(token);
    await tokens.revoke(stored.id, actor);
    const revoked = await http().get('/api/users').set(headers).expect(401);
    expect(revoked.body.error.code).toBe('UNAUTHENTICATED');
    await http().get('/api/users').set({ Authorization: 'Bearer upt_not-a-token' }).expect(401);
    await http().get('/api/users').set({ Authorization: 'Basic abc' }).expect(401);
  });

  it('ends the session at logout and at expiry', async () => {
    const agent = await loginAs(harness.app, 'executive');
    await agent.get('/api/auth/me').expect(200);
    await agent.post('/api/auth/logout').expect(204);
    const after = await agent.get('/api/auth/me').expect(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');

    const later = await loginAs(harness.app, 'executive');
    clock.set(at('2026-03-11T00:00:01Z')); // 12 h and 1 s after sign-in
    try {
      await later.get('/api/auth/me').expect(401);
    } finally {
      clock.set(at('2026-03-10T12:00:00Z'));
    }
  });

  it('throttles failed logins per email (3 free here): even the right password waits the delay, then works', async () => {
    const email = await ensureAccount(harness.app, 'viewer', { email: 'tia@example.test' });
    for (let attempt = 0; attempt < 3; attempt += 1) await http().post('/api/auth/login').send({ email, password: 'guess' }).expect(401);
    const limited = await http().post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(429);
    expect(limited.body.error.code).toBe('LOGIN_RATE_LIMITED');
    // The 3rd attempt at 12:00:00 starts the first delay: 1 s (more in login-throttle.e2e.spec.ts).
    expect(limited.headers['retry-after']).toBe('1');
    clock.set(at('2026-03-10T12:00:01Z'));
    try {
      await http().post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
    } finally {
      clock.set(at('2026-03-10T12:00:00Z'));
    }
  });

  it('applies role changes at the next request, disables accounts, and never leaves the install without an admin', async () => {
    const admin = await loginAs(harness.app, 'admin');
    const email = await ensureAccount(harness.app, 'viewer', { email: 'rio@example.test' });
    const rio = await loginAs(harness.app, 'viewer', { email });
    await rio.get('/api/users').expect(403);
    const { body: accounts } = await admin.get('/api/users').expect(200);
    const id = accounts.find((a: { email: string }) => a.email === email).id;
    // A trainer's department must be known: the plan names Sales.
    await harness.app
      .get(PlanService)
      .apply('launch_date: 2026-01-01\ndepartments:\n  - { name: Sales, seats: 1 }\n', 'plan.yaml', 'test', clock.now());
    await admin
      .patch(`/api/users/${id}`)
      .send({ role: 'trainer', departments: ['Sales'] })
      .expect(200);
    // A new role ends the sessions of the account: sign in again.
    await rio.get('/api/auth/me').expect(401);
    const again = await loginAs(harness.app, 'trainer', { email });
    expect((await again.get('/api/auth/me').expect(200)).body.account).toMatchObject({ role: 'trainer', departments: ['Sales'] });
    await admin.patch(`/api/users/${id}`).send({ disabled: true }).expect(200);
    await again.get('/api/auth/me').expect(401);
    await http().post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(401);
    await admin
      .patch(`/api/users/${id}`)
      .send({ departments: ['Sales'], role: 'viewer' })
      .expect(400);
    await admin.post('/api/users').send({ email, role: 'viewer' }).expect(409);
    await admin.patch('/api/users/999999').send({ disabled: true }).expect(404);

    // Demote every admin but one, then try the last one.
    const service = harness.app.get(AccountService);
    const admins = (await service.list()).filter((a) => a.role === 'admin' && !a.disabled);
    const [last, ...others] = admins;
    for (const other of others)
      await service.update(other.id, { disabled: true }, { accountId: null, email: 'test', role: null, ip: null });
    const bearer = await bearerFor(harness.app, 'admin', { email: last.email });
    const refused = await http().patch(`/api/users/${last.id}`).set(bearer).send({ role: 'viewer' }).expect(409);
    expect(refused.body.error.code).toBe('LAST_ADMIN');
  });

  it("changes one's own password: this session stays, the others end", async () => {
    const email = await ensureAccount(harness.app, 'executive', { email: 'pat@example.test' });
    const pat = await loginAs(harness.app, 'executive', { email });
    const patElsewhere = await loginAs(harness.app, 'executive', { email });
    await pat.post('/api/auth/password').send({ currentPassword: 'wrong', newPassword: 'a brand new password' }).expect(401);
    await pat.post('/api/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: 'short' }).expect(400);
    await pat.post('/api/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new password' }).expect(204);
    await pat.get('/api/auth/me').expect(200);
    await patElsewhere.get('/api/auth/me').expect(401);
    await http().post('/api/auth/login').send({ email, password: 'a brand new password' }).expect(200);
  });

  it('lets an admin allow or remove a single sign-on link through the API', async () => {
    const admin = await loginAs(harness.app, 'admin');
    const email = await ensureAccount(harness.app, 'viewer', { email: 'sso-later@example.test' });
    const service = harness.app.get(AccountService);
    const { id } = await service.getByEmail(email);
    await admin.patch(`/api/users/${id}`).send({ linkOidc: true }).expect(200);
    expect((await service.get(id)).oidcLinkAllowed).toBe(true);
    await service.linkOidc(id, 'https://id.example', 'sub-1');
    expect(await service.get(id)).toMatchObject({ oidcLinkAllowed: false, oidcSubject: 'sub-1' });
    const unlinked = await admin.patch(`/api/users/${id}`).send({ linkOidc: false }).expect(200);
    expect(unlinked.body.sso).toBe(false);
    expect(await service.get(id)).toMatchObject({ oidcLinkAllowed: false, oidcIssuer: null, oidcSubject: null });
    const { body } = await admin.get('/api/audit?action=account.updated').expect(200);
    expect(body.entries[0].detail).toMatchObject({ changed: ['linkOidc'], linkOidc: false });
  });

  it('tells the login page what it offers, without a login', async () => {
    const { body } = await http().get('/api/auth/providers').expect(200);
    expect(body).toEqual({ password: true, oidc: { enabled: false, label: 'Single sign-on' } });
    const oidc = await http().get('/api/auth/oidc/login').expect(404);
    expect(oidc.body.error.code).toBe('OIDC_NOT_CONFIGURED');
  });
});

describe('the first admin of a demo without UPTAKE_ADMIN_PASSWORD', () => {
  afterEach(() => Logger.overrideLogger(false));

  it('gets a generated password, printed once, that signs in', async () => {
    const harness = await startApp('sqlite', { auth: { demo: true, adminEmail: null, adminPassword: null } });
    try {
      const accounts = harness.app.get(AccountService);
      // Created at init, with the demo's email.
      expect((await accounts.list()).map((account) => [account.email, account.role])).toEqual([['admin@uptake.local', 'admin']]);
      // Start over on an empty table to see what is printed.
      await harness.app.get(Database).query('DELETE FROM accounts');
      const printed: string[] = [];
      Logger.overrideLogger({
        log: () => undefined,
        error: () => undefined,
        warn: (message: unknown) => printed.push(String(message)),
        debug: () => undefined,
        verbose: () => undefined,
      });
      const made = await harness.app.get(FirstAdminBootstrap).ensureFirstAdmin();
      expect(made?.email).toBe('admin@uptake.local');
      expect(made?.generatedPassword).toHaveLength(24);
      expect(printed.join('\n')).toContain(`password: ${made?.generatedPassword}`);
      await request(harness.app.getHttpServer())
        .post('/api/auth/login')
        .send({ email: 'admin@uptake.local', password: made?.generatedPassword })
        .expect(200);
      // Printed once: the next start finds an account and prints nothing.
      printed.length = 0;
      expect(await harness.app.get(FirstAdminBootstrap).ensureFirstAdmin()).toBeNull();
      expect(printed).toEqual([]);
    } finally {
      await harness.close();
    }
  });
});
