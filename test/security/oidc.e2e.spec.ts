import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';

const CLIENT_ID = 'uptake-dashboard';
const CLIENT_SECRET = 'oidc-client-secret-value';
const REDIRECT = 'http://uptake.test/api/auth/oidc/callback';
const SERVER = resolve(__dirname, '../../server/dist/main.js');
const BIN = resolve(__dirname, '../../server/bin/uptake.js');

interface Identity {
  sub: string;
  email: string;
  /** Claims of the ID token beyond iss, aud, sub, email, nonce, iat and exp; default `{ email_verified: true }` (undefined leaves a claim out). */
  claims?: Record<string, unknown>;
}

interface Grant extends Identity {
  challenge: string;
  nonce: string;
}

/**
 * A minimal OpenID provider on loopback: discovery, JWKS, and a token endpoint that checks the
 * code, the PKCE verifier and the client secret, then signs an RS256 ID token. The "user signs in
 * at the provider" step is `approve()`, which issues a code for the authorization request.
 */
class FakeIssuer {
  readonly grants = new Map<string, Grant>();
  private server!: Server;
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  url = '';

  async start(): Promise<void> {
    this.server = createServer(
      (req, res) => void this.handle(req.method ?? 'GET', new URL(req.url ?? '/', this.url || 'http://127.0.0.1'), req, res),
    );
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }

  /** The provider authenticates `who` for the authorization request at `authorizeUrl`; returns the callback query. */
  approve(authorizeUrl: string, who: Identity): { code: string; state: string } {
    const url = new URL(authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${this.url}/authorize`);
    expect(url.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('scope')).toBe('openid email profile');
    const code = randomBytes(16).toString('hex');
    this.grants.set(code, { challenge: url.searchParams.get('code_challenge') ?? '', nonce: url.searchParams.get('nonce') ?? '', ...who });
    return { code, state: url.searchParams.get('state') ?? '' };
  }

  private async handle(method: string, url: URL, req: NodeJS.ReadableStream, res: import('node:http').ServerResponse): Promise<void> {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return send(200, {
        issuer: this.url,
        authorization_endpoint: `${this.url}/authorize`,
        token_endpoint: `${this.url}/token`,
        jwks_uri: `${this.url}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post'],
      });
    }
    if (method === 'GET' && url.pathname === '/jwks') {
      return send(200, { keys: [{ ...(this.keys.publicKey.export({ format: 'jwk' }) as object), kid: 'k1', alg: 'RS256', use: 'sig' }] });
    }
    if (method === 'POST' && url.pathname === '/token') {
      let text = '';
      for await (const chunk of req) text += chunk;
      const form = new URLSearchParams(text);
      const grant = this.grants.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== CLIENT_SECRET) return send(401, { error: 'invalid_client' });
      if (!grant || grant.challenge !== challenge || form.get('redirect_uri') !== REDIRECT) return send(400, { error: 'invalid_grant' });
      this.grants.delete(form.get('code') ?? '');
      const now = Math.floor(Date.now() / 1000);
      const idToken = jwt(this.keys.privateKey, {
        iss: this.url,
        aud: CLIENT_ID,
        sub: grant.sub,
        email: grant.email,
        email_verified: true,
        ...grant.claims,
        nonce: grant.nonce,
        iat: now,
        exp: now + 300,
      });
      return send(200, { access_token: 'at', token_type: 'Bearer', expires_in: 300, id_token: idToken });
    }
    send(404, { error: 'not_found' });
  }
}

function jwt(key: KeyObject, claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${encode(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

const cookieValue = (cookies: string[] | undefined, name: string) =>
  cookies?.find((cookie) => cookie.startsWith(`${name}=`))?.split(';')[0] ?? '';

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/**
 * The built server in its own Node process, configured by environment variables as an operator
 * would (openid-client is an ES module that Node loads natively; jest's module system cannot).
 */
async function startServer(env: Record<string, string>): Promise<{ url: string; process: ChildProcess; output: () => string }> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', UPTAKE_DEMO: 'false', UPTAKE_SCHEDULER: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the server stopped: ${output}`);
    const ok = await fetch(`${url}/api/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return { url, process: child, output: () => output };
    await new Promise((done) => setTimeout(done, 100));
  }
  child.kill();
  throw new Error(`the server did not answer: ${output}`);
}

async function stopServer(server: { process: ChildProcess } | undefined): Promise<void> {
  if (!server || server.process.exitCode !== null) return;
  const exited = new Promise((done) => server.process.once('exit', done));
  server.process.kill('SIGTERM');
  await exited;
}

describe('single sign-on with OpenID Connect (built server, fake provider on loopback)', () => {
  const issuer = new FakeIssuer();
  let dir: string;
  let env: Record<string, string>;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  const http = () => request(server?.url ?? '');

  beforeAll(async () => {
    await issuer.start();
    dir = mkdtempSync(join(tmpdir(), 'uptake-oidc-'));
    env = {
      DATABASE_URL: `sqlite:${join(dir, 'uptake.sqlite')}`,
      UPTAKE_OIDC_ISSUER: issuer.url,
      UPTAKE_OIDC_CLIENT_ID: CLIENT_ID,
      UPTAKE_OIDC_CLIENT_SECRET: CLIENT_SECRET,
      UPTAKE_OIDC_REDIRECT_URI: REDIRECT,
      UPTAKE_OIDC_LABEL: 'Acme ID',
      UPTAKE_OIDC_ALLOW_HTTP: 'true',
    };
    // A trainer's department must be known: the plan names Sales.
    writeFileSync(join(dir, 'plan.yaml'), 'launch_date: 2026-01-01\ndepartments:\n  - { name: Sales, seats: 1 }\n');
    expect(
      spawnSync(process.execPath, [BIN, 'plan', 'apply', join(dir, 'plan.yaml')], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: env.DATABASE_URL },
      }).status,
    ).toBe(0);
    const added = spawnSync(process.execPath, [BIN, 'user', 'add', 'ann@example.com', '--role', 'trainer', '--department', 'Sales'], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: env.DATABASE_URL },
    });
    expect(added.status).toBe(0);
    server = await startServer(env);
  });

  afterAll(async () => {
    await stopServer(server);
    await issuer.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts at Uptake, "signs in" at the provider, comes back to the callback; returns the callback's answer. */
  async function roundTrip(who: Identity, tamper: { state?: string; dropCookie?: boolean } = {}) {
    const start = await http().get('/api/auth/oidc/login').redirects(0);
    if (start.status !== 302) throw new Error(`login answered ${start.status}: ${start.text}\n${server?.output()}`);
    expect(start.headers['set-cookie']?.[0]).toMatch(/^uptake_oidc=.*; Path=\/api\/auth\/oidc; .*SameSite=Lax; HttpOnly/);
    const transaction = cookieValue(start.headers['set-cookie'] as unknown as string[], 'uptake_oidc');
    const { code, state } = issuer.approve(start.headers.location, who);
    const callback = http()
      .get(`/api/auth/oidc/callback?code=${code}&state=${encodeURIComponent(tamper.state ?? state)}`)
      .redirects(0);
    return tamper.dropCookie ? callback : callback.set('Cookie', transaction);
  }

  it('offers the provider on the login page', async () => {
    expect((await http().get('/api/auth/providers').expect(200)).body.oidc).toEqual({ enabled: true, label: 'Acme ID' });
  });

  /** Runs the CLI on the test database (while the server runs, as an operator would). */
  function cli(...args: string[]): string {
    const result = spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: env.DATABASE_URL },
    });
    if (result.status !== 0) throw new Error(`uptake ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    return result.stdout;
  }

  const sessionOf = (response: request.Response) => cookieValue(response.headers['set-cookie'] as unknown as string[], 'uptake_session');

  it('never links an account that has a password to an identity by email alone: an admin allows it first', async () => {
    // ann was made with `user add`, so she has a (generated) password.
    const refused = await roundTrip({ sub: 'acme|ann', email: 'Ann@Example.com' });
    expect(refused.headers.location).toBe('/login?error=sso_link_required');
    expect(sessionOf(refused)).toBe('');
    cli('user', 'set', 'ann@example.com', '--link-oidc');
    const back = await roundTrip({ sub: 'acme|ann', email: 'Ann@Example.com' });
    expect(back.status).toBe(302);
    expect(back.headers.location).toBe('/');
    const me = await http().get('/api/auth/me').set('Cookie', sessionOf(back)).expect(200);
    expect(me.body.account).toMatchObject({ email: 'ann@example.com', role: 'trainer', departments: ['Sales'], sso: true });
    // Next time the identity (issuer + subject) is what counts, whatever the email says.
    const again = await roundTrip({ sub: 'acme|ann', email: 'ann.new@example.com' });
    expect(again.headers.location).toBe('/');
    // The permission was for one link: another identity with ann's email is refused.
    const other = await roundTrip({ sub: 'acme|impostor', email: 'ann@example.com' });
    expect(other.headers.location).toBe('/login?error=sso_link_required');
  });

  it('never links an admin by email, even one without a password', async () => {
    cli('user', 'add', 'root@example.com', '--role', 'admin');
    expect((await roundTrip({ sub: 'acme|root', email: 'root@example.com' })).headers.location).toBe('/login?error=sso_link_required');
    // An admin without a password, whose link was removed:
    cli('user', 'add', 'boss@example.com', '--role', 'admin', '--link-oidc');
    cli('user', 'set', 'boss@example.com', '--unlink-oidc');
    expect((await roundTrip({ sub: 'acme|boss', email: 'boss@example.com' })).headers.location).toBe('/login?error=sso_link_required');
    cli('user', 'add', 'chief@example.com', '--role', 'admin', '--link-oidc');
    const linked = await roundTrip({ sub: 'acme|chief', email: 'chief@example.com' });
    expect(linked.headers.location).toBe('/');
    expect((await http().get('/api/auth/me').set('Cookie', sessionOf(linked)).expect(200)).body.account).toMatchObject({
      email: 'chief@example.com',
      role: 'admin',
      sso: true,
      hasPassword: false,
    });
  });

  it.each([
    ['missing', { email_verified: undefined }],
    ['the string "true"', { email_verified: 'true' }],
    ['false', { email_verified: false }],
  ])('matches no account by an email whose email_verified is %s', async (_, claims) => {
    cli('user', 'add', `carl-${String(claims.email_verified)}@example.com`, '--role', 'viewer', '--link-oidc');
    const refused = await roundTrip({
      sub: `acme|carl-${String(claims.email_verified)}`,
      email: `carl-${String(claims.email_verified)}@example.com`,
      claims,
    });
    expect(refused.headers.location).toBe('/login?error=sso_email_unverified');
    expect(sessionOf(refused)).toBe('');
  });

  it('links an account without a password that an admin made for single sign-on, by verified email', async () => {
    cli('user', 'add', 'dora@example.com', '--role', 'viewer', '--link-oidc');
    const back = await roundTrip({ sub: 'acme|dora', email: 'dora@example.com', claims: { email_verified: true } });
    expect(back.headers.location).toBe('/');
  });

  it('refuses a callback whose state does not match, or that was not started in this browser, naming no detail in the URL', async () => {
    const forged = await roundTrip({ sub: 'acme|ann', email: 'ann@example.com' }, { state: 'forged' });
    expect(forged.headers.location).toBe('/login?error=sso_failed');
    expect(sessionOf(forged)).toBe('');
    const noCookie = await roundTrip({ sub: 'acme|ann', email: 'ann@example.com' }, { dropCookie: true });
    expect(noCookie.headers.location).toBe('/login?error=sso_expired');
    // The details are in the server log.
    expect(server?.output()).toMatch(/single sign-on failed \(sso_failed\): .*"state"/);
    // The child process writes its log a moment after it answers: wait up to 5 s for the line.
    for (let waited = 0; waited < 5000 && !/sso_expired\): .*not started here/.test(server?.output() ?? ''); waited += 100) {
      await new Promise((resume) => setTimeout(resume, 100));
    }
    expect(server?.output()).toMatch(/single sign-on failed \(sso_expired\): .*not started here/);
  });

  it('refuses an identity without an account, unless UPTAKE_OIDC_DEFAULT_ROLE is set', async () => {
    const refused = await roundTrip({ sub: 'acme|bob', email: 'bob@example.com' });
    expect(refused.headers.location).toBe('/login?error=sso_no_account');
    await stopServer(server);
    server = await startServer({ ...env, UPTAKE_OIDC_DEFAULT_ROLE: 'viewer' });
    const created = await roundTrip({ sub: 'acme|bob', email: 'bob@example.com' });
    expect(created.headers.location).toBe('/');
    const me = await http().get('/api/auth/me').set('Cookie', sessionOf(created)).expect(200);
    expect(me.body.account).toMatchObject({ email: 'bob@example.com', role: 'viewer', sso: true, hasPassword: false });
    // An unverified email makes no account either.
    expect(
      (await roundTrip({ sub: 'acme|mallory', email: 'mallory@example.com', claims: { email_verified: 'yes' } })).headers.location,
    ).toBe('/login?error=sso_email_unverified');
  });

  it('signs in only emails of UPTAKE_OIDC_ALLOWED_DOMAINS when it is set', async () => {
    await stopServer(server);
    server = await startServer({ ...env, UPTAKE_OIDC_DEFAULT_ROLE: 'viewer', UPTAKE_OIDC_ALLOWED_DOMAINS: ' Example.com , example.org ' });
    expect((await roundTrip({ sub: 'other|eve', email: 'eve@evil.example' })).headers.location).toBe('/login?error=sso_domain_not_allowed');
    expect((await roundTrip({ sub: 'other|eve', email: 'eve@sub.example.com' })).headers.location).toBe(
      '/login?error=sso_domain_not_allowed',
    );
    // Also an identity linked before the list was set, now with an email elsewhere.
    expect((await roundTrip({ sub: 'acme|bob', email: 'bob@evil.example' })).headers.location).toBe('/login?error=sso_domain_not_allowed');
    expect((await roundTrip({ sub: 'acme|bob', email: 'bob@example.com' })).headers.location).toBe('/');
    expect((await roundTrip({ sub: 'acme|erin', email: 'erin@EXAMPLE.org' })).headers.location).toBe('/');
  });
});
