import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { LaunchPlanSchema } from '@uptake/shared';
import { FixedClock } from '../common/clock';
import { ConnectionRepository } from '../connections/connection.repository';
import { CsvFolderError, CsvInputError } from '../connectors/csv/csv.connector';
import type { Database } from '../database/database.service';
import { PlanRepository } from '../plan/plan.repository';
import { ImportFolders, importServiceWithoutSnapshots } from '../../test/sync-harness';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { ImportService } from './import.service';

const DATA_TABLES = [
  'departments',
  'crm_users',
  'login_events',
  'opportunities',
  'records',
  'record_fields',
  'training_assignments',
  'sync_watermarks',
];

/** A small valid folder; error cases replace one file of it. */
const BASE: Record<string, string> = {
  'users.csv': 'id,name,department,manager_id,active\nu1,Ann,Sales,m1,true\nm1,Max,Sales,,yes\n',
  'logins.csv': 'user_id,login_at,status,channel\nu1,2017-03-01T09:30:00Z,Success,web\nm1,2017-03-02,Failed,\n',
  'opportunities.csv':
    'id,owner_id,stage,amount,is_closed,is_won,created_at,close_date,last_activity_at,last_modified_at,next_step\no1,u1,Won,100,true,true,2017-01-15,2017-03-01,,,Call\n',
  'accounts.csv': 'id,owner_id,industry\na1,u1,Retail\n',
  'training.csv': 'user_id,course,required,completed_at\nu1,Basics,yes,2017-02-01\n',
};
const OPPORTUNITY_HEADER = 'id,owner_id,stage,amount,is_closed,is_won,created_at,close_date,last_activity_at,last_modified_at';

describe(ImportService.name, () => {
  beforeAll(() => Logger.overrideLogger(false));

  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    let db: Database;
    let sut: ImportService;
    let plans: PlanRepository;
    const folders = new ImportFolders('uptake-import');
    const clock = new FixedClock(Date.UTC(2017, 5, 1, 12));

    beforeEach(async () => {
      database = await openTestDatabase(engine);
      db = database.db;
      plans = new PlanRepository(db);
      sut = importServiceWithoutSnapshots(db, clock, plans);
    });

    afterEach(async () => {
      await database.dispose();
      folders.removeAll();
    });

    function folder(files: Record<string, string>): string {
      return folders.write(files);
    }

    async function rowCounts(tables = [...DATA_TABLES, 'connections', 'sync_runs']): Promise<Record<string, number>> {
      const counts: Record<string, number> = {};
      for (const table of tables) {
        const [row] = await db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`);
        counts[table] = Number(row.n);
      }
      return counts;
    }

    const nothing = (tables = [...DATA_TABLES, 'connections', 'sync_runs']) => Object.fromEntries(tables.map((table) => [table, 0]));

    describe('a first import of a folder', () => {
      const files: Record<string, string> = {
        // m1 manages u1 and u2 and is listed after u1; svc is an integration account
        'users.csv': [
          'id,name,email,department,role,manager_id,active,licensed,integration,created_at',
          'u1,Ann Lee,ann@example.com,Sales EMEA,Rep,m1,true,yes,0,2017-01-10',
          'm1,Max Roe,,Sales EMEA,Manager,,TRUE,1,false,',
          'u2, Bo Chan ,bo@example.com,Marketing,,m1,no,No,FALSE,2017-02-01T08:00:00Z',
          'svc,Integration,,IT,,,1,0,YES,',
        ].join('\n'),
        // the last row repeats the first: a second login at the same instant
        'logins.csv': [
          'user_id,login_at,status,channel',
          'u1,2017-03-01T09:30:00Z,Success,web',
          'u1,2017-03-01T09:30:00.000+0100,SUCCESS,',
          'u2,2017-03-02,Failed,Mobile',
          'svc,2017-03-02T10:00:00Z,success,API',
          'u1,2017-03-01T09:30:00Z,Success,web',
        ].join('\r\n'),
        'opportunities.csv': [
          `${OPPORTUNITY_HEADER},deleted,next_step,Region`,
          'o1,u1,Closed Won,1200.50,true,true,2017-01-15,2017-03-01,2017-02-20T10:00:00Z,2017-03-01T12:00:00Z,,Send contract,North',
          'o2,u2,Prospecting,,false,false,,,,,yes,  ,',
        ].join('\n'),
        'accounts.csv': ['id,owner_id,industry,phone,created_at', 'a1,u1,Retail,n/a,2017-01-02', 'a2,,,+33 1 23 45 67 89,'].join('\n'),
        'training.csv': [
          'user_id,course,required,completed_at',
          'u1,CRM Basics,yes,2017-02-01',
          'u2,CRM Basics,yes,',
          'u1,Reports,no,2017-02-15T14:00:00+01:00',
        ].join('\n'),
        'README.txt': 'not an import file',
      };

      beforeEach(async () => {
        // Bare dates and timestamps without offset are read in the plan's zone: Paris is UTC+1 until 2017-03-26.
        await plans.addVersion(LaunchPlanSchema.parse({ launch_date: '2017-01-01', timezone: 'Europe/Paris' }), 'test', null, clock.now());
      });

      it('stores every row exactly as the files say', async () => {
        const dir = folder(files);

        const run = await sut.importFolder(dir);

        expect(run).toMatchObject({ trigger: 'import', status: 'succeeded', error: null });
        // counts are rows read per entity
        expect(run.counts).toEqual({ users: 4, logins: 5, opportunities: 2, 'records:account': 2, training: 3, activities: 0 });
        const connections = await db.query<Record<string, unknown>>('SELECT name, kind, options, enabled FROM connections');
        // created disabled: an import connection is fed by drops, not by the scheduler
        expect(connections.map(normalise)).toEqual([['csv', 'csv', JSON.stringify({ path: dir }), false]]);

        const users = await db.query<Record<string, unknown>>(
          `SELECT u.external_id, u.name, u.email, d.name AS department, u.role, u.manager_external_id, u.active, u.licensed, u.integration, u.created_at
           FROM crm_users u JOIN departments d ON d.id = u.department_id ORDER BY u.external_id`,
        );
        expect(users.map(normalise)).toEqual([
          // 2017-01-10 00:00 in Paris is 2017-01-09 23:00 UTC
          ['m1', 'Max Roe', null, 'Sales EMEA', 'Manager', null, true, true, false, null],
          ['svc', 'Integration', null, 'IT', null, null, true, false, true, null],
          ['u1', 'Ann Lee', 'ann@example.com', 'Sales EMEA', 'Rep', 'm1', true, true, false, Date.UTC(2017, 0, 9, 23)],
          ['u2', 'Bo Chan', 'bo@example.com', 'Marketing', null, 'm1', false, false, false, Date.UTC(2017, 1, 1, 8)],
        ]);
        expect((await db.query<{ name: string }>('SELECT name FROM departments ORDER BY name')).map((row) => row.name)).toEqual([
          'IT',
          'Marketing',
          'Sales EMEA',
        ]);

        const logins = await db.query<Record<string, unknown>>(
          'SELECT external_id, user_external_id, login_at, success, channel FROM login_events ORDER BY user_external_id, login_at, external_id',
        );
        expect(logins.map(normalise)).toEqual([
          // 2017-03-02 00:00 in Paris is 2017-03-01 23:00 UTC
          ['1488448800000|svc|success|api', 'svc', Date.UTC(2017, 2, 2, 10), true, 'api'],
          // 09:30 at +01:00 is 08:30 UTC (1488357000000); 09:30 UTC is 1488360600000
          ['1488357000000|u1|success|web', 'u1', Date.UTC(2017, 2, 1, 8, 30), true, 'web'],
          ['1488360600000|u1|success|web', 'u1', Date.UTC(2017, 2, 1, 9, 30), true, 'web'],
          ['1488360600000|u1|success|web|#2', 'u1', Date.UTC(2017, 2, 1, 9, 30), true, 'web'],
          ['1488409200000|u2|failed|mobile', 'u2', Date.UTC(2017, 2, 1, 23), false, 'mobile'],
        ]);

        const opportunities = await db.query<Record<string, unknown>>(
          `SELECT external_id, owner_external_id, stage, amount, is_closed, is_won, created_at, close_date, last_activity_at, last_modified_at, deleted
           FROM opportunities ORDER BY external_id`,
        );
        expect(opportunities.map(normalise)).toEqual([
          [
            'o1',
            'u1',
            'Closed Won',
            1200.5,
            true,
            true,
            Date.UTC(2017, 0, 14, 23),
            '2017-03-01',
            Date.UTC(2017, 1, 20, 10),
            Date.UTC(2017, 2, 1, 12),
            false,
          ],
          ['o2', 'u2', 'Prospecting', null, false, false, null, null, null, null, true],
        ]);

        const records = await db.query<Record<string, unknown>>(
          'SELECT object_type, external_id, owner_external_id, created_at, last_modified_at, deleted FROM records ORDER BY object_type, external_id',
        );
        expect(records.map(normalise)).toEqual([
          ['account', 'a1', 'u1', Date.UTC(2017, 0, 1, 23), null, false],
          ['account', 'a2', null, null, null, false],
          ['opportunity', 'o1', 'u1', Date.UTC(2017, 0, 14, 23), Date.UTC(2017, 2, 1, 12), false],
          ['opportunity', 'o2', 'u2', null, null, true],
        ]);

        // fields: every column but id, owner_id, created_at, last_modified_at and deleted, names lower-cased,
        // values as written (empty: null); filled per isFieldFilled ("n/a" and blanks are not)
        const fields = await db.query<Record<string, unknown>>(
          'SELECT object_type, record_external_id, field, value, filled FROM record_fields ORDER BY object_type, record_external_id, field',
        );
        expect(fields.map(normalise)).toEqual([
          ['account', 'a1', 'industry', 'Retail', true],
          ['account', 'a1', 'phone', 'n/a', false],
          ['account', 'a2', 'industry', null, false],
          ['account', 'a2', 'phone', '+33 1 23 45 67 89', true],
          ['opportunity', 'o1', 'amount', '1200.50', true],
          ['opportunity', 'o1', 'close_date', '2017-03-01', true],
          ['opportunity', 'o1', 'is_closed', 'true', true],
          ['opportunity', 'o1', 'is_won', 'true', true],
          ['opportunity', 'o1', 'last_activity_at', '2017-02-20T10:00:00Z', true],
          ['opportunity', 'o1', 'next_step', 'Send contract', true],
          ['opportunity', 'o1', 'region', 'North', true],
          ['opportunity', 'o1', 'stage', 'Closed Won', true],
          ['opportunity', 'o2', 'amount', null, false],
          ['opportunity', 'o2', 'close_date', null, false],
          ['opportunity', 'o2', 'is_closed', 'false', true],
          ['opportunity', 'o2', 'is_won', 'false', true],
          ['opportunity', 'o2', 'last_activity_at', null, false],
          ['opportunity', 'o2', 'next_step', '  ', false],
          ['opportunity', 'o2', 'region', null, false],
          ['opportunity', 'o2', 'stage', 'Prospecting', true],
        ]);

        const training = await db.query<Record<string, unknown>>(
          'SELECT user_external_id, course, required, completed_at FROM training_assignments ORDER BY user_external_id, course',
        );
        expect(training.map(normalise)).toEqual([
          // 2017-02-01 00:00 in Paris is 2017-01-31 23:00 UTC; 14:00 at +01:00 is 13:00 UTC
          ['u1', 'CRM Basics', true, Date.UTC(2017, 0, 31, 23)],
          ['u1', 'Reports', false, Date.UTC(2017, 1, 15, 13)],
          ['u2', 'CRM Basics', true, null],
        ]);
      });

      it('changes nothing when the same folder is imported again', async () => {
        const dir = folder(files);
        await sut.importFolder(dir);
        const first = await rowCounts(DATA_TABLES);

        const again = await sut.importFolder(dir);

        expect(again.status).toBe('succeeded');
        // 4 users, 5 logins (two identical rows are two logins), 2 opportunities, 4 records (2 accounts, 2 opportunities),
        // 20 fields (2 accounts x 2 + 2 opportunities x 8), 3 training rows, 3 departments
        expect(first).toEqual({
          departments: 3,
          crm_users: 4,
          login_events: 5,
          opportunities: 2,
          records: 4,
          record_fields: 20,
          training_assignments: 3,
          sync_watermarks: 0,
        });
        expect(await rowCounts(DATA_TABLES)).toEqual(first);
        expect(await rowCounts(['connections', 'sync_runs'])).toEqual({ connections: 1, sync_runs: 2 });
      });
    });

    describe('drops in several parts', () => {
      it('accepts files that refer to users imported earlier, and updates rows by id', async () => {
        await sut.importFolder(folder({ 'users.csv': BASE['users.csv'] }));
        const second = folder({
          // u3 is new, managed by m1 from the first drop; u1 changes department
          'users.csv': 'id,department,manager_id\nu3,Support,m1\nu1,Support,m1\n',
          'logins.csv':
            'user_id,login_at,status\nu1,2017-03-01T09:30:00Z,Success\nm1,2017-03-01T10:00:00Z,Success\nu3,2017-03-01T11:00:00Z,Success\n',
          'opportunities.csv': `${OPPORTUNITY_HEADER}\no1,m1,Open,,false,false,,,,\n`,
          'training.csv': 'user_id,course,required,completed_at\nm1,Basics,yes,\n',
        });

        const run = await sut.importFolder(second);

        expect(run.counts).toEqual({ users: 2, logins: 3, opportunities: 1, training: 1, activities: 0 });
        const users = await db.query<Record<string, unknown>>(
          'SELECT u.external_id, d.name AS department, u.manager_external_id FROM crm_users u JOIN departments d ON d.id = u.department_id ORDER BY u.external_id',
        );
        expect(users.map(normalise)).toEqual([
          ['m1', 'Sales', null],
          ['u1', 'Support', 'm1'],
          ['u3', 'Support', 'm1'],
        ]);
        expect(await rowCounts(['login_events', 'opportunities', 'training_assignments', 'connections'])).toEqual({
          login_events: 3,
          opportunities: 1,
          training_assignments: 1,
          connections: 1,
        });
        const [connection] = await db.query<{ options: string }>('SELECT options FROM connections');
        expect(JSON.parse(connection.options)).toEqual({ path: second });
      });

      it('writes nothing of a drop that fails after its first pages, and records the failed run', async () => {
        await sut.importFolder(folder({ 'users.csv': BASE['users.csv'] }));
        const before = await rowCounts(DATA_TABLES);
        // 6,000 good logins (one a minute from 2017-03-01), then a bad one on line 6,002: the first
        // page of 4,999 rows (5,000 records with the header) is written before the bad row is read.
        const lines = ['user_id,login_at,status'];
        for (let i = 0; i < 6000; i++) lines.push(`u1,${new Date(Date.UTC(2017, 2, 1) + i * 60_000).toISOString()},Success`);
        lines.push('u1,not-a-date,Success');

        const importing = sut.importFolder(folder({ 'logins.csv': lines.join('\n'), 'opportunities.csv': BASE['opportunities.csv'] }));

        await expect(importing).rejects.toThrow(new CsvInputError('logins.csv', 6002, 2, 'login_at "not-a-date" is not an ISO 8601 date'));
        expect(await rowCounts(DATA_TABLES)).toEqual(before);
        const runs = await db.query<{ status: string; error: string | null }>('SELECT status, error FROM sync_runs ORDER BY id');
        expect(runs).toEqual([
          { status: 'succeeded', error: null },
          { status: 'failed', error: 'logins.csv:6002:2: login_at "not-a-date" is not an ISO 8601 date' },
        ]);
      });

      it('refuses a connection of another kind', async () => {
        await new ConnectionRepository(db).create({
          name: 'crm',
          kind: 'demo',
          options: {},
          schedule: '0 * * * *',
          enabled: true,
          createdAt: clock.now(),
        });

        await expect(sut.importFolder(folder(BASE), { connection: 'crm' })).rejects.toMatchObject({
          code: 'CONNECTION_INVALID',
          message:
            'connection "crm" is a demo connection; CSV files are imported into a csv connection (choose another with --connection NAME)',
        });
        expect(await rowCounts(DATA_TABLES)).toEqual(nothing(DATA_TABLES));
      });

      it('imports into the named connection', async () => {
        await sut.importFolder(folder(BASE), { connection: 'emea-export' });

        expect(await db.query('SELECT name, kind FROM connections')).toEqual([{ name: 'emea-export', kind: 'csv' }]);
      });
    });

    describe('bad input: names file, line and column, and writes nothing', () => {
      const unknownUser = (column: string, id: string) => `${column} "${id}" is not a user in users.csv or already imported`;
      const cases: Array<[string, Record<string, string>, [string, number, number, string]]> = [
        [
          'a bad date',
          { 'logins.csv': 'user_id,login_at,status\nu1,2017-03-01,Success\nu1,2017-02-30,Success\n' },
          ['logins.csv', 3, 2, 'login_at "2017-02-30" is not an ISO 8601 date'],
        ],
        [
          'a bad close date',
          { 'opportunities.csv': `${OPPORTUNITY_HEADER}\no1,u1,Won,100,true,true,2017-01-15,01/03/2017,,\n` },
          ['opportunities.csv', 2, 8, 'close_date "01/03/2017" is not an ISO 8601 date'],
        ],
        [
          'a bad boolean',
          { 'users.csv': 'id,department,active\nu1,Sales,maybe\n' },
          ['users.csv', 2, 3, 'active "maybe" is not a boolean (true/false, 1/0, yes/no)'],
        ],
        [
          'a bad boolean in a training row',
          { 'training.csv': 'user_id,course,required,completed_at\nu1,Basics,required,\n' },
          ['training.csv', 2, 3, 'required "required" is not a boolean (true/false, 1/0, yes/no)'],
        ],
        [
          'a bad number',
          { 'opportunities.csv': `${OPPORTUNITY_HEADER}\no1,u1,Won,"1,200",true,true,,,,\n` },
          ['opportunities.csv', 2, 4, 'amount "1,200" is not a number'],
        ],
        [
          'a bad channel',
          { 'logins.csv': 'user_id,login_at,status,channel\nu1,2017-03-01,Success,desktop\n' },
          ['logins.csv', 2, 4, 'channel "desktop" is not one of web, mobile, api'],
        ],
        ['a missing required column', { 'users.csv': 'id,name\nu1,Ann\n' }, ['users.csv', 1, 1, 'missing required column "department"']],
        [
          'a missing opportunity column',
          { 'opportunities.csv': 'id,owner_id,stage\no1,u1,Won\n' },
          ['opportunities.csv', 1, 1, 'missing required column "amount"'],
        ],
        [
          'an unknown column in users.csv',
          { 'users.csv': 'id,department,licenced\nu1,Sales,yes\n' },
          [
            'users.csv',
            1,
            3,
            'unknown column "licenced" (the columns of users.csv are id, department, name, email, role, manager_id, active, licensed, integration, created_at)',
          ],
        ],
        [
          'a duplicate column',
          { 'accounts.csv': 'id,owner_id,Industry,industry\na1,u1,x,y\n' },
          ['accounts.csv', 1, 4, 'duplicate column "industry" (also column 3)'],
        ],
        ['a missing id', { 'users.csv': 'id,department\n,Sales\n' }, ['users.csv', 2, 1, 'missing value for id']],
        ['a missing department', { 'users.csv': 'id,name,department\nu1,Ann,  \n' }, ['users.csv', 2, 3, 'missing value for department']],
        [
          'a missing user_id',
          { 'logins.csv': 'user_id,login_at,status\n,2017-03-01,Success\n' },
          ['logins.csv', 2, 1, 'missing value for user_id'],
        ],
        [
          'a missing login_at',
          { 'logins.csv': 'user_id,login_at,status\nu1,,Success\n' },
          ['logins.csv', 2, 2, 'missing value for login_at'],
        ],
        [
          'a missing course',
          { 'training.csv': 'user_id,course,required,completed_at\nu1,,yes,\n' },
          ['training.csv', 2, 2, 'missing value for course'],
        ],
        [
          'an unknown login user',
          { 'logins.csv': 'user_id,login_at,status\nu1,2017-03-01,Success\nghost,2017-03-01,Success\n' },
          ['logins.csv', 3, 1, unknownUser('user_id', 'ghost')],
        ],
        [
          'an unknown training user',
          { 'training.csv': 'completed_at,required,course,user_id\n,yes,Basics,ghost\n' },
          ['training.csv', 2, 4, unknownUser('user_id', 'ghost')],
        ],
        [
          'an unknown opportunity owner',
          { 'opportunities.csv': `${OPPORTUNITY_HEADER}\no1,ghost,Won,100,true,true,,,,\n` },
          ['opportunities.csv', 2, 2, unknownUser('owner_id', 'ghost')],
        ],
        [
          'an unknown record owner',
          { 'accounts.csv': 'id,owner_id,industry\na1,u1,x\na2,ghost,y\n' },
          ['accounts.csv', 3, 2, unknownUser('owner_id', 'ghost')],
        ],
        // (a manager_id naming nobody is a warning, not an error: import-by-email.spec.ts)
        [
          'a duplicate user id',
          { 'users.csv': 'id,department\nu1,Sales\nm1,Sales\nu1,Support\n' },
          ['users.csv', 4, 1, 'duplicate id "u1" (first on line 2)'],
        ],
        [
          'a duplicate opportunity id',
          { 'opportunities.csv': `${OPPORTUNITY_HEADER}\no1,u1,Won,100,true,true,,,,\no1,m1,Lost,0,true,false,,,,\n` },
          ['opportunities.csv', 3, 1, 'duplicate id "o1" (first on line 2)'],
        ],
        [
          'a duplicate record id',
          { 'accounts.csv': 'owner_id,id,industry\nu1,a1,x\nu1,a1,y\n' },
          ['accounts.csv', 3, 2, 'duplicate id "a1" (first on line 2)'],
        ],
        [
          'a duplicate training row',
          { 'training.csv': 'user_id,course,required,completed_at\nu1,Basics,yes,\nu1,Basics,yes,2017-02-01\n' },
          ['training.csv', 3, 2, 'duplicate course "Basics" for user_id "u1" (first on line 2)'],
        ],
        [
          'a row with too few fields',
          { 'logins.csv': 'user_id,login_at,status\nu1,2017-03-01\n' },
          ['logins.csv', 2, 3, 'wrong number of fields: the header has 3, this line 2'],
        ],
        [
          'a row with too many fields',
          { 'logins.csv': 'user_id,login_at,status\nu1,2017-03-01,Success\nu1,2017-03-02,Success,web\n' },
          ['logins.csv', 3, 4, 'wrong number of fields: the header has 3, this line 4'],
        ],
        [
          'an invalid quote',
          { 'accounts.csv': 'id,owner_id,industry\na1,u1,"Retail"x\n' },
          [
            'accounts.csv',
            2,
            3,
            'malformed CSV: Invalid Closing Quote: got "x" at line 2 instead of delimiter, record delimiter, trimable character (if activated) or comment',
          ],
        ],
        ['an empty file', { 'training.csv': '' }, ['training.csv', 1, 1, 'the file is empty (expected a header line)']],
      ];

      it.each(cases)('%s', async (_name, replaced, [file, line, column, reason]) => {
        const dir = folder({ ...BASE, ...replaced });

        const importing = sut.importFolder(dir);

        await expect(importing).rejects.toThrow(CsvInputError);
        await expect(importing).rejects.toMatchObject({
          code: 'CSV_INVALID',
          file,
          line,
          column,
          reason,
          message: `${file}:${line}:${column}: ${reason}`,
        });
        expect(await rowCounts()).toEqual(nothing());
      });

      it('rejects a folder without import files', async () => {
        const dir = folder({ 'notes.txt': 'hello' });

        const importing = sut.importFolder(dir);

        await expect(importing).rejects.toThrow(CsvFolderError);
        await expect(importing).rejects.toThrow(
          `import folder "${dir}": no import files (expected users.csv, logins.csv, opportunities.csv, training.csv, activities.csv or <object>.csv such as accounts.csv)`,
        );
        expect(await rowCounts()).toEqual(nothing());
      });

      it('rejects a folder that does not exist', async () => {
        const dir = join(folder({}), 'missing');

        await expect(sut.importFolder(dir)).rejects.toMatchObject({
          code: 'CSV_INVALID',
          message: `import folder "${dir}": no such folder`,
        });
        expect(await rowCounts()).toEqual(nothing());
      });

      it('rejects an object file with an unusable name', async () => {
        const dir = folder({ ...BASE, 'opportunity.csv': 'id,owner_id\n' });

        await expect(sut.importFolder(dir)).rejects.toThrow(
          `import folder "${dir}": "opportunity.csv": opportunity data goes in opportunities.csv`,
        );
        expect(await rowCounts()).toEqual(nothing());
      });

      it('writes nothing into an existing connection either', async () => {
        await sut.importFolder(folder({ 'users.csv': BASE['users.csv'] }));
        const before = await rowCounts(DATA_TABLES);

        await expect(sut.importFolder(folder({ ...BASE, 'accounts.csv': 'id,owner_id\na1,ghost\n' }))).rejects.toThrow(
          new CsvInputError('accounts.csv', 2, 2, unknownUser('owner_id', 'ghost')),
        );
        expect(await rowCounts(DATA_TABLES)).toEqual(before);
      });
    });
  });
});

/** A row as an array of plain values: pg returns bigints as strings and SQLite booleans as 0/1. */
function normalise(row: Record<string, unknown>): unknown[] {
  return Object.entries(row).map(([column, value]) => {
    if (value === null || value === undefined) return null;
    if (BOOLEAN_COLUMNS.has(column)) return value === true || value === 1 || value === '1' || value === 't';
    if (INSTANT_COLUMNS.has(column) || column === 'amount') return Number(value);
    return value;
  });
}

const BOOLEAN_COLUMNS = new Set([
  'enabled',
  'active',
  'licensed',
  'integration',
  'success',
  'is_closed',
  'is_won',
  'deleted',
  'filled',
  'required',
]);
const INSTANT_COLUMNS = new Set(['created_at', 'login_at', 'last_activity_at', 'last_modified_at', 'completed_at']);
