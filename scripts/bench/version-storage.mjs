#!/usr/bin/env node
// Version storage after a simulated year of hourly syncs:
//
//   node scripts/bench/version-storage.mjs [--scale F] [--dir DIR] [--json]
//
// Builds the benchmark organisation (scripts/bench/organisation.mjs; every user, opportunity and
// record with its first version), then adds what a year of hourly syncs writes when 10% of the
// opportunities change each week (each change at some hour of that week): a new opportunity
// version, a new version of its record of object "opportunity" and of that record's field values,
// exactly the rows `server/src/sync/crm-versions.writer.ts` writes. Users, accounts and contacts
// are re-read unchanged every hour, which adds no version. Reports rows and bytes (SQLite's
// dbstat: table and index pages) per version family, and the whole database against today's
// layout (the same database without the version tables). Needs `npm run build` and the sqlite3 shell.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateOrganisation } from './generate.mjs';
import { DAY_MS, FIRST_DAY, FULL_SIZES, runSqlite } from './organisation.mjs';

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * DAY_MS;
const FAMILIES = [
  { family: 'users', versions: 'crm_user_versions', current: ['crm_users'] },
  { family: 'opportunities', versions: 'opportunity_versions', current: ['opportunities'] },
  { family: 'records', versions: 'record_versions', current: ['records'] },
  { family: 'record fields', versions: 'record_field_versions', current: ['record_fields'] },
];
/** The share of opportunities changed per week. */
const WEEKLY_CHANGE = 0.1;

function parse(argv) {
  const options = { scale: 0.04, dir: null, json: false };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--scale') options.scale = Number(argv[++index]);
    else if (argument === '--dir') options.dir = argv[++index];
    else if (argument === '--json') options.json = true;
    else {
      process.stderr.write(
        `unknown argument ${argument}\nusage: node scripts/bench/version-storage.mjs [--scale F] [--dir DIR] [--json]\n`,
      );
      process.exit(2);
    }
  }
  if (!(options.scale > 0)) {
    process.stderr.write('--scale needs a number above 0\n');
    process.exit(2);
  }
  return options;
}

/** SQL of a year of weekly changes to 10% of the opportunities, from `start` (epoch ms), hour by hour. */
export function yearOfChangesSql(start) {
  const hash = (salt) => `((o.id * 2654435761 + (w.i + ${salt}) * 40503 + 7) % 4294967291)`;
  const changes = `WITH RECURSIVE w(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM w WHERE i + 1 < 52)
SELECT o.id, o.connection_id, o.external_id, o.owner_external_id, o.amount, o.is_closed, o.is_won, o.created_at, o.close_date, o.deleted,
       'Stage ' || ((w.i + ${hash(500)}) % 5) AS stage,
       ${start} + w.i * ${WEEK_MS} + (${hash(300)} % 168) * ${HOUR_MS} + (${hash(400)} % 3600) * 1000 AS at
FROM opportunities o, w
WHERE ${hash(200)} % ${Math.round(1 / WEEKLY_CHANGE)} = 0`;
  return `PRAGMA synchronous = OFF;
BEGIN;
CREATE TEMP TABLE change AS ${changes};
INSERT INTO opportunity_versions (connection_id, external_id, valid_from, owner_external_id, stage, amount, is_closed, is_won, created_at, close_date, last_activity_at, last_modified_at, deleted)
SELECT connection_id, external_id, at, owner_external_id, stage, amount, is_closed, is_won, created_at, close_date, at, at, deleted
FROM change ORDER BY connection_id, external_id, at;
INSERT INTO record_versions (connection_id, object_type, external_id, valid_from, owner_external_id, created_at, last_modified_at, deleted)
SELECT connection_id, 'opportunity', external_id, at, owner_external_id, created_at, at, deleted
FROM change ORDER BY connection_id, external_id, at;
INSERT INTO record_field_versions (connection_id, object_type, record_external_id, valid_from, field, value, filled)
SELECT c.connection_id, 'opportunity', c.external_id, c.at, f.field, CASE f.field WHEN 'stage' THEN c.stage ELSE f.value END, f.filled
FROM change c JOIN record_fields f ON f.connection_id = c.connection_id AND f.object_type = 'opportunity' AND f.record_external_id = c.external_id
ORDER BY c.connection_id, c.external_id, c.at, f.field;
COMMIT;
`;
}

async function bytesByTable(dbPath) {
  const out = await runSqlite(
    dbPath,
    `SELECT COALESCE(m.tbl_name, s.name), SUM(s.pgsize) FROM dbstat s LEFT JOIN sqlite_master m ON m.name = s.name GROUP BY 1;`,
    ['-separator', '\t'],
  );
  return new Map(
    out
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [table, bytes] = line.split('\t');
        return [table, Number(bytes)];
      }),
  );
}

async function rowsOf(dbPath, tables) {
  const out = await runSqlite(dbPath, tables.map((table) => `SELECT '${table}', COUNT(*) FROM ${table};`).join('\n'), ['-separator', '\t']);
  return new Map(
    out
      .trim()
      .split('\n')
      .map((line) => [line.split('\t')[0], Number(line.split('\t')[1])]),
  );
}

async function main() {
  const options = parse(process.argv.slice(2));
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'uptake-version-storage-'));
  const dbPath = join(dir, 'versions.sqlite');
  const scaled = (name, minimum) => Math.max(minimum, Math.round(FULL_SIZES[name] * (name === 'departments' ? 1 : options.scale)));
  const sizes = {
    users: scaled('users', 50),
    departments: Math.min(scaled('departments', 1), scaled('users', 50)),
    logins: scaled('logins', 100),
    opportunities: scaled('opportunities', 10),
    records: scaled('records', 10),
    importLogins: scaled('importLogins', 100),
  };
  try {
    await generateOrganisation(dbPath, sizes);
    // the year after the organisation's year: its first versions were observed at its end
    const start = Date.parse(`${FIRST_DAY}T00:00:00Z`) + 365 * DAY_MS;
    await runSqlite(dbPath, yearOfChangesSql(start));
    await runSqlite(dbPath, 'VACUUM;');
    const bytes = await bytesByTable(dbPath);
    const tables = FAMILIES.flatMap((family) => [family.versions, ...family.current]);
    const rows = await rowsOf(dbPath, tables);
    const versionTables = new Set(FAMILIES.map((family) => family.versions));
    let total = 0;
    let today = 0;
    for (const [table, size] of bytes) {
      total += size;
      if (!versionTables.has(table)) today += size;
    }
    const report = {
      sizes,
      weeklyChange: WEEKLY_CHANGE,
      families: FAMILIES.map((family) => ({
        family: family.family,
        versionRows: rows.get(family.versions),
        versionBytes: bytes.get(family.versions) ?? 0,
        currentRows: family.current.reduce((sum, table) => sum + (rows.get(table) ?? 0), 0),
        currentBytes: family.current.reduce((sum, table) => sum + (bytes.get(table) ?? 0), 0),
      })),
      databaseBytes: total,
      todayLayoutBytes: today,
      growth: total / today,
    };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    const mb = (value) => `${(value / 1024 / 1024).toFixed(1)} MB`;
    process.stdout.write(
      `version storage after a simulated year of hourly syncs (${WEEKLY_CHANGE * 100}% of opportunities changed per week), sizes ${JSON.stringify(sizes)}\n\n`,
    );
    process.stdout.write(
      "| family | version rows | version bytes | today's copy rows | today's copy bytes |\n| --- | --- | --- | --- | --- |\n",
    );
    for (const family of report.families) {
      process.stdout.write(
        `| ${family.family} | ${family.versionRows} | ${mb(family.versionBytes)} | ${family.currentRows} | ${mb(family.currentBytes)} |\n`,
      );
    }
    process.stdout.write(`\ndatabase ${mb(total)} against today's layout ${mb(today)}: ${report.growth.toFixed(2)}x (target <= 2x)\n`);
  } finally {
    if (!options.dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
