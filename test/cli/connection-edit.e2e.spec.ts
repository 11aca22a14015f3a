import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Database, freshDatabase, testEngines, type FreshDatabase } from '../../server/test/testing';
import { importRootAtTmpdir } from '../support/import-root';

const BIN = resolve(__dirname, '../../server/bin/uptake.js');
jest.setTimeout(180_000);
importRootAtTmpdir();

/** Runs the built CLI like a user does, with no terminal on stdin (as in CI or a script). */
function uptake(args: string[], db: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: db },
    input: '',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/*
 * One csv connection "csv" (the import's default): Sales users u1 and u2 (seat holders), u3 (deactivated
 * in the CRM), u4 (an integration account, active); five logins; opportunity o1 open, o2 already deleted.
 */
const FILES = {
  'users.csv': `id,name,email,department,active,integration,created_at
u1,Ann,ann@example.com,Sales,true,false,
u2,Bob,bob@example.com,Sales,true,false,2026-02-01
u3,Cid,cid@example.com,Sales,false,false,
u4,Sync Bot,,Sales,true,true,
`,
  'logins.csv': `user_id,login_at,status,channel
u1,2026-03-09T10:00:00Z,Success,web
u2,2026-03-08T10:00:00Z,Success,mobile
u2,2026-03-08T11:00:00Z,Failed,web
u4,2026-03-09T10:00:00Z,Success,api
u3,2026-03-09T10:00:00Z,Success,web
`,
  'opportunities.csv': `id,owner_id,stage,amount,is_closed,is_won,created_at,close_date,last_activity_at,last_modified_at,deleted
o1,u1,Prospect,100,false,false,2026-03-01,2026-04-30,,,false
o2,u2,Prospect,50,false,false,2026-03-01,2026-04-30,,,true
`,
};
const PLAN = `
launch_date: 2026-01-01
timezone: UTC
departments:
  - { name: Sales, seats: 3, licence_cost_per_seat_month: 80 }
goals:
  - { department: "*", metric: active_users, target: 0.8, by: 2026-03-31, baseline: 0 }
`;

describe.each(testEngines())('uptake connection set / remove (%s)', (engine) => {
  let database: FreshDatabase;
  let db: string;
  let folder: string;

  beforeEach(async () => {
    database = await freshDatabase(engine);
    db = database.url;
    folder = mkdtempSync(join(tmpdir(), 'uptake-connection-drop-'));
    for (const [name, body] of Object.entries(FILES)) writeFileSync(join(folder, name), body);
    writeFileSync(join(folder, 'plan.yaml'), PLAN);
  });
  afterEach(async () => {
    rmSync(folder, { recursive: true, force: true });
    await database.dispose();
  });

  async function count(sql: string): Promise<number> {
    const opened = await Database.open(db);
    try {
      return Number((await opened.query<{ n: number }>(sql))[0].n);
    } finally {
      await opened.close();
    }
  }

  it('changes schedule, priority, options and state of a connection, and refuses bad values naming them', () => {
    expect(uptake(['connection', 'add', 'demo2', '--kind', 'demo', '--option', 'seed=abc'], db).code).toBe(0);
    // a CRM connection's priority defaults to 10
    expect(uptake(['connection', 'list'], db).stdout).toContain(
      'demo2\tdemo\t0 * * * *\tenabled\tnever synced\tpriority 10\t{"seed":"abc"}',
    );

    const changed = uptake(
      ['connection', 'set', 'demo2', '--schedule', '30 6 * * 1-5', '--option', 'priority=3', '--option', 'people=40', '--disable'],
      db,
    );
    expect(changed.stderr).toBe('');
    expect(changed.code).toBe(0);
    expect(changed.stdout).toBe(
      'connection "demo2" (demo) changed: schedule "30 6 * * 1-5", disabled, priority 3, options {"seed":"abc","people":"40"}\n',
    );
    // an empty value removes an option; --enable schedules it again
    expect(uptake(['connection', 'set', 'demo2', '--option', 'people=', '--enable'], db).code).toBe(0);
    expect(uptake(['connection', 'list'], db).stdout).toContain(
      'demo2\tdemo\t30 6 * * 1-5\tenabled\tnever synced\tpriority 3\t{"seed":"abc"}',
    );

    const badPriority = uptake(['connection', 'set', 'demo2', '--option', 'priority=high'], db);
    expect(badPriority.code).toBe(2);
    expect(badPriority.stderr).toContain('option "priority": priority must be a whole number');
    const badOption = uptake(['connection', 'set', 'demo2', '--option', 'people=3'], db);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('people');
    const badCron = uptake(['connection', 'set', 'demo2', '--schedule', 'hourly'], db);
    expect(badCron.code).toBe(2);
    expect(badCron.stderr).toContain('schedule "hourly" is not a cron expression');
    const nothing = uptake(['connection', 'set', 'demo2'], db);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('nothing to change');
    const unknown = uptake(['connection', 'set', 'nope', '--enable'], db);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no connection named "nope"');
    // refused changes left it as it was
    expect(uptake(['connection', 'list'], db).stdout).toContain(
      'demo2\tdemo\t30 6 * * 1-5\tenabled\tnever synced\tpriority 3\t{"seed":"abc"}',
    );
  });

  it('removes a connection keeping its data marked deleted, then purges it only when confirmed', async () => {
    expect(uptake(['plan', 'apply', join(folder, 'plan.yaml')], db).code).toBe(0);
    expect(uptake(['import', folder], db).code).toBe(0);
    const before = JSON.parse(uptake(['metrics', '--as-of', '2026-03-10', '--json'], db).stdout);
    expect(before.organisation.seatHolders).toBe(2); // u1 and u2

    const removed = uptake(['connection', 'remove', 'csv'], db);
    expect(removed.stderr).toBe('');
    expect(removed.code).toBe(0);
    // u1, u2 and u4 were active (u3 already was not); o1 was not deleted yet (o2 was), nor its
    // record (each opportunity is also stored as a record of object "opportunity", for its fields)
    expect(removed.stdout).toContain(
      'connection "csv" removed: it no longer syncs; its data is kept, marked deleted as of now (3 users, 1 opportunity, 1 record)',
    );
    expect(removed.stdout).toContain('uptake connection remove csv --purge');
    expect(await count('SELECT COUNT(*) AS n FROM crm_users WHERE active = TRUE')).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM opportunities WHERE deleted = FALSE')).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM login_events')).toBe(5);
    // deletion versions as of now: today nobody of it holds a seat, and the past keeps them (history is not rewritten)
    const today = new Date().toISOString().slice(0, 10);
    const after = JSON.parse(uptake(['metrics', '--as-of', today, '--json'], db).stdout);
    expect(after.organisation.seatHolders).toBe(0);
    const past = JSON.parse(uptake(['metrics', '--as-of', '2026-03-10', '--json'], db).stdout);
    expect(past.organisation.seatHolders).toBe(2);
    expect(uptake(['connection', 'list'], db).stdout).toMatch(/^csv\tcsv\t0 \* \* \* \*\tremoved \d{4}-\d\d-\d\dT/m);

    // a removed connection no longer syncs, cannot be changed, and keeps its name until purged
    const synced = uptake(['sync', '--connection', 'csv'], db);
    expect(synced.code).toBe(1); // `sync` reports each connection's failure and exits 1
    expect(synced.stderr).toContain('csv: sync failed: connection "csv" was removed on');
    expect(uptake(['connection', 'set', 'csv', '--enable'], db).code).toBe(2);
    const again = uptake(['connection', 'add', 'csv', '--kind', 'csv', '--option', `path=${folder}`], db);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('uptake connection remove csv --purge');

    // no terminal to type the name on: --purge needs --yes, and nothing is deleted without it
    const unconfirmed = uptake(['connection', 'remove', 'csv', '--purge'], db);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('add --yes to confirm');
    expect(await count('SELECT COUNT(*) AS n FROM crm_users')).toBe(4);

    const purged = uptake(['connection', 'remove', 'csv', '--purge', '--yes'], db);
    expect(purged.stderr).toBe('');
    expect(purged.code).toBe(0);
    // the opportunities' 2 records, no training, the import's run
    expect(purged.stdout).toBe(
      'connection "csv" purged: deleted it with 4 users, 5 logins, 2 opportunities, 2 records, 0 training rows, 0 activities, 1 sync run\n',
    );
    for (const table of ['connections', 'crm_users', 'login_events', 'opportunities', 'sync_runs']) {
      expect(await count(`SELECT COUNT(*) AS n FROM ${table}`)).toBe(0);
    }
    expect(uptake(['connection', 'list'], db).stdout).toBe('no connections\n');
    // the name is free again
    expect(uptake(['connection', 'add', 'csv', '--kind', 'csv', '--option', `path=${folder}`], db).code).toBe(0);
  });
});
