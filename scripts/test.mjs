#!/usr/bin/env node
// Runs every test: unit tests of each package through Nx, then the cross-package tests in test/.
import { spawnSync } from 'node:child_process';
import { nxBin } from './nx-bin.mjs';

const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };
const nx = [nxBin(), 'run-many', '-t', 'test', '--outputStyle=static', '--parallel=1', '--skip-nx-cache'];
const result = spawnSync(process.execPath, nx, { stdio: 'inherit', env });
process.exit(result.status ?? 1);
