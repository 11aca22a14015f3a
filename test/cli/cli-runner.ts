import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const BIN = resolve(ROOT, 'server', 'bin', 'uptake.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI like a user does (`npx uptake ...`), in `cwd` (default: the repository root). */
export function uptake(args: string[], env: Record<string, string | undefined> = {}, cwd = ROOT): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: cleanEnv(env), timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The test's environment without a DATABASE_URL of its own, plus `env` (an undefined value removes the variable). */
export function cleanEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: undefined, ...env };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  return merged;
}

export function freePort(): Promise<number> {
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

export interface RunningCli {
  child: ChildProcess;
  output(): string;
  /** The exit code once the process ended, else undefined. */
  exitCode(): number | null | undefined;
  /** Resolves when `text` appears in the output; rejects when the process exits first or after `timeoutMs`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the CLI as a long-running process (`uptake serve`). */
export function startCli(args: string[], env: Record<string, string | undefined> = {}, cwd = ROOT): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exit: number | null | undefined;
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((done) => child.on('exit', (code) => ((exit = code), done())));
  return {
    child,
    output: () => output,
    exitCode: () => exit,
    async waitFor(text, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes(text)) {
        if (exit !== undefined) throw new Error(`the process exited with ${exit} before printing "${text}":\n${output}`);
        if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${output}`);
        await new Promise((done) => setTimeout(done, 100));
      }
    },
    async stop() {
      if (exit === undefined) child.kill('SIGTERM');
      await exited;
    },
  };
}
