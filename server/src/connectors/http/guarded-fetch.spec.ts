import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGuardedFetch } from './guarded-fetch';
import { guardedLookup } from './outbound-policy';

describe(createGuardedFetch.name, () => {
  const saved = process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
  let server: Server;
  let port: number;
  let received: string[];

  beforeEach(async () => {
    received = [];
    server = createServer((req, res) => {
      received.push(`${req.method} ${req.url}`);
      if (req.url === '/moved') res.writeHead(302, { Location: 'http://169.254.169.254/latest' }).end();
      else res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    if (saved === undefined) delete process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
    else process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS = saved;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** DNS that answers every name with the loopback address of the test server, as a rebinding attacker's DNS would. */
  const rebindingDns = (
    hostname: string,
    _options: unknown,
    callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
  ) =>
    callback(
      null,
      [
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ].slice(hostname === 'crm.example.test' ? 1 : 0),
    );

  it('refuses a name that resolves to a private address when connecting, before anything is sent', async () => {
    delete process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
    const sut = createGuardedFetch(guardedLookup(rebindingDns));
    const error = await sut(`http://crm.example.test:${port}/x`, { method: 'GET' }).then(
      () => null,
      (thrown: Error) => thrown,
    );
    expect((error?.cause as { code?: string }).code).toBe('CRM_HOST_PRIVATE');
    expect((error?.cause as Error).message).toBe(
      'refused to connect to crm.example.test (127.0.0.1): a private, loopback or link-local address; set UPTAKE_ALLOW_PRIVATE_CRM_HOSTS=true to allow CRM hosts on the internal network',
    );
    expect(received).toEqual([]);
  });

  it('refuses a name when any one of its addresses is private', async () => {
    delete process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
    const sut = createGuardedFetch(guardedLookup(rebindingDns));
    const error = await sut(`http://mixed.example.test:${port}/x`, { method: 'GET' }).then(
      () => null,
      (thrown: Error) => thrown,
    );
    expect((error?.cause as { code?: string }).code).toBe('CRM_HOST_PRIVATE');
    expect(received).toEqual([]);
  });

  it('connects to the checked address when private hosts are allowed, and returns a redirect instead of following it', async () => {
    process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS = 'true';
    const sut = createGuardedFetch(guardedLookup(rebindingDns));
    const ok = await sut(`http://crm.example.test:${port}/x`, { method: 'POST', body: 'a=1' });
    expect([ok.status, await ok.json()]).toEqual([200, { ok: true }]);
    const moved = await sut(`http://crm.example.test:${port}/moved`, { method: 'GET' });
    expect([moved.status, moved.headers.get('location')]).toEqual([302, 'http://169.254.169.254/latest']);
    expect(received).toEqual(['POST /x', 'GET /moved']);
  });

  describe(guardedLookup.name, () => {
    const lookupOf = (all: boolean) =>
      new Promise<{ error: NodeJS.ErrnoException | null; result: unknown }>((resolve) =>
        guardedLookup()('localhost', { all }, (error: NodeJS.ErrnoException | null, result: unknown) => resolve({ error, result })),
      );

    it('refuses a name the system resolver resolves to loopback, asked for one address or all', async () => {
      delete process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
      for (const all of [false, true]) expect((await lookupOf(all)).error?.code).toBe('CRM_HOST_PRIVATE');
    });

    it('passes the addresses on when private hosts are allowed', async () => {
      process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS = 'true';
      const one = await lookupOf(false);
      expect(one.error).toBeNull();
      expect(['127.0.0.1', '::1']).toContain(one.result);
      const all = await lookupOf(true);
      expect((all.result as LookupAddress[]).map((entry) => entry.address)).toContain('127.0.0.1');
    });
  });
});
