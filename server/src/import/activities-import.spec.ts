import { Logger } from '@nestjs/common';
import { FixedClock } from '../common/clock';
import { CsvInputError } from '../connectors/csv/csv.connector';
import type { Database } from '../database/database.service';
import { ImportFolders, importServiceWithoutSnapshots } from '../../test/sync-harness';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { ImportService } from './import.service';

const USERS = 'id,department\nu1,Sales\nu2,Sales\n';
const HEADER = 'id,owner_id,type,occurred_at,related_id,created_at,deleted';

describe(`${ImportService.name} of activities.csv`, () => {
  beforeAll(() => Logger.overrideLogger(false));

  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    let db: Database;
    let sut: ImportService;
    const folders = new ImportFolders('uptake-activities');
    const clock = new FixedClock(Date.UTC(2017, 5, 1, 12));

    beforeEach(async () => {
      database = await openTestDatabase(engine);
      db = database.db;
      sut = importServiceWithoutSnapshots(db, clock);
    });

    afterEach(async () => {
      await database.dispose();
      folders.removeAll();
    });

    function folder(files: Record<string, string>): string {
      return folders.write(files);
    }

    async function stored() {
      const rows = await db.query<Record<string, unknown>>(
        `SELECT external_id, owner_external_id, type, occurred_at, related_external_id, created_at, deleted
         FROM activities ORDER BY external_id`,
      );
      return rows.map((row) => ({
        id: row.external_id,
        owner: row.owner_external_id,
        type: row.type,
        occurredAt: Number(row.occurred_at),
        related: row.related_external_id,
        createdAt: row.created_at === null ? null : Number(row.created_at),
        deleted: row.deleted === true || row.deleted === 1,
      }));
    }

    async function activityCount(): Promise<number> {
      const [row] = await db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM activities');
      return Number(row.n);
    }

    it('stores each activity with its type in lower case, its related id and its deletion', async () => {
      const dir = folder({
        'users.csv': USERS,
        'activities.csv': [
          HEADER,
          'a1,u1,Call,2017-03-01T09:30:00Z,o1,2017-03-01T10:00:00Z,',
          'a2,u2,demo-visit,2017-03-02,,,yes',
          'a3,u1,email,2017-03-03T08:00:00Z,acc-7,,false',
        ].join('\n'),
      });

      const run = await sut.importFolder(dir);

      expect(run.counts).toMatchObject({ activities: 3 });
      expect(await stored()).toEqual([
        {
          id: 'a1',
          owner: 'u1',
          type: 'call',
          occurredAt: Date.UTC(2017, 2, 1, 9, 30),
          related: 'o1',
          createdAt: Date.UTC(2017, 2, 1, 10),
          deleted: false,
        },
        { id: 'a2', owner: 'u2', type: 'demo-visit', occurredAt: Date.UTC(2017, 2, 2), related: null, createdAt: null, deleted: true },
        { id: 'a3', owner: 'u1', type: 'email', occurredAt: Date.UTC(2017, 2, 3, 8), related: 'acc-7', createdAt: null, deleted: false },
      ]);
    });

    it('upserts by id in a later drop, keeping a deleted activity as deleted rather than erasing it', async () => {
      await sut.importFolder(folder({ 'users.csv': USERS, 'activities.csv': `id,owner_id,type,occurred_at\na1,u1,call,2017-03-01\n` }));

      // the second drop refers to u2 imported earlier, and deletes a1
      await sut.importFolder(
        folder({ 'activities.csv': `id,owner_id,type,occurred_at,deleted\na1,u2,meeting,2017-03-04,true\na2,u2,note,2017-03-05,\n` }),
      );

      expect(await stored()).toEqual([
        { id: 'a1', owner: 'u2', type: 'meeting', occurredAt: Date.UTC(2017, 2, 4), related: null, createdAt: null, deleted: true },
        { id: 'a2', owner: 'u2', type: 'note', occurredAt: Date.UTC(2017, 2, 5), related: null, createdAt: null, deleted: false },
      ]);
    });

    it.each([
      [
        'an unknown owner',
        `${HEADER}\na1,u1,call,2017-03-01,,,\na2,ghost,call,2017-03-01,,,\n`,
        ['activities.csv', 3, 2, 'owner_id "ghost" is not a user in users.csv or already imported'],
      ],
      [
        'a type that is not one word',
        `${HEADER}\na1,u1,phone call,2017-03-01,,,\n`,
        [
          'activities.csv',
          2,
          3,
          'type "phone call" is not one word (call, email, meeting, task, note or another word of letters, digits, "_" or "-", at most 50)',
        ],
      ],
      ['a missing type', `${HEADER}\na1,u1, ,2017-03-01,,,\n`, ['activities.csv', 2, 3, 'missing value for type']],
      [
        'an unparsable occurred_at',
        `${HEADER}\na1,u1,call,yesterday,,,\n`,
        ['activities.csv', 2, 4, 'occurred_at "yesterday" is not an ISO 8601 date'],
      ],
      ['a missing occurred_at', `${HEADER}\na1,u1,call,,,,\n`, ['activities.csv', 2, 4, 'missing value for occurred_at']],
      [
        'an unparsable created_at',
        `${HEADER}\na1,u1,call,2017-03-01,,2017-13-01,\n`,
        ['activities.csv', 2, 6, 'created_at "2017-13-01" is not an ISO 8601 date'],
      ],
      [
        'a duplicate id',
        `${HEADER}\na1,u1,call,2017-03-01,,,\na1,u2,call,2017-03-02,,,\n`,
        ['activities.csv', 3, 1, 'duplicate id "a1" (first on line 2)'],
      ],
    ])('refuses %s with file, line and column and writes nothing', async (_name, activities, [file, line, column, reason]) => {
      const importing = sut.importFolder(folder({ 'users.csv': USERS, 'activities.csv': activities as string }));

      await expect(importing).rejects.toThrow(new CsvInputError(file as string, line as number, column as number, reason as string));
      expect(await activityCount()).toBe(0);
      const [users] = await db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM crm_users');
      expect(Number(users.n)).toBe(0);
    });
  });
});
