import { Logger } from '@nestjs/common';
import { FixedClock } from '../common/clock';
import { LoginOccurrences } from '../connectors/csv/csv.connector';
import type { Database } from '../database/database.service';
import { ImportFolders, importServiceWithoutSnapshots } from '../../test/sync-harness';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { ImportService } from './import.service';

const USERS = 'id,department\nu1,Sales\nu2,Sales\n';
// 2017-03-01 00:00 UTC is 1488326400000 (no plan: bare dates are UTC days).
const MARCH_1 = 1488326400000;

describe('CSV logins without an id', () => {
  beforeAll(() => Logger.overrideLogger(false));

  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    let db: Database;
    let sut: ImportService;
    const folders = new ImportFolders('uptake-logins');

    beforeEach(async () => {
      database = await openTestDatabase(engine);
      db = database.db;
      const clock = new FixedClock(Date.UTC(2017, 5, 1, 12));
      sut = importServiceWithoutSnapshots(db, clock);
    });

    afterEach(async () => {
      await database.dispose();
      folders.removeAll();
    });

    function folder(logins: string[]): string {
      return folders.write({ 'users.csv': USERS, 'logins.csv': ['user_id,login_at,status', ...logins].join('\n') });
    }

    async function loginIds(): Promise<string[]> {
      const rows = await db.query<{ external_id: string }>('SELECT external_id FROM login_events ORDER BY external_id');
      return rows.map((row) => row.external_id);
    }

    it('keeps identical rows of one file as that many logins, and adds none when the file comes again', async () => {
      // u1 logs in three times on 1 March given as a bare date (the third row names the same
      // instant and status in another spelling), once on 2 March; u2 once on 1 March: 5 logins.
      const dir = folder([
        'u1,2017-03-01,Success',
        'u1,2017-03-01,Success',
        'u2,2017-03-01,Success',
        'u1,2017-03-01T00:00:00Z,SUCCESS',
        'u1,2017-03-02,Success',
      ]);

      await sut.importFolder(dir);
      await sut.importFolder(dir);

      expect(await loginIds()).toEqual([
        `${MARCH_1}|u1|success|web`,
        `${MARCH_1}|u1|success|web|#2`,
        `${MARCH_1}|u1|success|web|#3`,
        `${MARCH_1}|u2|success|web`,
        `${MARCH_1 + 86_400_000}|u1|success|web`,
      ]);
    });

    it('adds only the rows a later drop has more of', async () => {
      await sut.importFolder(folder(['u1,2017-03-01,Success', 'u1,2017-03-01,Success']));
      // the next drop repeats the day with one more login of u1 and a failed one: 2 + 1 + 1 = 4
      await sut.importFolder(folder(['u1,2017-03-01,Success', 'u1,2017-03-01,Success', 'u1,2017-03-01,Success', 'u1,2017-03-01,Failed']));

      expect(await loginIds()).toEqual([
        `${MARCH_1}|u1|failed|web`,
        `${MARCH_1}|u1|success|web`,
        `${MARCH_1}|u1|success|web|#2`,
        `${MARCH_1}|u1|success|web|#3`,
      ]);
    });
  });
});

describe(LoginOccurrences.name, () => {
  it('numbers the repeats of a content id from 2, per content', () => {
    const sut = new LoginOccurrences();
    expect(['a', 'b', 'a', 'a', 'b'].map((id) => sut.idOf(id))).toEqual(['a', 'b', 'a|#2', 'a|#3', 'b|#2']);
  });

  it('hashes an id that would pass 255 characters with its number', () => {
    const sut = new LoginOccurrences();
    const long = 'x'.repeat(254);
    expect(sut.idOf(long)).toBe(long);
    expect(sut.idOf(long)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
