// The synthetic organisation of the benchmark: sizes, time line, launch plan, and the SQL (for the
// sqlite3 shell) that fills a migrated Uptake database with it. Everything is a function of the
// sizes: the same sizes give the same rows, byte for byte.
import { spawn } from 'node:child_process';

export const DAY_MS = 86_400_000;
/** The last day of the year of data; the snapshots are computed for the 365 days ending on it. */
export const LAST_DAY = '2026-03-31';
export const FIRST_DAY = '2025-04-01';
const FIRST_MS = Date.parse(`${FIRST_DAY}T00:00:00Z`);

export const FULL_SIZES = Object.freeze({
  users: 50_000,
  departments: 40,
  logins: 10_000_000,
  opportunities: 1_000_000,
  records: 2_000_000,
  importLogins: 1_000_000,
});

export function departmentName(index) {
  return `Department ${String(index + 1).padStart(2, '0')}`;
}

/** The launch plan: launched on the first day, in UTC, with required fields for the three tracked objects. */
export function benchPlan(sizes) {
  return {
    launch_date: FIRST_DAY,
    timezone: 'UTC',
    currency: 'EUR',
    departments: Array.from({ length: sizes.departments }, (_, index) => ({
      name: departmentName(index),
      seats: Math.ceil(sizes.users / sizes.departments),
      licence_cost_per_seat_month: 75,
    })),
    required_fields: {
      opportunity: ['amount', 'close_date', 'next_step'],
      account: ['industry', 'phone', 'website'],
      contact: ['email', 'phone'],
    },
    goals: [
      { department: '*', metric: 'active_users', target: 0.8, by: '2025-10-01' },
      { department: '*', metric: 'record_completeness', target: 0.9, by: '2025-12-31', baseline: 0.5 },
      { department: departmentName(0), metric: 'stale_opportunities', target: 0.15, by: '2025-12-31', baseline: 0.4 },
    ],
  };
}

/** A deterministic hash of a row number and a salt, 0 <= h < 4294967291, in SQLite integer arithmetic. */
const hash = (i, salt) => `((${i} * 2654435761 + ${salt * 40503 + 7}) % 4294967291)`;

/**
 * SQL that fills the tables: users, logins, opportunities (also as records with their fields),
 * accounts and contacts with their fields, and training for every user. Indexes of the large
 * tables are dropped first and created again at the end (sorting once is much faster than keeping
 * them up to date row by row); their definitions are read from the schema, so they are the
 * migration's own.
 */
export function fillSql(sizes, indexSql) {
  const { users, logins, opportunities, records } = sizes;
  const year = 365 * DAY_MS;
  const counter = (name, count) => `WITH RECURSIVE ${name}(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM ${name} WHERE i + 1 < ${count})`;
  // a value of a field: mostly filled, sometimes empty, a placeholder, or missing (no row)
  const fieldValue = (i, salt, filled) =>
    `CASE ${hash(i, salt)} % 20 WHEN 0 THEN '' WHEN 1 THEN 'n/a' WHEN 2 THEN ' TBD ' WHEN 3 THEN '-' WHEN 4 THEN NULL ELSE ${filled} END`;
  const isFilled = (i, salt) => `(${hash(i, salt)} % 20 > 4)`;
  const skipField = (i, salt) => `${hash(i, salt)} % 20 = 19`;
  const drops = indexSql.map(({ name }) => `DROP INDEX "${name}";`).join('\n');
  const creates = indexSql.map(({ sql }) => `${sql};`).join('\n');
  return `PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;
PRAGMA temp_store = FILE;
BEGIN;
${drops}

-- users: 1 in 53 inactive, 1 in 37 unlicensed, 1 in 1000 an integration user; 1 in 20 without created_at,
-- 1 in 7 created during the year, the rest 200 days before it
${counter('n', users)}
INSERT INTO crm_users (connection_id, external_id, name, email, department_id, role, manager_external_id, active, licensed, integration, created_at)
SELECT 1, printf('u%06d', i), 'User ' || i, 'u' || i || '@example.com', (i % ${sizes.departments}) + 1,
       CASE WHEN i % 25 = 0 THEN 'Manager' ELSE 'Rep' END,
       CASE WHEN i % 25 = 0 THEN NULL ELSE printf('u%06d', i - i % 25) END,
       i % 53 <> 0, i % 37 <> 0, i % 1000 = 999,
       CASE WHEN i % 20 = 0 THEN NULL
            WHEN i % 7 = 0 THEN ${FIRST_MS} + (${hash('i', 1)} % 365) * ${DAY_MS} + 32400000
            ELSE ${FIRST_MS} - 200 * ${DAY_MS} END
FROM n;

-- logins spread evenly over the year, users drawn with a skew (some log in daily, many rarely);
-- 1 in 20 failed, 1 in 10 mobile, 1 in 10 through the API
${counter('n', logins)}
INSERT INTO login_events (connection_id, external_id, user_external_id, login_at, success, channel)
SELECT 1, printf('l%09d', i),
       printf('u%06d', CAST(${users} * ((${hash('i', 2)} % 1000003) / 1000003.0) * ((${hash('i', 2)} % 1000003) / 1000003.0) AS INTEGER)),
       ${FIRST_MS} + i * ${Math.floor(year / logins)} + ${hash('i', 3)} % 3600000,
       ${hash('i', 4)} % 20 <> 0,
       CASE ${hash('i', 5)} % 10 WHEN 0 THEN 'mobile' WHEN 1 THEN 'api' ELSE 'web' END
FROM n;

-- opportunities created from 60 days before the year to its end, 6 in 10 closed (close date 0-119 days after
-- creation), touched 0-89 days after creation (1 in 3 never), 1 in 50 deleted
${counter('n', opportunities)}
INSERT INTO opportunities (connection_id, external_id, owner_external_id, stage, amount, is_closed, is_won, created_at, close_date, last_activity_at, last_modified_at, deleted)
SELECT 1, printf('o%08d', i), printf('u%06d', ${hash('i', 6)} % ${users}), 'Stage ' || (${hash('i', 7)} % 5), (${hash('i', 8)} % 100000) / 10.0,
       ${hash('i', 9)} % 10 < 6, ${hash('i', 9)} % 10 < 3,
       c.created_at,
       date(c.created_at / 1000, 'unixepoch', '+' || (${hash('i', 10)} % 120) || ' days'),
       CASE WHEN ${hash('i', 11)} % 3 = 0 THEN NULL ELSE c.created_at + (${hash('i', 12)} % 90) * ${DAY_MS} END,
       CASE WHEN ${hash('i', 13)} % 3 = 0 THEN NULL ELSE c.created_at + (${hash('i', 14)} % 90) * ${DAY_MS} + 3600000 END,
       ${hash('i', 15)} % 50 = 0
FROM (SELECT i, ${FIRST_MS} + ((${hash('i', 16)} % 425) - 60) * ${DAY_MS} + ${hash('i', 17)} % ${DAY_MS} AS created_at FROM n) c;

-- every opportunity is also a record of object "opportunity" with its fields, as the sync writes it
INSERT INTO records (connection_id, object_type, external_id, owner_external_id, created_at, last_modified_at, deleted)
SELECT connection_id, 'opportunity', external_id, owner_external_id, created_at, last_modified_at, deleted FROM opportunities ORDER BY id;
INSERT INTO record_fields (connection_id, object_type, record_external_id, field, value, filled)
SELECT 1, 'opportunity', o.external_id, f.field,
       CASE f.field WHEN 'amount' THEN CAST(o.amount AS TEXT) WHEN 'close_date' THEN o.close_date WHEN 'stage' THEN o.stage
            ELSE ${fieldValue('o.id', 20, "'Call back'")} END,
       CASE f.field WHEN 'next_step' THEN ${isFilled('o.id', 20)} ELSE TRUE END
FROM opportunities o, (SELECT 'amount' AS field UNION ALL SELECT 'close_date' UNION ALL SELECT 'next_step' UNION ALL SELECT 'stage') f
WHERE NOT (f.field = 'next_step' AND ${skipField('o.id', 20)})
ORDER BY o.external_id, f.field;

-- accounts and contacts, half each, with three fields each (some empty, placeholders or missing)
${counter('n', records)}
INSERT INTO records (connection_id, object_type, external_id, owner_external_id, created_at, last_modified_at, deleted)
SELECT 1, CASE WHEN i % 2 = 0 THEN 'account' ELSE 'contact' END, printf('r%08d', i), printf('u%06d', ${hash('i', 21)} % ${users}),
       ${FIRST_MS} + ((${hash('i', 22)} % 500) - 135) * ${DAY_MS}, NULL, ${hash('i', 23)} % 40 = 0
FROM n;
WITH fields(object_type, field, salt) AS (
  VALUES ('account', 'industry', 31), ('account', 'phone', 32), ('account', 'website', 33),
         ('contact', 'email', 34), ('contact', 'phone', 35), ('contact', 'title', 36)
)
INSERT INTO record_fields (connection_id, object_type, record_external_id, field, value, filled)
SELECT 1, r.object_type, r.external_id, f.field,
       CASE (r.id * 2654435761 + f.salt * 40503 + 7) % 4294967291 % 20 WHEN 0 THEN '' WHEN 1 THEN 'n/a' WHEN 2 THEN ' TBD ' WHEN 3 THEN '-' WHEN 4 THEN NULL ELSE f.field || ' ' || r.id END,
       (r.id * 2654435761 + f.salt * 40503 + 7) % 4294967291 % 20 > 4
FROM records r JOIN fields f ON f.object_type = r.object_type
WHERE (r.id * 2654435761 + f.salt * 40503 + 7) % 4294967291 % 20 <> 19
ORDER BY r.object_type, r.external_id, f.field;

-- training: two required courses and one optional for everybody; 7 in 10 completed each
INSERT INTO training_assignments (connection_id, user_external_id, course, required, completed_at)
SELECT 1, u.external_id, c.course, c.required,
       CASE WHEN (u.id * 2654435761 + c.salt * 40503 + 7) % 4294967291 % 10 < 7
            THEN ${FIRST_MS} + ((u.id * 2654435761 + c.salt * 40503 + 7) % 4294967291 % 330) * ${DAY_MS} + 36000000 END
FROM crm_users u, (SELECT 'CRM basics' AS course, TRUE AS required, 41 AS salt UNION ALL SELECT 'Pipeline hygiene', TRUE, 42 UNION ALL SELECT 'Reporting', FALSE, 43) c
ORDER BY u.external_id, c.course;

-- every user, opportunity and record is also its first version, as a sync writes it: valid from its last
-- modification where known (and before the observation), else from the observation at the end of the year
${versionsSql(FIRST_MS + year)}

${creates}
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
`;
}

/** Copies today's rows into their version tables as first versions observed at `observedAt` (epoch ms). */
export function versionsSql(observedAt) {
  const from = (alias) =>
    `CASE WHEN ${alias}.last_modified_at IS NOT NULL AND ${alias}.last_modified_at < ${observedAt} THEN ${alias}.last_modified_at ELSE ${observedAt} END`;
  return `INSERT INTO crm_user_versions (connection_id, external_id, valid_from, name, email, department_id, role, manager_external_id, active, licensed, integration, created_at)
SELECT connection_id, external_id, ${observedAt}, name, email, department_id, role, manager_external_id, active, licensed, integration, created_at
FROM crm_users ORDER BY connection_id, external_id;
INSERT INTO opportunity_versions (connection_id, external_id, valid_from, owner_external_id, stage, amount, is_closed, is_won, created_at, close_date, last_activity_at, last_modified_at, deleted)
SELECT o.connection_id, o.external_id, ${from('o')}, o.owner_external_id, o.stage, o.amount, o.is_closed, o.is_won, o.created_at, o.close_date, o.last_activity_at, o.last_modified_at, o.deleted
FROM opportunities o ORDER BY o.connection_id, o.external_id;
INSERT INTO record_versions (connection_id, object_type, external_id, valid_from, owner_external_id, created_at, last_modified_at, deleted)
SELECT r.connection_id, r.object_type, r.external_id, ${from('r')}, r.owner_external_id, r.created_at, r.last_modified_at, r.deleted
FROM records r ORDER BY r.connection_id, r.object_type, r.external_id;
INSERT INTO record_field_versions (connection_id, object_type, record_external_id, valid_from, field, value, filled)
SELECT f.connection_id, f.object_type, f.record_external_id, v.valid_from, f.field, f.value, f.filled
FROM record_fields f
JOIN record_versions v ON v.connection_id = f.connection_id AND v.object_type = f.object_type AND v.external_id = f.record_external_id
ORDER BY f.connection_id, f.object_type, f.record_external_id, v.valid_from, f.field;`;
}

/** Runs a SQL script in the sqlite3 shell; resolves to the shell's output. */
export function runSqlite(dbPath, script, args = []) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('sqlite3', [...args, dbPath], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', (error) =>
      reject(new Error(`the sqlite3 shell could not start (${error.message}): install it with \`apt-get install -y sqlite3\``)),
    );
    child.on('close', (code) => {
      if (code === 0 && !/^(Error|Parse error|Runtime error)/m.test(err)) resolvePromise(out);
      else reject(new Error(`sqlite3 ${dbPath} failed (exit ${code}): ${err.trim().slice(0, 2000)}`));
    });
    child.stdin.end(script);
  });
}
