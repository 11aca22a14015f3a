import type { ArgumentsHost } from '@nestjs/common';
import request from 'supertest';
import { ErrorFilter, UptakeError, ConnectorError, Database } from '../../server/test/testing';
import { loginAs } from '../support/auth';
import { startApp, testEngines, type TestApp } from '../support/test-app';

/** An error as a driver or the file system throws it: a `code` property that is not Uptake's. */
function rawCoded(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** What the filter sends for `exception`, and what it wrote to the server log. */
function answerOf(exception: unknown): { status: number; body: unknown; logged: string[] } {
  const sent: Array<{ status: number; body: unknown }> = [];
  const logged: string[] = [];
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
  (filter as unknown as { logger: { error: (text: string) => void } }).logger = { error: (text) => logged.push(text) };
  filter.catch(exception, host);
  expect(sent).toHaveLength(1);
  return { ...sent[0], logged };
}

const GENERIC = { error: { code: 'INTERNAL', message: 'internal error; see the server log' } };

describe('error bodies', () => {
  it.each([
    ['a refused database connection', rawCoded('ECONNREFUSED', 'connect ECONNREFUSED 10.20.30.40:5432')],
    ['a PostgreSQL constraint violation', rawCoded('23505', 'duplicate key value violates unique constraint "accounts_email_key"')],
    ['a SQLite failure', rawCoded('SQLITE_CORRUPT', 'database disk image is malformed: /var/lib/uptake/uptake.sqlite')],
    ['a missing key file', rawCoded('ENOENT', "ENOENT: no such file or directory, open '/etc/uptake/secret.key'")],
    ['a code that merely looks like one of Uptake', rawCoded('CONFIG_INVALIDX', '/etc/uptake/secret.key is unreadable')],
  ])('answers %s as a 500 with the generic message, the details in the server log only', (_what, error) => {
    const answer = answerOf(error);
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual(GENERIC);
    expect(answer.logged.join('\n')).toContain(error.message);
    expect(answer.logged.join('\n')).toContain((error as unknown as { code: string }).code);
  });

  it('shows the message of a code of the table, with its status', () => {
    expect(answerOf(new UptakeError('CONNECTION_NOT_FOUND', 'no connection 7'))).toMatchObject({
      status: 404,
      body: { error: { code: 'CONNECTION_NOT_FOUND', message: 'no connection 7' } },
    });
    expect(answerOf(new UptakeError('VALIDATION_FAILED', 'invalid query: asOf', [{ path: 'asOf', message: 'bad' }]))).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', message: 'invalid query: asOf', details: [{ path: 'asOf', message: 'bad' }] } },
    });
    // A configuration error names files and URLs: the operator reads it in the log, the client gets the row's text.
    const config = answerOf(new UptakeError('CONFIG_INVALID', '/etc/uptake/secret.key: expected a 256-bit key as 64 hex characters'));
    expect(config).toMatchObject({
      status: 500,
      body: { error: { code: 'CONFIG_INVALID', message: 'the server is not configured correctly; see the server log' } },
    });
    expect(config.logged.join('\n')).toContain('/etc/uptake/secret.key');
    // A CRM's failure, code built from the vendor's name: the table has its row.
    expect(
      answerOf(new ConnectorError('HUBSPOT_UNREACHABLE', 'could not reach HubSpot at https://api.hubapi.com/crm: ECONNRESET')),
    ).toMatchObject({
      status: 502,
      body: { error: { code: 'HUBSPOT_UNREACHABLE' } },
    });
  });
});

describe.each(testEngines())('GET /api/health when the database fails, on %s', (engine) => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startApp(engine);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await harness.close();
  });

  it('answers 503 DATABASE_UNAVAILABLE without the driver message, address or port', async () => {
    await request(harness.app.getHttpServer()).get('/api/health').expect(200);
    const database = harness.app.get(Database);
    const query = jest.spyOn(database, 'query').mockRejectedValue(rawCoded('ECONNREFUSED', 'connect ECONNREFUSED 10.20.30.40:5432'));
    const response = await request(harness.app.getHttpServer()).get('/api/health').expect(503);
    query.mockRestore();
    expect(response.body).toEqual({ error: { code: 'DATABASE_UNAVAILABLE', message: 'the database does not answer; see the server log' } });
    expect(response.text).not.toContain('10.20.30.40');
    expect(response.text).not.toContain('ECONNREFUSED');
  });
});

describe('PUT /api/plan with a 10 MB body', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startApp('sqlite');
  });

  afterAll(async () => {
    await harness.close();
  });

  it('is refused by the body size cap before anything reads it', async () => {
    const admin = await loginAs(harness.app, 'admin');
    const departments = Array.from({ length: 250_000 }, (_, index) => ({ name: `Department ${index}`, seats: 4 }));
    const started = Date.now();
    const response = await admin
      .put('/api/plan')
      .send({ plan: { launch_date: '2026-01-15', departments }, changedBy: 'x' })
      .expect(413);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(response.body).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'request entity too large' } });
  });
});
