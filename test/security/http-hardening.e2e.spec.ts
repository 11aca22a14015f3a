import type { ArgumentsHost } from '@nestjs/common';
import request from 'supertest';
import { ErrorFilter, Database, MetricsFixture } from '../../server/test/testing';
import { loginAs } from '../support/auth';
import { startApp, type TestApp } from '../support/test-app';

describe('HTTP hardening', () => {
  let harness: TestApp;
  let open: TestApp;
  const http = () => request(harness.app.getHttpServer());

  beforeAll(async () => {
    harness = await startApp('sqlite');
    open = await startApp('sqlite', { auth: { corsOrigins: ['https://dashboards.example.com'] } });
  });

  afterAll(async () => {
    await harness.close();
    await open.close();
  });

  it('sends helmet headers and no cache for API answers', async () => {
    const response = await http().get('/api/health').expect(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('keeps CORS closed by default, and open only to the origins of UPTAKE_CORS_ORIGINS', async () => {
    const simple = await http().get('/api/health').set('Origin', 'https://evil.example').expect(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await http().options('/api/users').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();

    const allowed = await request(open.app.getHttpServer()).get('/api/health').set('Origin', 'https://dashboards.example.com').expect(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dashboards.example.com');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    const other = await request(open.app.getHttpServer()).get('/api/health').set('Origin', 'https://evil.example').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers bad requests in the one error format, without a stack trace', async () => {
    const tooLarge = await http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(1_100_000) }))
      .expect(413);
    expect(tooLarge.body).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'request entity too large' } });
    const badJson = await http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    expect(badJson.body.error.code).toBe('BAD_REQUEST');
    const unknownField = await http().post('/api/auth/login').send({ email: 'a@example.com', password: 'x', admin: true }).expect(400);
    expect(unknownField.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: '', message: expect.stringContaining('admin') }],
    });
    const missing = await http().get('/api/no-such-route').expect(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    for (const response of [tooLarge, badJson, unknownField, missing]) {
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
  });

  it('treats SQL and HTML metacharacters in names and filters as data', async () => {
    const name = "<script>alert(1)</script>'; DROP TABLE accounts; --";
    const fx = new MetricsFixture(harness.app.get(Database));
    const crm = await fx.connection('meta');
    await fx.users(crm, [{ externalId: 'm1', name: '<b>Mal</b>', department: name }]);
    const admin = await loginAs(harness.app, 'admin');
    const people = await admin.get(`/api/departments/${encodeURIComponent(name)}/people?asOf=2026-01-01`).expect(200);
    expect(people.headers['content-type']).toMatch(/^application\/json/);
    expect(people.body.department).toBe(name);
    expect(people.body.people[0].name).toBe('<b>Mal</b>');
    const { body } = await admin.get(`/api/audit?actor=${encodeURIComponent("' OR 1=1 --")}`).expect(200);
    expect(body.entries).toEqual([]);
    const seen = await admin.get(`/api/audit?action=people.view`).expect(200);
    expect(seen.body.entries[0].department).toBe(name);
    await admin.get('/api/users').expect(200); // the accounts table is still there
  });

  it('answers an unexpected failure with a generic message and keeps the details in the server log', () => {
    const sent: Array<{ status: number; body: unknown }> = [];
    const response = {
      statusCode: 200,
      setHeader: () => undefined,
      status(code: number) {
        this.statusCode = code;
        return this;
      },
      json(body: unknown) {
        sent.push({ status: this.statusCode, body });
      },
    };
    const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
    const filter = new ErrorFilter();
    (filter as unknown as { logger: { error: () => void } }).logger = { error: () => undefined };
    filter.catch(new TypeError("Cannot read properties of undefined (reading 'password_hash') at /srv/uptake/dist/auth.js:12"), host);
    expect(sent).toEqual([{ status: 500, body: { error: { code: 'INTERNAL', message: 'internal error; see the server log' } } }]);
  });
});
