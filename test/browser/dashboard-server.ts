import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
const SERVER_MAIN = join(ROOT, 'server', 'dist', 'main.js');
const WEB_INDEX = join(ROOT, 'web', 'dist', 'index.html');

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The first admin, created at the first start from UPTAKE_ADMIN_EMAIL / UPTAKE_ADMIN_PASSWORD. */
export const ADMIN = { email: 'e2e-admin@uptake.test', password: 'browser tests only, not a secret' };

export interface DashboardServer {
  baseUrl: string;
  /** GET of the API as the signed-in admin, parsed as JSON; throws naming the path on a non-2xx answer. */
  api<T>(path: string): Promise<T>;
  /** A request as the signed-in admin (session cookie, and the CSRF header on unsafe methods). */
  request(path: string, init?: RequestInit): Promise<Response>;
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts the built server (`node server/dist/main.js`) on a free port with a fresh SQLite database
 * and the demo CRM, and waits until the API answers with department data.
 */
export async function startDashboardServer({ timeoutMs = 240_000 } = {}): Promise<DashboardServer> {
  for (const file of [SERVER_MAIN, WEB_INDEX]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build first (node scripts/build.mjs, or npm run build)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'uptake-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'e2e.sqlite')}`,
      UPTAKE_DEMO: 'true',
      UPTAKE_WEB_DIST: join(ROOT, 'web', 'dist'),
      UPTAKE_ADMIN_EMAIL: ADMIN.email,
      UPTAKE_ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));

  let cookie = '';
  let csrfToken = '';
  const signIn = async (): Promise<boolean> => {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (response.status !== 200) return false;
    cookie = response.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');
    csrfToken = ((await response.json()) as { csrfToken: string }).csrfToken;
    return true;
  };
  const request = (path: string, init: RequestInit = {}) => {
    const unsafe = init.method !== undefined && init.method.toUpperCase() !== 'GET';
    const headers = {
      ...(init.headers as Record<string, string> | undefined),
      Cookie: cookie,
      ...(unsafe ? { 'X-CSRF-Token': csrfToken } : {}),
    };
    return fetch(`${baseUrl}${path}`, { ...init, headers });
  };
  const api = async <T>(path: string): Promise<T> => {
    const response = await request(path);
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`the server exited with code ${exited} before it was ready:\n${output.slice(-4000)}`);
    }
    try {
      if (!cookie && !(await signIn())) throw new Error('not signed in yet');
      const departments = await api<{ departments: unknown[] }>('/api/departments');
      if (departments.departments.length > 0) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not serve department data within ${timeoutMs} ms:\n${output.slice(-4000)}`);
    }
    await sleep(500);
  }
  return { baseUrl, api, request, log: () => output, stop };
}
