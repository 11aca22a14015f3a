// Builds the benchmark's organisation in a fresh SQLite database: the schema by Uptake's own
// migrations, the launch plan through Uptake's plan repository, the rows by the sqlite3 shell.
import { rmSync } from 'node:fs';
import { benchPlan, departmentName, fillSql, runSqlite } from './organisation.mjs';
import { loadServer } from './server-modules.mjs';

const LARGE_TABLES = ['crm_users', 'login_events', 'opportunities', 'records', 'record_fields', 'training_assignments'];

/** Creates `dbPath` (replacing it) and fills it; resolves to the row counts. */
export async function generateOrganisation(dbPath, sizes) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  const server = loadServer();
  server.Logger.overrideLogger(['error']);
  const db = await server.Database.open(`sqlite:${dbPath}`);
  let indexSql;
  try {
    await db.query(
      "INSERT INTO connections (name, kind, options, schedule, enabled, created_at) VALUES ('bench', 'csv', :options, '0 3 * * *', FALSE, 0)",
      {
        options: JSON.stringify({ path: '/nonexistent/bench' }),
      },
    );
    const names = Array.from({ length: sizes.departments }, (_, index) => departmentName(index));
    await db.insertMany(
      'departments',
      ['name', 'created_at'],
      names.map((name) => [name, 0]),
    );
    await new server.PlanRepository(db).addVersion(server.LaunchPlanSchema.parse(benchPlan(sizes)), 'bench', 'scripts/bench', 0);
    indexSql = await db.query(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${LARGE_TABLES.map((t) => `'${t}'`).join(', ')}) ORDER BY name`,
    );
  } finally {
    await db.close();
  }
  await runSqlite(dbPath, fillSql(sizes, indexSql));
  const counts = await runSqlite(dbPath, LARGE_TABLES.map((table) => `SELECT '${table}', COUNT(*) FROM ${table};`).join('\n'), [
    '-separator',
    '\t',
  ]);
  return Object.fromEntries(
    counts
      .trim()
      .split('\n')
      .map((line) => {
        const [table, n] = line.split('\t');
        return [table, Number(n)];
      }),
  );
}
