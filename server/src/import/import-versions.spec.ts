import { Logger } from '@nestjs/common';
import { FixedClock } from '../common/clock';
import type { Database } from '../database/database.service';
import { ImportFolders, importServiceWithoutSnapshots } from '../../test/sync-harness';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { ImportService } from './import.service';

const NOW = Date.UTC(2026, 2, 10, 12);
const O1 = Date.UTC(2026, 2, 1);
const O2 = Date.UTC(2026, 2, 5);
const OPPORTUNITIES = 'id,owner_id,stage,amount,is_closed,is_won,created_at,close_date,last_activity_at,last_modified_at';

describe(`${ImportService.name} versions`, () => {
  beforeAll(() => Logger.overrideLogger(false));

  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    let db: Database;
    let sut: ImportService;
    const folders = new ImportFolders('uptake-import-versions');

    beforeEach(async () => {
      database = await openTestDatabase(engine);
      db = database.db;
      const clock = new FixedClock(NOW);
      sut = importServiceWithoutSnapshots(db, clock);
    });
    afterEach(async () => {
      await database.dispose();
      folders.removeAll();
    });

    function folder(files: Record<string, string>): string {
      return folders.write(files);
    }
    const rows = async (sql: string) =>
      (await db.query<Record<string, unknown>>(sql)).map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([key, value]) => [
            key,
            typeof value === 'boolean' ? Number(value) : Number.isNaN(Number(value)) ? value : Number(value),
          ]),
        ),
      );

    const FIRST = {
      'users.csv': 'id,department\nu1,Sales\nu2,Sales\n',
      'opportunities.csv': `${OPPORTUNITIES}\no1,u1,Prospect,10,false,false,2026-01-01,,,\no2,u2,Prospect,20,false,false,2026-01-01,,,2026-02-01T00:00:00Z\n`,
      'accounts.csv': 'id,owner_id,phone\na1,u1,123\n',
    };

    it('adds no version when the same folder is imported again, even at another --observed-at', async () => {
      await sut.importFolder(folder(FIRST), { observedAt: O1 });
      await sut.importFolder(folder(FIRST), { observedAt: O2 });
      expect(await rows('SELECT external_id, valid_from FROM crm_user_versions ORDER BY external_id')).toEqual([
        { external_id: 'u1', valid_from: O1 },
        { external_id: 'u2', valid_from: O1 },
      ]);
      // o2 is valid from its last_modified_at (before the observation), o1 from the observation
      expect(await rows('SELECT external_id, valid_from FROM opportunity_versions ORDER BY external_id')).toEqual([
        { external_id: 'o1', valid_from: O1 },
        { external_id: 'o2', valid_from: Date.UTC(2026, 1, 1) },
      ]);
    });

    it('takes a last_modified_at after --observed-at as of --observed-at', async () => {
      const later = {
        ...FIRST,
        'opportunities.csv': `${OPPORTUNITIES}\no1,u1,Prospect,10,false,false,2026-01-01,,,2026-03-09T00:00:00Z\n`,
      };
      await sut.importFolder(folder(later), { observedAt: O1 });
      expect(await rows('SELECT valid_from FROM opportunity_versions')).toEqual([{ valid_from: O1 }]);
    });

    it('with --full, deactivates and deletes what a full export lacks as of --observed-at, and leaves families without a file alone', async () => {
      await sut.importFolder(folder(FIRST), { observedAt: O1 });
      // u2 and o2 are gone from the export; accounts.csv is not part of it, so a1 stays
      const run = await sut.importFolder(
        folder({
          'users.csv': 'id,department\nu1,Sales\n',
          'opportunities.csv': `${OPPORTUNITIES}\no1,u1,Prospect,10,false,false,2026-01-01,,,\n`,
        }),
        { observedAt: O2, full: true },
      );
      expect(run.counts).toMatchObject({ users_deactivated: 1, deleted: 1 });
      expect(await rows("SELECT valid_from, active FROM crm_user_versions WHERE external_id = 'u2' ORDER BY valid_from")).toEqual([
        { valid_from: O1, active: 1 },
        { valid_from: O2, active: 0 },
      ]);
      expect(await rows("SELECT valid_from, deleted FROM opportunity_versions WHERE external_id = 'o2' ORDER BY valid_from")).toEqual([
        { valid_from: Date.UTC(2026, 1, 1), deleted: 0 },
        { valid_from: O2, deleted: 1 },
      ]);
      // its record of object "opportunity" too, keeping its field values
      expect(await rows("SELECT valid_from, deleted FROM record_versions WHERE external_id = 'o2' ORDER BY valid_from")).toEqual([
        { valid_from: Date.UTC(2026, 1, 1), deleted: 0 },
        { valid_from: O2, deleted: 1 },
      ]);
      expect(await rows("SELECT COUNT(*) AS n FROM record_versions WHERE object_type = 'account'")).toEqual([{ n: 1 }]);
      expect(await rows("SELECT active FROM crm_users WHERE external_id = 'u2'")).toEqual([{ active: 0 }]);
    });

    it('refuses --full without users.csv, and an --observed-at in the future, writing nothing', async () => {
      await expect(sut.importFolder(folder({ 'opportunities.csv': `${OPPORTUNITIES}\n` }), { full: true })).rejects.toThrow(
        /must have users\.csv/,
      );
      await expect(sut.importFolder(folder(FIRST), { observedAt: NOW + 1 })).rejects.toThrow(/in the future/);
      expect(await rows('SELECT COUNT(*) AS n FROM connections')).toEqual([{ n: 0 }]);
    });
  });
});
