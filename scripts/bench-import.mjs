#!/usr/bin/env node
// Benchmark of the CSV import: generates a folder with users and logins (1,000,000 logins by default),
// imports it into a fresh database with the built server code (`npm run build` first), then imports
// it again, and prints rows per second and the peak resident memory of the process.
//
//   node scripts/bench-import.mjs [--logins N] [--users N] [--db URL] [--keep]
//
// --db defaults to a SQLite file in the temporary folder; give a postgres:// URL of an empty database
// to measure PostgreSQL. The first import of a folder into a new connection reads the files twice
// (a check pass, so that bad input leaves no connection behind, then the one-transaction import);
// the re-import reads them once and upserts rows that already exist.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLines } from './bench/write-lines.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(repoRoot, 'server', 'dist');
const require = createRequire(join(repoRoot, 'server', 'package.json'));

function usage(message) {
  process.stderr.write(`${message}\nusage: node scripts/bench-import.mjs [--logins N] [--users N] [--db URL] [--keep]\n`);
  process.exit(2);
}

function parseArguments(argv) {
  const options = { logins: 1_000_000, users: 5_000, db: null, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--keep') options.keep = true;
    else if (argument === '--db') options.db = argv[++i] ?? usage('--db needs a URL');
    else if (argument === '--logins' || argument === '--users') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) usage(`${argument} needs a whole number above 0`);
      options[argument.slice(2)] = value;
    } else usage(`unknown argument ${argument}`);
  }
  return options;
}

async function generate(dir, users, logins) {
  const departments = ['Sales EMEA', 'Sales Americas', 'Sales APAC', 'Marketing', 'Support', 'Finance', 'Operations', 'Partners'];
  await writeLines(join(dir, 'users.csv'), 'id,name,email,department,role,manager_id,active,licensed,integration,created_at', users, (i) =>
    [
      `u${i}`,
      `User ${i}`,
      `u${i}@example.com`,
      departments[i % departments.length],
      i % 50 === 0 ? 'Manager' : 'Rep',
      i % 50 === 0 ? '' : `u${i - (i % 50)}`,
      i % 97 === 0 ? 'false' : 'true',
      'true',
      i === 1 ? 'true' : 'false',
      '2024-01-15',
    ].join(','),
  );
  // One login every 13 seconds from 2025-01-01, spread over the users; every 20th fails, every 7th is mobile.
  const start = Date.UTC(2025, 0, 1);
  await writeLines(join(dir, 'logins.csv'), 'user_id,login_at,status,channel', logins, (i) =>
    [
      `u${(i * 7919) % users}`,
      new Date(start + i * 13_000).toISOString(),
      i % 20 === 0 ? 'Failed' : 'Success',
      i % 7 === 0 ? 'mobile' : 'web',
    ].join(','),
  );
}

function loadServer() {
  if (!existsSync(join(dist, 'import', 'import.service.js'))) {
    usage(`the server is not built (${join(dist, 'import', 'import.service.js')} is missing): run \`npm run build\` first`);
  }
  require('reflect-metadata');
  const load = (path) => require(join(dist, path));
  return {
    Database: load('database/database.service.js').Database,
    ConnectionRepository: load('connections/connection.repository.js').ConnectionRepository,
    SyncRepository: load('sync/sync.repository.js').SyncRepository,
    IngestRepository: load('sync/ingest.repository.js').IngestRepository,
    PlanRepository: load('plan/plan.repository.js').PlanRepository,
    SyncService: load('sync/sync.service.js').SyncService,
    ImportService: load('import/import.service.js').ImportService,
    Clock: load('common/clock.js').Clock,
    Logger: require('@nestjs/common').Logger,
  };
}

function seconds(ms) {
  return (ms / 1000).toFixed(1);
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const server = loadServer();
  server.Logger.overrideLogger(['error']);
  const dir = mkdtempSync(join(tmpdir(), 'uptake-bench-'));
  const folder = join(dir, 'drop');
  const url = options.db ?? `sqlite:${join(dir, 'bench.sqlite')}`;
  let db;
  try {
    let started = Date.now();
    mkdirSync(folder);
    await generate(folder, options.users, options.logins);
    process.stdout.write(
      `generated ${options.users} users and ${options.logins} logins in ${seconds(Date.now() - started)} s (${folder})\n`,
    );

    db = await server.Database.open(url);
    const clock = new server.Clock();
    const connections = new server.ConnectionRepository(db);
    // Snapshots are not part of the import benchmark: a stand-in that does nothing.
    const snapshots = { backfillMissing: async () => undefined, recomputeToday: async () => undefined };
    const sync = new server.SyncService(
      db,
      connections,
      new server.SyncRepository(db),
      new server.IngestRepository(),
      new server.PlanRepository(db),
      snapshots,
      clock,
    );
    const imports = new server.ImportService(connections, sync, clock);
    const rows = options.users + options.logins;

    for (const phase of ['first import (check pass + import)', 're-import of the same folder']) {
      started = Date.now();
      const run = await imports.importFolder(folder, { connection: 'bench' });
      const elapsed = Date.now() - started;
      const counts = Object.entries(run.counts)
        .filter(([, n]) => n > 0)
        .map(([entity, n]) => `${n} ${entity}`)
        .join(', ');
      process.stdout.write(
        `${phase}: ${counts} in ${seconds(elapsed)} s = ${Math.round(rows / (elapsed / 1000)).toLocaleString('en')} rows/s\n`,
      );
    }
    const [{ n }] = await db.query('SELECT COUNT(*) AS n FROM login_events');
    process.stdout.write(`login_events stored: ${Number(n)}\n`);
    process.stdout.write(`database: ${url.startsWith('postgres') ? 'postgres' : url}\n`);
    process.stdout.write(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`);
  } finally {
    await db?.close();
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
