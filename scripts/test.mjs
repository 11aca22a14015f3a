#!/usr/bin/env node
// Runs every check: lint (ESLint with the module boundaries, Prettier), the unit tests of each
// package through Nx, then the cross-package tests in test/.
import { spawnSync } from 'node:child_process';
import { nxBin } from './nx-bin.mjs';

const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const lint = spawnSync(npm, ['run', '--silent', 'lint'], { stdio: 'inherit', env });
if (lint.status !== 0) {
  console.error('npm test: lint failed (`npm run lint`; `npm run format` fixes the formatting)');
  process.exit(lint.status ?? 1);
}

const nx = [nxBin(), 'run-many', '-t', 'test', '--outputStyle=static', '--parallel=1', '--skip-nx-cache'];
const result = spawnSync(process.execPath, nx, { stdio: 'inherit', env });
process.exit(result.status ?? 1);
