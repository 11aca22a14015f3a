// Running and timing the processes a benchmark step compares: Uptake's CLI or server (Node, with
// its peak resident memory) and the sqlite3 shell.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot, uptakeBin } from './server-modules.mjs';

const PEAK_RSS = fileURLToPath(new URL('./peak-rss.cjs', import.meta.url));

/** Runs `uptake <args>` to its end; resolves to { seconds, peakRss (bytes), stdout }. Rejects on a non-zero exit. */
export function runUptake(args, { env = {}, input, workDir } = {}) {
  const rssFile = join(workDir, `rss-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-r', PEAK_RSS, uptakeBin, ...args], {
      cwd: repoRoot,
      env: { ...process.env, UPTAKE_DEMO: 'false', UPTAKE_SCHEDULER: 'false', ...env, UPTAKE_BENCH_RSS_FILE: rssFile },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const peakRss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : null;
      rmSync(rssFile, { force: true });
      if (code === 0) resolvePromise({ seconds, peakRss, stdout });
      else reject(new Error(`uptake ${args.join(' ')} exited with ${code}: ${stderr.trim().slice(-2000)}`));
    });
    child.stdin.end(input ?? '');
  });
}

/** Runs a script in the sqlite3 shell; resolves to { seconds, stdout }. */
export function runShell(dbPath, script) {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('sqlite3', [dbPath], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) =>
      reject(new Error(`the sqlite3 shell could not start (${error.message}): install it with \`apt-get install -y sqlite3\``)),
    );
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code === 0 && !/^(Error|Parse error|Runtime error)/m.test(stderr)) resolvePromise({ seconds, stdout });
      else reject(new Error(`sqlite3 ${dbPath} failed (exit ${code}): ${stderr.trim().slice(0, 2000)}`));
    });
    child.stdin.end(script);
  });
}

/** Starts `uptake serve`; resolves once /api/health answers, to { url, pid, peakRss(), stop() }. */
export async function startServer(dbPath, port, { env = {} } = {}) {
  const child = spawn(process.execPath, [uptakeBin, 'serve', '--port', String(port)], {
    cwd: repoRoot,
    env: { ...process.env, UPTAKE_DEMO: 'false', UPTAKE_SCHEDULER: 'false', HOST: '127.0.0.1', DATABASE_URL: `sqlite:${dbPath}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`uptake serve exited with ${child.exitCode}: ${log.slice(-2000)}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`uptake serve did not answer within 60 s: ${log.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid: child.pid,
    /** The server's peak resident memory so far, in bytes (Linux /proc). */
    peakRss() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const match = /VmHWM:\s+(\d+)\s+kB/.exec(status);
      return match ? Number(match[1]) * 1024 : null;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
