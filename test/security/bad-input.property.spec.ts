import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { LaunchPlanSchema } from '@uptake/shared';
import fc from 'fast-check';
import {
  CacheService,
  FixedClock,
  ConnectionRepository,
  type Database,
  ImportService,
  MetricsRepository,
  MetricsService,
  type SnapshotService,
  PlanInForce,
  parseLaunchPlan,
  PlanInputError,
  PlanRepository,
  PlanService,
  IngestRepository,
  SyncRepository,
  SyncService,
  openTestDatabase,
  testEngines,
  type TestDatabase,
} from '../../server/test/testing';

/*
 * Bad input, generated: every malformed import file or plan is refused with its location (file,
 * line, column) and leaves the stored data exactly as it was; names and values full of SQL and
 * HTML metacharacters are stored and answered verbatim, as data.
 */

const RUNS = Number(process.env.UPTAKE_PROPERTY_RUNS ?? 25);
const DATA_TABLES = [
  'departments',
  'crm_users',
  'login_events',
  'opportunities',
  'records',
  'record_fields',
  'training_assignments',
  'sync_watermarks',
  'connections',
  'plan_versions',
  'plan_goals',
  'plan_departments',
  'plan_required_fields',
  'accounts',
  'audit_log',
];

/** One cell as CSV: always quoted, quotes doubled. */
const cell = (value: string) => `"${value.replace(/"/g, '""')}"`;
const csv = (rows: string[][]) => rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';

const HEADERS: Record<string, string[]> = {
  'users.csv': ['id', 'name', 'email', 'department', 'role', 'manager_id', 'active', 'licensed', 'integration', 'created_at'],
  'logins.csv': ['user_id', 'login_at', 'status', 'channel'],
  'opportunities.csv': [
    'id',
    'owner_id',
    'stage',
    'amount',
    'is_closed',
    'is_won',
    'created_at',
    'close_date',
    'last_activity_at',
    'last_modified_at',
  ],
  'training.csv': ['user_id', 'course', 'required', 'completed_at'],
};
const ROWS: Record<string, string[][]> = {
  'users.csv': [
    ['u1', 'Ann', 'ann@example.com', 'Sales', 'Rep', '', 'true', 'true', 'false', '2017-01-10'],
    ['u2', 'Bob', 'bob@example.com', 'Sales', 'Rep', 'u1', 'yes', '1', 'no', ''],
    ['u3', 'Cid', '', 'Support', '', '', '', '', '', '2017-02-01T09:30:00Z'],
  ],
  'logins.csv': [
    ['u1', '2017-03-01T09:30:00Z', 'Success', 'web'],
    ['u2', '2017-03-02', 'Failed', ''],
    ['u3', '2017-03-02T10:00:00.000+0000', 'Success', 'mobile'],
  ],
  'opportunities.csv': [
    ['o1', 'u1', 'Won', '100', 'true', 'true', '2017-01-15', '2017-03-01', '', ''],
    ['o2', 'u2', 'Open', '2.5e3', 'false', 'false', '2017-02-01', '', '2017-02-20', ''],
  ],
  'training.csv': [
    ['u1', 'Basics', 'yes', '2017-02-01'],
    ['u2', 'Basics', 'yes', ''],
  ],
};

const BOOLEAN_WORDS = ['true', 'false', '1', '0', 'yes', 'no'];
const word = fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,8}[A-Za-z]$/);
const notBoolean = word.filter((text) => !BOOLEAN_WORDS.includes(text.trim().toLowerCase()));
const notNumber = fc.oneof(word, fc.constantFrom('1,000', '1.2.3', '--5', '12abc', 'EUR 10', '0x10'));
const notInstant = fc.oneof(
  word,
  fc.constantFrom('2017-13-01', '2017-02-30', '01/03/2017', '2017-03-01T25:00:00Z', '20170301', '2017-3-1', '2017-03-01T10:00:00+2500'),
);
const notChannel = word.filter((text) => !['web', 'mobile', 'api'].includes(text.trim().toLowerCase()));

/** Columns with a rule, and values that break it. */
const BREAKERS: Record<string, Record<string, fc.Arbitrary<string>>> = {
  'users.csv': {
    id: fc.constant('  '),
    department: fc.constant(''),
    active: notBoolean,
    licensed: notBoolean,
    integration: notBoolean,
    created_at: notInstant,
  },
  'logins.csv': { user_id: fc.constant(''), login_at: notInstant, channel: notChannel },
  'opportunities.csv': {
    id: fc.constant(''),
    amount: notNumber,
    is_closed: notBoolean,
    is_won: notBoolean,
    created_at: notInstant,
    last_activity_at: notInstant,
  },
  'training.csv': { user_id: fc.constant(''), course: fc.constant(''), required: notBoolean, completed_at: notInstant },
};

/** A valid folder with one cell broken: which file, row and column, and the value. */
const brokenCell = fc
  .constantFrom(...Object.keys(BREAKERS))
  .chain((file) =>
    fc.record({
      file: fc.constant(file),
      row: fc.nat({ max: ROWS[file].length - 1 }),
      column: fc.constantFrom(...Object.keys(BREAKERS[file])),
    }),
  )
  .chain((where) => fc.record({ where: fc.constant(where), value: BREAKERS[where.file][where.column] }));

/** Structural damage: a row with a cell too many or too few, or an unterminated quote. */
const brokenShape = fc.record({
  file: fc.constantFrom(...Object.keys(ROWS)),
  kind: fc.constantFrom('extra cell', 'missing cell', 'open quote'),
  row: fc.nat({ max: 1 }),
});

function files(change?: { file: string; text: string }): Record<string, string> {
  const all = Object.fromEntries(Object.keys(ROWS).map((file) => [file, csv([HEADERS[file], ...ROWS[file]])]));
  if (change) all[change.file] = change.text;
  return all;
}

describe.each(testEngines())('bad input on %s', (engine) => {
  let database: TestDatabase;
  let db: Database;
  let importer: ImportService;
  let plans: PlanService;
  const folders: string[] = [];
  const clock = new FixedClock(Date.UTC(2017, 5, 1, 12));

  beforeAll(async () => {
    Logger.overrideLogger(false);
    database = await openTestDatabase(engine);
    db = database.db;
    const connections = new ConnectionRepository(db);
    const planRepository = new PlanRepository(db);
    const snapshots = { backfillMissing: async () => undefined, recomputeToday: async () => undefined } as unknown as SnapshotService;
    importer = new ImportService(
      connections,
      new SyncService(
        db,
        connections,
        new SyncRepository(db),
        new IngestRepository(),
        new PlanInForce(planRepository, clock),
        snapshots,
        clock,
      ),
      clock,
    );
    plans = new PlanService(planRepository);
    // Data that a bad drop must leave as it is.
    await importer.importFolder(folder(files()));
    await plans.apply('launch_date: 2017-01-01\ndepartments:\n  - { name: Sales, seats: 2 }\n', 'plan.yaml', 'test', clock.now());
  });

  afterAll(async () => {
    await database.dispose();
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
    Logger.overrideLogger(['log', 'warn', 'error']);
  });

  function folder(contents: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'uptake-fuzz-'));
    folders.push(dir);
    for (const [name, text] of Object.entries(contents)) writeFileSync(join(dir, name), text);
    return dir;
  }

  /** Every row of every data table, in a stable order. */
  async function snapshot(): Promise<string> {
    const parts: string[] = [];
    for (const table of DATA_TABLES) parts.push(table, JSON.stringify(await db.query(`SELECT * FROM ${table} ORDER BY 1, 2`)));
    return parts.join('\n');
  }

  async function importError(
    contents: Record<string, string>,
  ): Promise<{ code?: string; file?: string; line?: number; column?: number; message: string }> {
    const dir = folder(contents);
    try {
      await importer.importFolder(dir);
    } catch (error) {
      return error as { code?: string; message: string };
    }
    throw new Error('the import was accepted');
  }

  it('refuses a file with a broken value, naming file, line and column, and changes no data', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(brokenCell, async ({ where, value }) => {
        const rows = ROWS[where.file].map((row) => [...row]);
        const columnIndex = HEADERS[where.file].indexOf(where.column);
        rows[where.row][columnIndex] = value;
        const error = await importError(files({ file: where.file, text: csv([HEADERS[where.file], ...rows]) }));
        expect(error.code).toBe('CSV_INVALID');
        // Line 1 is the header; the broken row is line row + 2; columns count from 1.
        expect({ file: error.file, line: error.line, column: error.column }).toEqual({
          file: where.file,
          line: where.row + 2,
          column: columnIndex + 1,
        });
        expect(error.message.startsWith(`${where.file}:${where.row + 2}:${columnIndex + 1}: `)).toBe(true);
        expect(await snapshot()).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a file whose rows are broken (cells too many or too few, an open quote), naming where, and changes no data', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(brokenShape, async ({ file, kind, row }) => {
        const lines = csv([HEADERS[file], ...ROWS[file]]).split('\n');
        const line = row + 2;
        if (kind === 'extra cell') lines[line - 1] += ',"x"';
        if (kind === 'missing cell') lines[line - 1] = lines[line - 1].slice(0, lines[line - 1].lastIndexOf(','));
        if (kind === 'open quote') lines[line - 1] = lines[line - 1].replace(/"$/, '');
        const error = await importError(files({ file, text: lines.join('\n') }));
        expect(error.code).toBe('CSV_INVALID');
        expect(error.message).toMatch(new RegExp(`^${file.replace('.', '\\.')}:\\d+:\\d+: `));
        if (kind !== 'open quote') expect(error.line).toBe(line);
        expect(await snapshot()).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses any text that is not a valid plan with every problem located, and stores no version', async () => {
    const valid =
      'launch_date: 2026-01-15\ndepartments:\n  - { name: Sales, seats: 40 }\ngoals:\n  - { department: "*", metric: active_users, target: 0.85, by: 2026-04-15 }\n';
    // Valid plans with characters inserted, deleted or replaced, and arbitrary text.
    const edited = fc
      .record({
        at: fc.nat({ max: valid.length }),
        remove: fc.nat({ max: 3 }),
        insert: fc.string({
          maxLength: 4,
          unit: fc.constantFrom(':', '-', '{', '}', '[', ']', '"', "'", ' ', '\n', '\t', '&', '*', '!', '#', 'x', '9', ','),
        }),
      })
      .map(({ at, remove, insert }) => valid.slice(0, at) + insert + valid.slice(at + remove));
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.oneof(edited, fc.string({ maxLength: 200 })), async (text) => {
        let parsed: unknown;
        try {
          parsed = parseLaunchPlan(text, 'plan.yaml');
        } catch (error) {
          expect(error).toBeInstanceOf(PlanInputError);
          const problems = (error as PlanInputError).problems;
          expect(problems.length).toBeGreaterThan(0);
          const lineCount = text.split(/\r\n|\r|\n/).length;
          for (const problem of problems) {
            expect(problem.line).toBeGreaterThanOrEqual(1);
            expect(problem.line).toBeLessThanOrEqual(lineCount + 1);
            expect(problem.column).toBeGreaterThanOrEqual(1);
          }
          for (const line of (error as Error).message.split('\n')) expect(line).toMatch(/^plan\.yaml:\d+:\d+ /);
          await expect(plans.apply(text, 'plan.yaml', 'fuzz', clock.now())).rejects.toMatchObject({ code: 'PLAN_INVALID' });
          expect(await snapshot()).toBe(before);
          return;
        }
        expect(LaunchPlanSchema.safeParse(parsed).success).toBe(true);
      }),
      { numRuns: RUNS * 4 },
    );
  });

  describe('SQL and HTML metacharacters', () => {
    const nasty = fc
      .oneof(
        fc.constantFrom(
          "'); DROP TABLE crm_users; --",
          '<script>alert(1)</script>',
          "%' OR '1'='1",
          'Robert"); DELETE FROM accounts; --',
          '<img src=x onerror=alert(1)>',
          "\\'; SELECT 1; --",
          ':name :...ids $1 ?',
        ),
        fc.string({
          minLength: 1,
          maxLength: 24,
          unit: fc.constantFrom(
            "'",
            '"',
            ';',
            '-',
            '<',
            '>',
            '&',
            '/',
            '\\',
            '%',
            '_',
            '*',
            '(',
            ')',
            ' ',
            'a',
            'Z',
            '=',
            '`',
            '$',
            ':',
            '?',
            '#',
          ),
        }),
      )
      .map((text) => text.trim())
      .filter((text) => text.length > 0);

    it('keeps department names from an import verbatim, as data', async () => {
      const metrics = new MetricsService(new MetricsRepository(db), new PlanInForce(new PlanRepository(db), clock), new CacheService(db));
      let n = 0;
      const imported = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(nasty, async (department) => {
          n += 1;
          imported.set(department, (imported.get(department) ?? 0) + 1);
          const users = csv([
            ['id', 'department'],
            [`meta-${n}`, department],
          ]);
          await importer.importFolder(folder({ 'users.csv': users }), { connection: 'meta' });
          const report = await metrics.report('2017-06-01', { department });
          expect(report.departments.map((entry) => entry.department)).toEqual([department]);
          // One seat holder per import of this name so far (fast-check may draw a name twice).
          expect(report.departments[0].seatHolders).toBe(imported.get(department));
          const [{ n: users_ }] = await db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM crm_users WHERE external_id = :id', {
            id: `meta-${n}`,
          });
          expect(Number(users_)).toBe(1);
        }),
        { numRuns: RUNS },
      );
      // Every table is still there.
      for (const table of DATA_TABLES) await db.query(`SELECT COUNT(*) AS n FROM ${table}`);
    });

    it('keeps plan values verbatim, as data', async () => {
      await fc.assert(
        fc.asyncProperty(nasty, async (name) => {
          const text = `launch_date: 2017-01-01\ndepartments:\n  - { name: ${JSON.stringify(name)}, seats: 3 }\ngoals:\n  - { department: ${JSON.stringify(name)}, metric: active_users, target: 0.5, by: 2017-06-30 }\n`;
          await plans.apply(text, 'plan.yaml', name, clock.now());
          const current = await plans.current();
          expect(current?.plan.departments.map((department) => department.name)).toEqual([name]);
          expect(current?.plan.goals[0].department).toBe(name);
          expect(current?.createdBy).toBe(name);
        }),
        { numRuns: RUNS },
      );
    });
  });
});
