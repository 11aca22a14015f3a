#!/usr/bin/env node
// Builds shared, server and web through Nx (offline, no daemon, cached).
import { spawnSync } from 'node:child_process';
import { nxBin } from './nx-bin.mjs';

const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };
const result = spawnSync(process.execPath, [nxBin(), 'run-many', '-t', 'build', '--outputStyle=static'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
