import request from 'supertest';
import { FixedClock, at } from '../../server/test/testing';
import { ensureAccount, loginAs, TEST_PASSWORD } from '../support/auth';
import { startApp, testEngines, type TestApp } from '../support/test-app';

const T0 = at('2026-03-10T12:00:00Z');

describe.each(testEngines())('login throttle on %s', (engine) => {
  let harness: TestApp;
  const clock = new FixedClock(T0);
  /** A request from the client address `ip` (the app trusts X-Forwarded-For from loopback, as behind a proxy). */
  const from = (ip: string) => ({ 'X-Forwarded-For': ip });
  const login = (email: string, password: string, ip: string) =>
    request(harness.app.getHttpServer()).post('/api/auth/login').set(from(ip)).send({ email, password });

  beforeAll(async () => {
    // 3 attempts without delay per email (9 per IP), then 1 s, 2 s, 4 s... up to 60 s.
    harness = await startApp(engine, {
      clock,
      auth: { loginMaxFailures: 3, loginWindowMs: 15 * 60_000, loginMaxDelayMs: 60_000, trustProxy: 'loopback' },
    });
  });

  afterAll(async () => {
    await harness.close();
  });

  afterEach(() => clock.set(T0));

  it('reserves each attempt before checking the password: of 20 parallel wrong passwords only 3 are checked', async () => {
    const email = await ensureAccount(harness.app, 'viewer', { email: 'burst@example.test' });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => login(email, `guess ${n}`, '203.0.113.1')));
    const statuses = answers.map((answer) => answer.status).sort();
    // The 3 free attempts are checked (401); the 3rd starts a 1 s delay that the 17 others hit.
    expect(statuses).toEqual([...Array(3).fill(401), ...Array(17).fill(429)]);
    const refused = answers.find((answer) => answer.status === 429);
    expect(refused?.body.error.code).toBe('LOGIN_RATE_LIMITED');
    expect(refused?.headers['retry-after']).toBe('1');
    // Even the right password waits for the delay, then works.
    await login(email, TEST_PASSWORD, '203.0.113.1').expect(429);
    clock.set(T0 + 1_000);
    await login(email, TEST_PASSWORD, '203.0.113.1').expect(200);
  });

  it('makes each further failure wait twice as long, up to the cap, instead of locking the account', async () => {
    const email = await ensureAccount(harness.app, 'viewer', { email: 'steady@example.test' });
    let now = T0;
    const waits: number[] = [];
    for (let failure = 0; failure < 10; failure += 1) {
      clock.set(now);
      const ip = `198.51.100.${failure}`;
      let answer = await login(email, 'guess', ip);
      const wait = answer.status === 429 ? Number(answer.headers['retry-after']) : 0;
      waits.push(wait);
      if (wait > 0) {
        now += wait * 1000;
        clock.set(now);
        answer = await login(email, 'guess', ip);
      }
      expect(answer.status).toBe(401);
    }
    // Failures 1-3 free; the 3rd starts a 1 s delay, then 2, 4, 8, 16, 32 and 60 (the cap, not 64).
    expect(waits).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 60]);
  });

  it('lets the admin in after at most the capped delay, however long an anonymous attacker keeps guessing', async () => {
    const admin = await ensureAccount(harness.app, 'admin', { email: 'boss@example.test' });
    let now = T0;
    // The attacker guesses whenever it is allowed to, for an hour, from one address.
    for (let attempt = 0; now < T0 + 3_600_000 && attempt < 200; attempt += 1) {
      clock.set(now);
      const answer = await login(admin, `guess ${attempt}`, '192.0.2.66');
      now += answer.status === 429 ? Number(answer.headers['retry-after']) * 1000 : 0;
    }
    // The real admin, from elsewhere, is asked to wait at most the cap, then signs in.
    const refused = await login(admin, TEST_PASSWORD, '192.0.2.10');
    const wait = refused.status === 429 ? Number(refused.headers['retry-after']) : 0;
    expect(wait).toBeLessThanOrEqual(60);
    clock.set(now + wait * 1000);
    await login(admin, TEST_PASSWORD, '192.0.2.10').expect(200);
  });

  it('counts failures per IP too (3 times the per-email number): one address cannot try many accounts fast', async () => {
    const emails = await Promise.all(
      Array.from({ length: 12 }, (_, n) => ensureAccount(harness.app, 'viewer', { email: `spray-${n}@example.test` })),
    );
    const statuses: number[] = [];
    for (const email of emails) statuses.push((await login(email, 'Winter2026!', '203.0.113.99')).status);
    // 9 attempts from the address are free; the 9th starts a 1 s delay.
    expect(statuses).toEqual([...Array(9).fill(401), 429, 429, 429]);
    // Another address is not slowed down.
    await login(emails[11], TEST_PASSWORD, '203.0.113.100').expect(200);
  });

  it('throttles wrong current passwords at POST /api/auth/password like logins', async () => {
    const email = await ensureAccount(harness.app, 'executive', { email: 'changer@example.test' });
    const agent = await loginAs(harness.app, 'executive', { email });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        agent.post('/api/auth/password').send({ currentPassword: `guess ${n}`, newPassword: 'a brand new password' }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([...Array(3).fill(401), ...Array(5).fill(429)]);
  });
});
