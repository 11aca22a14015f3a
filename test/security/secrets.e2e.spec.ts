import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import {
  FixedClock,
  ConnectionRepository,
  Database,
  ConnectionOptionsSealer,
  SecretBox,
  SyncRepository,
  at,
} from '../../server/test/testing';
import { loginAs, type SignedInAgent } from '../support/auth';
import { startApp, testEngines, type TestApp } from '../support/test-app';
import { allowPrivateCrmHosts } from '../support/private-crm-hosts';

const SECRET = 'S3cret-Value-do-not-leak-7f2c';
const REFRESH = 'Refresh-Token-do-not-leak-91ab';
const BIN = resolve(__dirname, '../../server/bin/uptake.js');

/** Everything the process prints while `work` runs: Nest logs, console, stdout and stderr. */
async function capturePrinted<T>(work: () => Promise<T>): Promise<{ result: T; printed: string }> {
  const lines: string[] = [];
  const keep = (...parts: unknown[]) =>
    lines.push(parts.map((part) => (part instanceof Error ? `${part.message}\n${part.stack}` : String(part))).join(' '));
  Logger.overrideLogger({ log: keep, error: keep, warn: keep, debug: keep, verbose: keep, fatal: keep });
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (keep(chunk.toString()), true)),
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (keep(chunk.toString()), true)),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => jest.spyOn(console, method).mockImplementation(keep)),
  ];
  try {
    return { result: await work(), printed: lines.join('\n') };
  } finally {
    for (const spy of spies) spy.mockRestore();
    Logger.overrideLogger(false);
  }
}

allowPrivateCrmHosts();

describe.each(testEngines())('CRM credentials at rest on %s', (engine) => {
  let harness: TestApp;
  let admin: SignedInAgent;
  let crm: Server;
  let crmUrl: string;

  beforeAll(async () => {
    // A CRM that refuses every credential, like an org whose connected app was deleted.
    crm = createServer((_request, response) => {
      response.writeHead(400, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: 'invalid_client', error_description: 'invalid client credentials' }));
    });
    await new Promise<void>((done) => crm.listen(0, '127.0.0.1', done));
    crmUrl = `http://127.0.0.1:${(crm.address() as AddressInfo).port}`;
    harness = await startApp(engine, { clock: new FixedClock(at('2026-03-10T12:00:00Z')) });
    admin = await loginAs(harness.app, 'admin');
  });

  afterAll(async () => {
    await harness.close();
    await new Promise((done) => crm.close(done));
  });

  it('stores connection options encrypted, answers only "set", and never prints a credential while testing and syncing', async () => {
    const { result: id, printed } = await capturePrinted(async () => {
      const created = await admin
        .post('/api/connections')
        .send({
          name: 'sf',
          kind: 'salesforce',
          options: { instance_url: crmUrl, client_id: 'app-id', client_secret: SECRET, refresh_token: REFRESH },
        })
        .expect(201);
      expect(created.body.options).toMatchObject({ instance_url: crmUrl, client_id: 'app-id', client_secret: 'set', refresh_token: 'set' });

      const tested = await admin.post(`/api/connections/${created.body.id}/test`).expect(200);
      expect(tested.body.ok).toBe(false);
      await admin.post(`/api/connections/${created.body.id}/sync`).expect(202);
      const runs = harness.app.get(SyncRepository);
      for (let wait = 0; wait < 100 && (await runs.lastRun(created.body.id))?.status === 'running'; wait += 1)
        await new Promise((done) => setTimeout(done, 50));
      const run = await admin.get(`/api/connections/${created.body.id}/runs`).expect(200);
      expect(run.body[0].status).toBe('failed');

      const answers = [
        created.text,
        tested.text,
        run.text,
        (await admin.get('/api/connections').expect(200)).text,
        (await admin.get('/api/overview').expect(200)).text,
        (await admin.get('/api/audit?limit=500').expect(200)).text,
      ];
      for (const answer of answers) {
        expect(answer).not.toContain(SECRET);
        expect(answer).not.toContain(REFRESH);
      }
      return created.body.id as number;
    });
    expect(printed).not.toContain(SECRET);
    expect(printed).not.toContain(REFRESH);

    const [row] = await harness.app.get(Database).query<{ options: string }>('SELECT options FROM connections WHERE id = :id', { id });
    expect(row.options.startsWith('enc:v1:')).toBe(true);
    expect(row.options).not.toContain(SECRET);
    expect(row.options).not.toContain('client_secret');
    // The service itself reads them back.
    expect((await harness.app.get(ConnectionRepository).findById(id))?.options.client_secret).toBe(SECRET);
  });

  it('cannot read the options with another key, and says which key it tried', async () => {
    const other = new ConnectionRepository(harness.app.get(Database), new SecretBox(randomBytes(32), 'a test key'));
    await expect(other.findByName('sf')).rejects.toThrow(
      /options of connection "sf": cannot be decrypted with the secret key from a test key/,
    );
  });

  it('encrypts options stored in clear by an older version at the next start', async () => {
    const db = harness.app.get(Database);
    await db.query(`INSERT INTO connections (name, kind, options, created_at) VALUES ('legacy', 'hubspot', :options, 0)`, {
      options: JSON.stringify({ access_token: SECRET }),
    });
    const sealed = await harness.app.get(ConnectionOptionsSealer).sealPlainOptions();
    expect(sealed).toBe(1);
    const [row] = await db.query<{ options: string }>("SELECT options FROM connections WHERE name = 'legacy'");
    expect(row.options).toMatch(/^enc:v1:/);
    expect((await harness.app.get(ConnectionRepository).findByName('legacy'))?.options).toEqual({ access_token: SECRET });
  });

  if (engine === 'sqlite') {
    it('keeps the generated key next to the SQLite file, readable by its owner only, and the CLI lists "set"', () => {
      const file = `${harness.config.databaseUrl.slice('sqlite:'.length)}.key`;
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const cli = spawnSync(process.execPath, [BIN, 'connection', 'list'], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: harness.config.databaseUrl },
        timeout: 60_000,
      });
      expect(cli.status).toBe(0);
      expect(cli.stdout).toContain('"client_secret":"set"');
      expect(cli.stdout + cli.stderr).not.toContain(SECRET);
    });
  }
});
