#!/usr/bin/env node
// `npm run bench`: the four figures of Uptake at scale, each against its target, on this machine.
//
//   node scripts/bench/run.mjs [--scale F] [--users N] [--logins N] [--opportunities N] [--records N]
//                              [--import-logins N] [--departments N] [--duration S] [--rate R]
//                              [--repeat N] [--dir DIR] [--keep] [--reuse] [--steps LIST] [--json] [--json-out FILE]
//
// Full size (scale 1): 50,000 seat holders in 40 departments, 10M logins over a year, 1M
// opportunities, 2M accounts and contacts with required fields, training for all; a 1M-row
// logins.csv for the import. --scale multiplies every size (UPTAKE_BENCH_SCALE does too); a size
// given on its own wins. --json prints the report as JSON instead of the table; --json-out writes it to a file too.
// --dir keeps the work in that folder; with --reuse, an organisation.sqlite already there (of the same sizes) is used again.
// --steps import,snapshots,api runs some of the steps only (the API step needs the snapshots of an earlier run). Needs `npm run build` and the sqlite3 shell (`apt-get install -y sqlite3`).
//
// 1. Import: `uptake import` of users.csv + logins.csv into a fresh SQLite database, against the
//    sqlite3 shell's `.import` of the same files into equivalent tables with the same indexes.
// 2. Snapshots: `uptake snapshot` of one day and of 365 days, against reference-snapshots.sql run
//    by the sqlite3 shell; both results are compared value by value.
// 3. API: autocannon against the overview and department endpoints of `uptake serve`, at a fixed
//    rate (p50/p99) and flat out (throughput), after a first (cold) request and 10 s of warm-up.
//    Then the first request of past days never asked for before (served from their stored snapshots).
// 4. Late data (needs the 365 days of snapshots): logins arriving late are added and the stored days
//    they touch marked, as a sync does; `uptake snapshot --pending` recomputes them, against
//    reference-snapshots.sql over the same days: the days of one hourly sync after midnight (the
//    last hour of the last day) and a whole day of logins a month back.
// 5. Memory: the peak resident memory of each Uptake process above.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, freemem, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { generateOrganisation } from './generate.mjs';
import { runShell, runUptake, startServer } from './measure.mjs';
import { DAY_MS, departmentName, FIRST_DAY, FULL_SIZES, LAST_DAY } from './organisation.mjs';
import { assertBuilt, repoRoot } from './server-modules.mjs';
import { writeLines } from './write-lines.mjs';

/** Seconds of unmeasured requests at the target rate before each endpoint's measured runs. */
const WARM_UP_SECONDS = 10;
const TARGETS = {
  importRatio: 2.0,
  snapshotRatio: 1.5,
  p99Ms: 25,
  rate: 500,
  memoryBytes: 1024 ** 3,
  pastDayColdMs: 1000,
  restateRatio: 2.0,
  lateDaySeconds: 10,
};
/** Past days (never asked for before) whose overview and departments report are requested once each, cold. */
const PAST_DAYS = Array.from({ length: 10 }, (_, index) =>
  new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + (20 + index * 33) * DAY_MS).toISOString().slice(0, 10),
);
const SIZE_FLAGS = {
  '--users': 'users',
  '--logins': 'logins',
  '--opportunities': 'opportunities',
  '--records': 'records',
  '--import-logins': 'importLogins',
  '--departments': 'departments',
};

function usage(message) {
  process.stderr.write(
    `${message}\nusage: node scripts/bench/run.mjs [--scale F] [--users N] [--logins N] [--opportunities N] [--records N] [--import-logins N] [--departments N] [--duration S] [--rate R] [--repeat N] [--dir DIR] [--keep] [--reuse] [--steps LIST] [--json] [--json-out FILE]\n`,
  );
  process.exit(2);
}

export function parseArguments(argv, env = process.env) {
  const options = {
    scale: env.UPTAKE_BENCH_SCALE ? Number(env.UPTAKE_BENCH_SCALE) : 1,
    sizes: {},
    duration: 10,
    rate: TARGETS.rate,
    repeat: 1,
    dir: null,
    keep: false,
    json: false,
    jsonOut: null,
    reuse: false,
    steps: ['import', 'snapshots', 'late', 'api'],
  };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    const value = () => argv[++i] ?? usage(`${argument} needs a value`);
    if (argument === '--json') options.json = true;
    else if (argument === '--keep') options.keep = true;
    else if (argument === '--reuse') options.reuse = true;
    else if (argument === '--steps') {
      options.steps = value()
        .split(',')
        .map((step) => step.trim());
      const unknown = options.steps.filter((step) => !['import', 'snapshots', 'late', 'api'].includes(step));
      if (unknown.length) usage(`--steps takes import, snapshots, late and api, not ${unknown.join(', ')}`);
    } else if (argument === '--dir') options.dir = value();
    else if (argument === '--json-out') options.jsonOut = value();
    else if (argument === '--scale') options.scale = Number(value());
    else if (argument === '--duration') options.duration = Number(value());
    else if (argument === '--rate') options.rate = Number(value());
    else if (argument === '--repeat') options.repeat = Number(value());
    else if (SIZE_FLAGS[argument]) options.sizes[SIZE_FLAGS[argument]] = Number(value());
    else usage(`unknown argument ${argument}`);
  }
  if (!(options.scale > 0)) usage('--scale needs a number above 0');
  for (const [name, number] of Object.entries({
    duration: options.duration,
    rate: options.rate,
    repeat: options.repeat,
    ...options.sizes,
  })) {
    if (!(Number.isFinite(number) && number > 0)) usage(`--${name} needs a number above 0`);
  }
  const scaled = (name, minimum) =>
    Math.max(minimum, Math.round(options.sizes[name] ?? FULL_SIZES[name] * (name === 'departments' ? 1 : options.scale)));
  options.sizes = {
    users: scaled('users', 50),
    departments: Math.min(scaled('departments', 1), scaled('users', 50)),
    logins: scaled('logins', 100),
    opportunities: scaled('opportunities', 10),
    records: scaled('records', 10),
    importLogins: scaled('importLogins', 100),
  };
  return options;
}

const mb = (bytes) => (bytes === null ? 'n/a' : `${Math.round(bytes / 1024 ** 2)} MB`);
const sec = (seconds) => `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
const log = (options, line) => {
  if (!options.json) process.stdout.write(`${line}\n`);
  else process.stderr.write(`${line}\n`);
};

/** The best (smallest) of `repeat` runs, alternating the two sides so that both see the same machine. */
async function bestOf(repeat, sides) {
  const best = {};
  for (let round = 0; round < repeat; round++) {
    for (const [name, run] of Object.entries(sides)) {
      const result = await run();
      if (!best[name] || result.seconds < best[name].seconds)
        best[name] = { ...result, peakRss: Math.max(result.peakRss ?? 0, best[name]?.peakRss ?? 0) || result.peakRss };
    }
  }
  return best;
}

/** users.csv and a time-ordered logins.csv of `importLogins` rows over the year. */
async function writeImportFolder(folder, sizes) {
  mkdirSync(folder, { recursive: true });
  await writeLines(
    join(folder, 'users.csv'),
    'id,name,email,department,role,manager_id,active,licensed,integration,created_at',
    sizes.users,
    (i) =>
      [
        `u${i}`,
        `User ${i}`,
        `u${i}@example.com`,
        departmentName(i % sizes.departments),
        i % 25 === 0 ? 'Manager' : 'Rep',
        i % 25 === 0 ? '' : `u${i - (i % 25)}`,
        i % 53 === 0 ? 'false' : 'true',
        'true',
        i % 1000 === 999 ? 'true' : 'false',
        '2024-09-01',
      ].join(','),
  );
  const start = Date.parse(`${FIRST_DAY}T00:00:00Z`);
  const step = Math.floor((365 * DAY_MS) / sizes.importLogins);
  await writeLines(join(folder, 'logins.csv'), 'user_id,login_at,status,channel', sizes.importLogins, (i) =>
    [
      `u${(i * 7919) % sizes.users}`,
      new Date(start + i * step + (i % 997)).toISOString(),
      i % 20 === 0 ? 'Failed' : 'Success',
      i % 10 === 0 ? 'mobile' : i % 10 === 1 ? 'api' : 'web',
    ].join(','),
  );
}

/** The shell's side of the import: tables with the CSV columns and the indexes of Uptake's tables. */
function shellImportScript(folder) {
  return `PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE users (id TEXT NOT NULL, name TEXT, email TEXT, department TEXT, role TEXT, manager_id TEXT, active TEXT, licensed TEXT, integration TEXT, created_at TEXT, UNIQUE (id));
CREATE INDEX users_department ON users (department);
CREATE TABLE logins (user_id TEXT NOT NULL, login_at TEXT NOT NULL, status TEXT, channel TEXT, UNIQUE (user_id, login_at, status, channel));
CREATE INDEX logins_login_at ON logins (login_at);
CREATE INDEX logins_user_login_at ON logins (user_id, login_at);
.import --csv --skip 1 ${join(folder, 'users.csv')} users
.import --csv --skip 1 ${join(folder, 'logins.csv')} logins
SELECT COUNT(*) FROM logins;
`;
}

function referenceScript(from, to) {
  const first = Date.parse(`${from}T00:00:00Z`) / DAY_MS;
  const last = Date.parse(`${to}T00:00:00Z`) / DAY_MS;
  const template = readFileSync(new URL('./reference-snapshots.sql', import.meta.url), 'utf8');
  return template
    .replaceAll('{{FIRST_DAY}}', from)
    .replaceAll('{{LAST_DAY}}', to)
    .replaceAll('{{FIRST}}', String(first))
    .replaceAll('{{LAST}}', String(last))
    .replaceAll('{{START30}}', String((first - 29) * DAY_MS))
    .replaceAll('{{END}}', String((last + 1) * DAY_MS));
}

/** Rows of Uptake's snapshots and the reference's from `from` to `to`, and how many differ (values to 1e-9, seat holders exactly). */
async function compareSnapshots(dbPath, from, to) {
  const { stdout } = await runShell(
    dbPath,
    `SELECT COUNT(*), (SELECT COUNT(*) FROM ref_snapshots WHERE day BETWEEN '${from}' AND '${to}'),
       SUM(CASE WHEN r.day IS NULL OR (r.value IS NULL) <> (m.value IS NULL) OR ABS(r.value - m.value) > 1e-9 OR r.seat_holders <> m.seat_holders THEN 1 ELSE 0 END)
     FROM metric_snapshots m LEFT JOIN ref_snapshots r USING (day, department, metric)
     WHERE m.day BETWEEN '${from}' AND '${to}' AND m.seat_holders > 0;`,
  );
  const [uptake, reference, differing] = stdout.trim().split('|').map(Number);
  return { uptake, reference, differing, agree: uptake === reference && differing === 0 };
}

async function importStep(options, work) {
  const folder = join(work, 'drop');
  await writeImportFolder(folder, options.sizes);
  const best = await bestOf(options.repeat, {
    uptake: async () => {
      rmSync(join(work, 'import-uptake.sqlite'), { force: true });
      rmSync(join(work, 'import-uptake.sqlite-wal'), { force: true });
      rmSync(join(work, 'import-uptake.sqlite-shm'), { force: true });
      return runUptake(['--db', `sqlite:${join(work, 'import-uptake.sqlite')}`, 'import', folder], { workDir: work });
    },
    shell: async () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(join(work, `import-shell.sqlite${suffix}`), { force: true });
      return runShell(join(work, 'import-shell.sqlite'), shellImportScript(folder));
    },
  });
  const ratio = best.uptake.seconds / best.shell.seconds;
  return {
    figure: 'import',
    measured: `uptake import ${sec(best.uptake.seconds)} vs sqlite3 .import ${sec(best.shell.seconds)} = ${ratio.toFixed(2)}x (${options.sizes.users.toLocaleString('en')} users + ${options.sizes.importLogins.toLocaleString('en')} logins)`,
    target: `<= ${TARGETS.importRatio.toFixed(1)}x`,
    met: ratio <= TARGETS.importRatio,
    values: {
      uptakeSeconds: best.uptake.seconds,
      shellSeconds: best.shell.seconds,
      ratio,
      rows: options.sizes.users + options.sizes.importLogins,
    },
    peakRss: { import: best.uptake.peakRss },
  };
}

async function snapshotStep(options, orgDb, work) {
  const results = {};
  for (const [name, from] of [
    ['day', LAST_DAY],
    ['backfill', FIRST_DAY],
  ]) {
    const best = await bestOf(options.repeat, {
      uptake: () => runUptake(['--db', `sqlite:${orgDb}`, 'snapshot', '--from', from, '--to', LAST_DAY], { workDir: work }),
      shell: () => runShell(orgDb, referenceScript(from, LAST_DAY)),
    });
    results[name] = { ...best, check: await compareSnapshots(orgDb, from, LAST_DAY), ratio: best.uptake.seconds / best.shell.seconds };
  }
  const { day, backfill } = results;
  const agree = day.check.agree && backfill.check.agree;
  return {
    figure: 'snapshots',
    measured:
      `one day ${sec(day.uptake.seconds)} vs script ${sec(day.shell.seconds)} = ${day.ratio.toFixed(2)}x; ` +
      `365 days ${sec(backfill.uptake.seconds)} vs script ${sec(backfill.shell.seconds)} = ${backfill.ratio.toFixed(2)}x; ` +
      (agree
        ? `all ${backfill.check.uptake.toLocaleString('en')} values agree to 1e-9`
        : `VALUES DIFFER: ${JSON.stringify({ day: day.check, backfill: backfill.check })}`),
    target: `<= ${TARGETS.snapshotRatio.toFixed(1)}x each, same values`,
    met: agree && day.ratio <= TARGETS.snapshotRatio && backfill.ratio <= TARGETS.snapshotRatio,
    values: {
      daySeconds: day.uptake.seconds,
      dayScriptSeconds: day.shell.seconds,
      dayRatio: day.ratio,
      backfillSeconds: backfill.uptake.seconds,
      backfillScriptSeconds: backfill.shell.seconds,
      backfillRatio: backfill.ratio,
      compared: backfill.check,
    },
    peakRss: { snapshotDay: day.uptake.peakRss, snapshotBackfill: backfill.uptake.peakRss },
  };
}

/**
 * Adds late logins (copies of the logins from `from` to `to`, one second later, with new ids) and
 * marks the stored days they touch as a sync would (the day before the first to 30 days after the
 * last, as touched by logins only: dirty-days.ts); then `uptake snapshot --pending` against the
 * reference (which computes every metric) over those days.
 */
async function restateOnce(options, orgDb, work, label, from, to) {
  const tag = `late-${label.replace(/\W+/g, '-')}-${Date.now()}-`;
  const first = Date.parse(from);
  const last = Date.parse(to);
  const { stdout } = await runShell(
    orgDb,
    `INSERT INTO login_events (connection_id, external_id, user_external_id, login_at, success, channel)
     SELECT connection_id, '${tag}' || external_id, user_external_id, login_at + 1000, success, channel
     FROM login_events WHERE login_at >= ${first} AND login_at < ${last} AND external_id NOT LIKE 'late-%';
     INSERT INTO snapshot_dirty_days (day, generation, scope, cause, cause_ref, marked_at)
     SELECT DISTINCT day, 1, 'logins', 'sync', 'bench', ${Date.now()} FROM metric_snapshots
     WHERE department = '*' AND day >= date(${first} / 1000, 'unixepoch', '-1 day') AND day <= date(${last} / 1000, 'unixepoch', '+30 days')
     ON CONFLICT (day) DO UPDATE SET generation = snapshot_dirty_days.generation + 1,
       scope = CASE WHEN snapshot_dirty_days.scope = 'logins' THEN 'logins' ELSE 'all' END;
     SELECT COUNT(*) FROM login_events WHERE external_id LIKE '${tag}%';
     SELECT MIN(day), MAX(day), COUNT(*) FROM snapshot_dirty_days;`,
  );
  const [loginLine, range] = stdout.trim().split('\n');
  const logins = Number(loginLine);
  const [firstDay, lastDay, dayCount] = range.split('|');
  const days = Number(dayCount);
  const uptake = await runUptake(['--db', `sqlite:${orgDb}`, 'snapshot', '--pending', '--max-days', '1000'], { workDir: work });
  const inner = /(\d+) stored days recomputed in ([\d.]+) s/.exec(uptake.stdout);
  if (!inner || Number(inner[1]) !== days)
    throw new Error(`uptake snapshot --pending recomputed ${inner?.[1]} days, not the ${days} marked: ${uptake.stdout}`);
  const shell = await runShell(orgDb, referenceScript(firstDay, lastDay));
  const check = await compareSnapshots(orgDb, firstDay, lastDay);
  const seconds = Number(inner[2]);
  return {
    label,
    logins,
    firstDay,
    lastDay,
    days,
    seconds,
    processSeconds: uptake.seconds,
    scriptSeconds: shell.seconds,
    ratio: seconds / shell.seconds,
    check,
    peakRss: uptake.peakRss,
  };
}

async function lateStep(options, orgDb, work) {
  const lastStart = Date.parse(`${LAST_DAY}T00:00:00Z`);
  const monthBack = new Date(lastStart - 30 * DAY_MS).toISOString().slice(0, 10);
  const hourly = await restateOnce(
    options,
    orgDb,
    work,
    'hourly sync',
    new Date(lastStart + 23 * 3600_000).toISOString(),
    new Date(lastStart + DAY_MS).toISOString(),
  );
  const day = await restateOnce(
    options,
    orgDb,
    work,
    'day of late logins',
    `${monthBack}T00:00:00.000Z`,
    new Date(Date.parse(`${monthBack}T00:00:00Z`) + DAY_MS).toISOString(),
  );
  const describe = (run) =>
    `${run.label}: ${run.logins.toLocaleString('en')} logins, ${run.days} stored days (${run.firstDay}..${run.lastDay}) recomputed in ${sec(run.seconds)} ` +
    `(process ${sec(run.processSeconds)}) vs script ${sec(run.scriptSeconds)} = ${run.ratio.toFixed(2)}x; ` +
    (run.check.agree ? `all ${run.check.uptake.toLocaleString('en')} values agree` : `VALUES DIFFER: ${JSON.stringify(run.check)}`);
  return {
    figure: 'late data',
    measured: `${describe(hourly)}\n${describe(day)}`,
    target: `<= ${TARGETS.restateRatio.toFixed(1)}x the script, a day of late logins <= ${TARGETS.lateDaySeconds} s, same values`,
    met:
      hourly.check.agree &&
      day.check.agree &&
      hourly.ratio <= TARGETS.restateRatio &&
      day.ratio <= TARGETS.restateRatio &&
      day.seconds <= TARGETS.lateDaySeconds,
    values: { hourly, day },
    peakRss: { restateHourly: hourly.peakRss, restateDay: day.peakRss },
  };
}

async function apiStep(options, orgDb, work) {
  const autocannon = createRequire(join(repoRoot, 'test', 'package.json'))('autocannon');
  const email = 'bench@uptake.local';
  await runUptake(['--db', `sqlite:${orgDb}`, 'user', 'add', email, '--role', 'admin', '--password-stdin'], {
    workDir: work,
    input: 'bench-password-0123456789\n',
  }).catch((error) => {
    if (!/exists/i.test(error.message)) throw error;
  });
  const token = (
    await runUptake(['--db', `sqlite:${orgDb}`, 'token', 'create', email, '--label', 'bench'], { workDir: work })
  ).stdout.trim();
  const server = await startServer(orgDb, 20_000 + (process.pid % 20_000));
  const headers = { authorization: `Bearer ${token}` };
  const endpoints = [
    ['overview', `/api/overview?asOf=${LAST_DAY}`],
    ['departments', `/api/departments?asOf=${LAST_DAY}`],
    ['department series', `/api/departments/${encodeURIComponent(departmentName(0))}/series?from=${FIRST_DAY}&to=${LAST_DAY}`],
  ];
  const cannon = (opts) =>
    new Promise((resolvePromise, reject) =>
      autocannon({ connections: 10, duration: options.duration, headers, ...opts }, (error, result) =>
        error ? reject(error) : resolvePromise(result),
      ),
    );
  const rows = [];
  const pastDays = [];
  try {
    // the first request of each of these days: served from its stored snapshot, no range computed
    for (const day of PAST_DAYS) {
      for (const [name, path] of [
        ['overview', `/api/overview?asOf=${day}`],
        ['departments', `/api/departments?asOf=${day}`],
      ]) {
        const started = process.hrtime.bigint();
        const response = await fetch(`${server.url}${path}`, { headers });
        if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
        await response.arrayBuffer();
        pastDays.push({ name, day, ms: Number(process.hrtime.bigint() - started) / 1e6 });
      }
    }
    for (const [name, path] of endpoints) {
      const started = Date.now();
      const first = await fetch(`${server.url}${path}`, { headers });
      if (!first.ok) throw new Error(`GET ${path} answered ${first.status}: ${(await first.text()).slice(0, 500)}`);
      await first.arrayBuffer();
      const coldMs = Date.now() - started;
      // Unmeasured warm-up at the target rate: the JIT compiles the request path and the
      // collector settles after the cold computation, as on a server that has been up a while.
      await cannon({ url: `${server.url}${path}`, overallRate: options.rate, duration: Math.min(WARM_UP_SECONDS, options.duration) });
      const fixed = await cannon({ url: `${server.url}${path}`, overallRate: options.rate });
      const flat = await cannon({ url: `${server.url}${path}` });
      const failures = fixed.errors + fixed.non2xx + flat.errors + flat.non2xx;
      rows.push({
        name,
        path,
        coldMs,
        p50: fixed.latency.p50,
        p99: fixed.latency.p99,
        achievedRate: fixed.requests.average,
        throughput: flat.requests.average,
        failures,
      });
    }
  } finally {
    var peakRss = server.peakRss();
    await server.stop();
  }
  const met = rows.every((row) => row.p99 <= TARGETS.p99Ms && row.failures === 0 && row.achievedRate >= options.rate * 0.95);
  const coldMs = pastDays.map((entry) => entry.ms).sort((a, b) => a - b);
  const coldP99 = coldMs[Math.min(coldMs.length - 1, Math.ceil(coldMs.length * 0.99) - 1)];
  const pastDayFigure = {
    figure: 'past days',
    measured: `first request of ${PAST_DAYS.length} past days never asked for (overview and departments): p50 ${Math.round(coldMs[Math.floor(coldMs.length / 2)])} ms, p99 ${Math.round(coldP99)} ms, max ${Math.round(coldMs[coldMs.length - 1])} ms`,
    target: `p99 <= ${TARGETS.pastDayColdMs} ms`,
    met: coldP99 <= TARGETS.pastDayColdMs,
    values: { requests: pastDays, p99Ms: coldP99 },
  };
  return {
    pastDayFigure,
    figure: 'api',
    measured: rows
      .map(
        (row) =>
          `${row.name}: p50 ${row.p50} ms, p99 ${row.p99} ms at ${Math.round(row.achievedRate)} req/s; ${Math.round(row.throughput)} req/s flat out; first request ${row.coldMs} ms${row.failures ? `; ${row.failures} FAILED` : ''}`,
      )
      .join('\n'),
    target: `p99 <= ${TARGETS.p99Ms} ms at ${options.rate} req/s`,
    met,
    values: { endpoints: rows },
    peakRss: { server: peakRss },
  };
}

function machine() {
  let shell = 'missing';
  try {
    shell = execFileSync('sqlite3', ['--version'], { encoding: 'utf8' }).split(' ')[0];
  } catch {
    // reported as missing
  }
  const cpuList = cpus();
  return {
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    freeGiB: Math.round(freemem() / 1024 ** 3),
    node: process.version,
    sqlite3Shell: shell,
    platform: `${process.platform} ${process.arch}`,
  };
}

function table(figures) {
  const rows = figures.map((f) => [f.figure, f.measured, f.target, f.met ? 'yes' : 'NO']);
  const header = ['figure', 'measured', 'target', 'met'];
  const width = (index) => Math.max(header[index].length, ...rows.flatMap((row) => row[index].split('\n').map((line) => line.length)));
  const widths = header.map((_, index) => width(index));
  const line = (cells) => {
    const split = cells.map((cell) => cell.split('\n'));
    const height = Math.max(...split.map((lines) => lines.length));
    return Array.from(
      { length: height },
      (_, i) => `| ${split.map((lines, index) => (lines[i] ?? '').padEnd(widths[index])).join(' | ')} |`,
    ).join('\n');
  };
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  assertBuilt();
  const work = options.dir ?? mkdtempSync(join(tmpdir(), 'uptake-bench-'));
  mkdirSync(work, { recursive: true });
  const started = Date.now();
  const steps = {};
  try {
    log(options, `uptake benchmark in ${work}: ${JSON.stringify(options.sizes)}`);
    let t = Date.now();
    const orgDb = join(work, 'organisation.sqlite');
    if (options.reuse && options.dir && existsSync(orgDb)) {
      log(options, `using the organisation already in ${orgDb}`);
    } else {
      const rows = await generateOrganisation(orgDb, options.sizes);
      steps.generateSeconds = (Date.now() - t) / 1000;
      log(options, `generated the organisation in ${sec(steps.generateSeconds)}: ${JSON.stringify(rows)}`);
    }

    const done = [];
    if (options.steps.includes('import')) {
      t = Date.now();
      done.push(await importStep(options, work));
      steps.importSeconds = (Date.now() - t) / 1000;
      log(options, `import: ${done[done.length - 1].measured}`);
    }
    if (options.steps.includes('snapshots')) {
      t = Date.now();
      done.push(await snapshotStep(options, orgDb, work));
      steps.snapshotSeconds = (Date.now() - t) / 1000;
      log(options, `snapshots: ${done[done.length - 1].measured}`);
    }
    if (options.steps.includes('late')) {
      t = Date.now();
      done.push(await lateStep(options, orgDb, work));
      steps.lateSeconds = (Date.now() - t) / 1000;
      log(options, `late data: ${done[done.length - 1].measured.replaceAll('\n', '; ')}`);
    }
    if (options.steps.includes('api')) {
      t = Date.now();
      const { pastDayFigure, ...api } = await apiStep(options, orgDb, work);
      done.push(api, pastDayFigure);
      steps.apiSeconds = (Date.now() - t) / 1000;
      log(options, `api: ${api.measured.replaceAll('\n', '; ')}`);
      log(options, `past days: ${pastDayFigure.measured}`);
    }

    const peakRss = Object.assign({}, ...done.map((figure) => figure.peakRss ?? {}));
    const memoryFigure = {
      figure: 'memory',
      measured: Object.entries(peakRss)
        .map(([step, bytes]) => `${step} ${mb(bytes)}`)
        .join(', '),
      target: `<= ${mb(TARGETS.memoryBytes)} peak RSS each`,
      met: Object.values(peakRss).every((bytes) => bytes !== null && bytes <= TARGETS.memoryBytes),
      values: { peakRss },
    };
    const figures = [...done, memoryFigure].map(({ peakRss: _unused, ...figure }) => figure);
    steps.totalSeconds = (Date.now() - started) / 1000;
    const report = {
      machine: machine(),
      sizes: options.sizes,
      repeat: options.repeat,
      apiDurationSeconds: options.duration,
      figures,
      steps,
    };
    if (options.jsonOut) writeFileSync(options.jsonOut, `${JSON.stringify(report, null, 2)}\n`);
    if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      process.stdout.write(`\n${table(figures)}\n\n`);
      process.stdout.write(
        `machine: ${report.machine.cpus} x ${report.machine.cpuModel}, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}, sqlite3 shell ${report.machine.sqlite3Shell}; whole run ${sec(steps.totalSeconds)}\n`,
      );
    }
  } finally {
    if (!options.keep && !options.dir) rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
