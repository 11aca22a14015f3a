import { Logger } from '@nestjs/common';
import { FixedClock } from '../common/clock';
import type { Database } from '../database/database.service';
import { ImportFolders, importServiceWithoutSnapshots } from '../../test/sync-harness';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { ImportService } from './import.service';

/**
 * `training.csv` keyed by `user_email` into a connection of its own (the LMS export), naming people
 * imported through another connection; and the email rules of users.csv.
 */
describe(`${ImportService.name}: people by email`, () => {
  beforeAll(() => Logger.overrideLogger(false));

  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    let db: Database;
    let sut: ImportService;
    const folders = new ImportFolders('uptake-import');
    const clock = new FixedClock(Date.UTC(2017, 5, 1, 12));

    beforeEach(async () => {
      database = await openTestDatabase(engine);
      db = database.db;
      sut = importServiceWithoutSnapshots(db, clock);
      await sut.importFolder(
        folder({
          'users.csv': ['id,name,email,department', 'u1,Ann,Ann@Example.com,Sales', 'u2,Bo,bo@example.com,Sales', 'u3,Cy,,Sales'].join(
            '\n',
          ),
        }),
        { connection: 'crm' },
      );
    });

    afterEach(async () => {
      await database.dispose();
      folders.removeAll();
    });

    function folder(files: Record<string, string>): string {
      return folders.write(files);
    }

    async function trainingRows(): Promise<string[]> {
      const rows = await db.query<{ name: string; user_external_id: string; user_email: string | null; course: string }>(
        `SELECT c.name, t.user_external_id, t.user_email, t.course FROM training_assignments t JOIN connections c ON c.id = t.connection_id
         ORDER BY c.name, t.user_external_id, t.course`,
      );
      return rows.map((row) => `${row.name} ${row.user_external_id} ${row.user_email ?? '-'} ${row.course}`);
    }

    const lms = (training: string[]) => folder({ 'training.csv': ['user_email,course,required,completed_at', ...training].join('\n') });

    it('imports training of people of another connection by trimmed, case-insensitive email', async () => {
      await sut.importFolder(lms([' ANN@example.com ,Basics,yes,2017-02-01', 'bo@example.com,Basics,yes,']), { connection: 'lms' });
      expect(await trainingRows()).toEqual(['lms ann@example.com ann@example.com Basics', 'lms bo@example.com bo@example.com Basics']);
    });

    it('refuses unknown emails naming each line, and writes nothing', async () => {
      const dir = lms([
        'ann@example.com,Basics,yes,',
        'zed@example.com,Basics,yes,',
        'bo@example.com,Basics,yes,',
        'ZED@example.com,Pipeline,no,',
      ]);
      await expect(sut.importFolder(dir, { connection: 'lms' })).rejects.toMatchObject({
        code: 'CSV_INVALID',
        message: [
          'training.csv:3:1: user_email "zed@example.com" is not a person imported through any connection',
          'training.csv:5:1: user_email "zed@example.com" is not a person imported through any connection',
          '2 lines name nobody: import those people first, or pass --skip-unknown to skip these lines',
        ].join('\n'),
      });
      expect(await trainingRows()).toEqual([]);
      expect(await db.query("SELECT id FROM connections WHERE name = 'lms'")).toEqual([]);
    });

    it('skips and reports unknown emails with skipUnknown', async () => {
      const skipped: string[] = [];
      await sut.importFolder(lms(['zed@example.com,Basics,yes,', 'bo@example.com,Basics,yes,']), {
        connection: 'lms',
        skipUnknown: true,
        onSkipped: (where, email) => skipped.push(`${where} ${email}`),
      });
      expect(skipped).toEqual(['training.csv:2:1 zed@example.com']);
      expect(await trainingRows()).toEqual(['lms bo@example.com bo@example.com Basics']);
    });

    it('knows the people of users.csv in the same folder', async () => {
      await sut.importFolder(
        folder({
          'users.csv': 'id,email,department\nx1,dee@example.com,Ops\n',
          'training.csv': 'user_email,course,required,completed_at\nDee@example.com,Basics,yes,\n',
        }),
        { connection: 'lms' },
      );
      expect(await trainingRows()).toEqual(['lms dee@example.com dee@example.com Basics']);
    });

    it.each([
      ['not an address', ['ann.example.com,Basics,yes,'], 'training.csv:2:1: user_email "ann.example.com" is not an email address'],
      [
        'a course listed twice',
        ['ann@example.com,Basics,yes,', 'Ann@Example.com,Basics,no,'],
        'training.csv:3:2: duplicate course "Basics" for user_email "ann@example.com" (first on line 2)',
      ],
    ])('refuses %s', async (_case, training, message) => {
      await expect(sut.importFolder(lms(training), { connection: 'lms' })).rejects.toMatchObject({ code: 'CSV_INVALID', message });
      expect(await trainingRows()).toEqual([]);
    });

    it('refuses a header with both user_id and user_email, or neither', async () => {
      const both = folder({ 'training.csv': 'user_id,user_email,course,required,completed_at\nu1,ann@example.com,Basics,yes,\n' });
      await expect(sut.importFolder(both, { connection: 'crm' })).rejects.toMatchObject({
        message: 'training.csv:1:2: give either user_id or user_email, not both',
      });
      const neither = folder({ 'training.csv': 'course,required,completed_at\nBasics,yes,\n' });
      await expect(sut.importFolder(neither, { connection: 'crm' })).rejects.toMatchObject({
        message:
          'training.csv:1:1: missing column "user_id" (a user of this connection) or "user_email" (a person imported through any connection)',
      });
    });

    it.each([
      [
        'twice in one file',
        'id,email,department\nv1,Eve@example.com,Ops\nv2,eve@EXAMPLE.com ,Ops\n',
        'users.csv:3:2: duplicate email "eve@EXAMPLE.com": also user "v1" on line 2 (one person, one user per connection)',
      ],
      [
        'of a stored user of the connection',
        'id,email,department\nu9,bo@example.com,Ops\n',
        'users.csv:2:2: duplicate email "bo@example.com": user "u2" of this connection already has it (one person, one user per connection)',
      ],
      ['not an address', 'id,email,department\nv1,eve at example,Ops\n', 'users.csv:2:2: email "eve at example" is not an email address'],
    ])('refuses a users.csv email %s', async (_case, users, message) => {
      await expect(sut.importFolder(folder({ 'users.csv': users }), { connection: 'crm' })).rejects.toMatchObject({
        code: 'CSV_INVALID',
        message,
      });
    });

    it('keeps a manager_id that names no user as an unknown manager, with a warning', async () => {
      const warnings: string[] = [];
      await sut.importFolder(folder({ 'users.csv': 'id,department,manager_id\nw1,Sales,u1\nw2,Sales,boss\n' }), {
        connection: 'crm',
        onWarning: (message) => warnings.push(message),
      });
      expect(warnings).toEqual([
        'users.csv:3:3: warning: manager_id "boss" is not a user in users.csv or already imported; kept as an unknown manager',
      ]);
      const rows = await db.query<{ external_id: string; manager_external_id: string }>(
        "SELECT external_id, manager_external_id FROM crm_users WHERE external_id LIKE 'w%' ORDER BY external_id",
      );
      expect(rows).toEqual([
        { external_id: 'w1', manager_external_id: 'u1' },
        { external_id: 'w2', manager_external_id: 'boss' },
      ]);
    });

    it('lets a stored user give its email to another one in the same drop', async () => {
      await sut.importFolder(folder({ 'users.csv': 'id,email,department\nu2,bo2@example.com,Sales\nu9,bo@example.com,Ops\n' }), {
        connection: 'crm',
      });
      const rows = await db.query<{ external_id: string; email: string }>(
        'SELECT external_id, email FROM crm_users WHERE external_id IN (:...ids) ORDER BY external_id',
        {
          ids: ['u2', 'u9'],
        },
      );
      expect(rows).toEqual([
        { external_id: 'u2', email: 'bo2@example.com' },
        { external_id: 'u9', email: 'bo@example.com' },
      ]);
    });
  });
});
