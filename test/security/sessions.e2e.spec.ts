import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import request from 'supertest';
import { ApiTokenService, registeredRouteKeys, FixedClock, at } from '../../server/test/testing';
import { ensureAccount, loginAs, TEST_PASSWORD } from '../support/auth';
import { startApp, testEngines, type TestApp } from '../support/test-app';

const BIN = resolve(__dirname, '../../server/bin/uptake.js');
const T0 = at('2026-03-10T08:00:00Z');
const HOUR = 3_600_000;
const ACTOR = { accountId: null, email: 'test', role: null, ip: null };

const setCookies = (response: request.Response) => (response.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
const cookieNamed = (response: request.Response, name: string) =>
  setCookies(response).find((cookie) => cookie.startsWith(`${name}=`)) ?? '';
const valueOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1, cookie.indexOf(';'));

describe.each(testEngines())('sessions, cookies and API tokens on %s', (engine) => {
  let harness: TestApp;
  const clock = new FixedClock(T0);
  const http = () => request(harness.app.getHttpServer());

  beforeAll(async () => {
    // Behind a TLS proxy on loopback (UPTAKE_TRUST_PROXY=loopback); sessions of 24 h, 8 h idle.
    harness = await startApp(engine, { clock, auth: { trustProxy: 'loopback', sessionTtlMs: 24 * HOUR, sessionIdleMs: 8 * HOUR } });
  });

  afterAll(async () => {
    await harness.close();
  });

  afterEach(() => clock.set(T0));

  it('over HTTPS (the proxy says X-Forwarded-Proto: https) names the cookies __Host- and marks them Secure, Path=/ and no Domain', async () => {
    const email = await ensureAccount(harness.app, 'viewer', { email: 'tls@example.test' });
    const response = await http()
      .post('/api/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ email, password: TEST_PASSWORD })
      .expect(200);
    const session = cookieNamed(response, '__Host-uptake_session');
    const csrf = cookieNamed(response, '__Host-uptake_csrf');
    expect(session).toMatch(/^__Host-uptake_session=[\w-]{43}; Path=\/; Max-Age=86400; SameSite=Strict; HttpOnly; Secure$/);
    expect(csrf).toBe(`__Host-uptake_csrf=${response.body.csrfToken}; Path=/; Max-Age=86400; SameSite=Strict; Secure`);
    expect(cookieNamed(response, 'uptake_session')).toBe('');
    const token = valueOf(session);
    await http().get('/api/auth/me').set('X-Forwarded-Proto', 'https').set('Cookie', `__Host-uptake_session=${token}`).expect(200);
    // Over HTTPS the unprefixed name, which a plain-HTTP page or a sibling domain could set, is not read.
    await http().get('/api/auth/me').set('X-Forwarded-Proto', 'https').set('Cookie', `uptake_session=${token}`).expect(401);
    // Logout clears the __Host- cookies.
    const out = await http()
      .post('/api/auth/logout')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', `__Host-uptake_session=${token}`)
      .set('X-CSRF-Token', response.body.csrfToken)
      .expect(204);
    expect(cookieNamed(out, '__Host-uptake_session')).toMatch(/^__Host-uptake_session=; Path=\/; Max-Age=0; .*Secure$/);
  });

  it('over plain HTTP (npm start on http://localhost:3000) keeps the unprefixed names without Secure, so any browser signs in', async () => {
    const email = await ensureAccount(harness.app, 'viewer', { email: 'plain@example.test' });
    const response = await http().post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
    expect(cookieNamed(response, 'uptake_session')).toMatch(
      /^uptake_session=[\w-]{43}; Path=\/; Max-Age=86400; SameSite=Strict; HttpOnly$/,
    );
    expect(cookieNamed(response, 'uptake_csrf')).toBe(`uptake_csrf=${response.body.csrfToken}; Path=/; Max-Age=86400; SameSite=Strict`);
    expect(setCookies(response).some((cookie) => cookie.startsWith('__Host-'))).toBe(false);
    const agent = await loginAs(harness.app, 'viewer', { email });
    await agent.get('/api/auth/me').expect(200);
  });

  it('ends a session that was not used for the idle timeout (8 h here), and keeps one in use until its lifetime', async () => {
    const idle = await loginAs(harness.app, 'viewer');
    const busy = await loginAs(harness.app, 'viewer');
    clock.set(T0 + 7 * HOUR);
    await busy.get('/api/auth/me').expect(200);
    clock.set(T0 + 8 * HOUR + 1_000);
    await idle.get('/api/auth/me').expect(401);
    clock.set(T0 + 14 * HOUR + 59 * 60_000); // 7 h 59 min after its last use
    await busy.get('/api/auth/me').expect(200);
    clock.set(T0 + 23 * HOUR); // used 8 h 1 min ago
    await busy.get('/api/auth/me').expect(401);
  });

  it('a password change keeps the session that made it and ends the other sessions and the API tokens of the account', async () => {
    const email = await ensureAccount(harness.app, 'executive', { email: 'changer@example.test' });
    const here = await loginAs(harness.app, 'executive', { email });
    const elsewhere = await loginAs(harness.app, 'executive', { email });
    const { token } = await harness.app.get(ApiTokenService).create(email, { label: 'script' }, ACTOR);
    const other = await ensureAccount(harness.app, 'executive', { email: 'bystander@example.test' });
    const { token: otherToken } = await harness.app.get(ApiTokenService).create(other, { label: 'script' }, ACTOR);
    await here.post('/api/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new password' }).expect(204);
    await here.get('/api/auth/me').expect(200);
    await elsewhere.get('/api/auth/me').expect(401);
    await http().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    await http().get('/api/auth/me').set('Authorization', `Bearer ${otherToken}`).expect(200);
    const tokens = await harness.app.get(ApiTokenService).list(email);
    expect(tokens.map((stored) => stored.revokedAt)).toEqual([T0]);
  });

  it('gives API tokens an expiry by default: 90 days (UPTAKE_TOKEN_TTL_DAYS)', async () => {
    const email = await ensureAccount(harness.app, 'viewer', { email: 'robot@example.test' });
    const { token, stored } = await harness.app.get(ApiTokenService).create(email, { label: 'ci' }, ACTOR);
    expect(stored.expiresAt).toBe(T0 + 90 * 24 * HOUR);
    clock.set(T0 + 90 * 24 * HOUR - 1);
    await http().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    clock.set(T0 + 90 * 24 * HOUR);
    await http().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('treats only /api/docs and what is under /api/docs/ as the API documentation', async () => {
    const docsLike = await http().get('/api/docs-x').expect(404);
    expect(docsLike.headers['cache-control']).toBe('no-store');
    const express = {
      router: {
        stack: [
          { route: { path: '/api/docs-x', methods: { get: true } } },
          { route: { path: '/api/docs/openapi.json', methods: { get: true } } },
        ],
      },
    };
    expect(registeredRouteKeys(express)).toEqual(['GET /api/docs-x']);
  });
});

describe('cookies forced Secure (UPTAKE_COOKIE_SECURE=true) on plain HTTP', () => {
  it('uses the __Host- names, which browsers accept on http://localhost', async () => {
    const harness = await startApp('sqlite', { auth: { cookieSecure: true } });
    try {
      const agent = request(harness.app.getHttpServer());
      const email = await ensureAccount(harness.app, 'viewer', { email: 'forced@example.test' });
      const response = await agent.post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
      const session = cookieNamed(response, '__Host-uptake_session');
      expect(session).toMatch(/; Secure$/);
      await agent
        .get('/api/auth/me')
        .set('Cookie', `__Host-uptake_session=${valueOf(session)}`)
        .expect(200);
    } finally {
      await harness.close();
    }
  });
});

describe('uptake token create (CLI)', () => {
  it('expires tokens after UPTAKE_TOKEN_TTL_DAYS by default, or after --expires-in-days', async () => {
    const harness = await startApp('sqlite');
    const env = { ...process.env, DATABASE_URL: harness.config.databaseUrl };
    const run = (args: string[], extra: Record<string, string> = {}) =>
      spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...env, ...extra } });
    try {
      await ensureAccount(harness.app, 'viewer', { email: 'cli-robot@example.test' });
      const before = Date.now();
      const byDefault = run(['token', 'create', 'cli-robot@example.test'], { UPTAKE_TOKEN_TTL_DAYS: '30' });
      expect(byDefault.status).toBe(0);
      const chosen = run(['token', 'create', 'cli-robot@example.test', '--expires-in-days', '7']);
      expect(chosen.status).toBe(0);
      const bad = run(['token', 'create', 'cli-robot@example.test', '--expires-in-days', '0']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--expires-in-days');
      const [first, second] = await harness.app.get(ApiTokenService).list('cli-robot@example.test');
      const day = 24 * HOUR;
      expect(Math.round(((first.expiresAt ?? 0) - before) / day)).toBe(30);
      expect(Math.round(((second.expiresAt ?? 0) - before) / day)).toBe(7);
    } finally {
      await harness.close();
    }
  });
});
