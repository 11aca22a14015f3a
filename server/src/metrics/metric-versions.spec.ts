import { PeopleRepository } from '../people/people.repository';
import { RoiRepository } from '../roi/roi.repository';
import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { MetricsRepository, type DepartmentCounts, type MetricCounts } from './metrics.repository';

/**
 * DESIGN.md "History": every day reads the versions in force at its end. Three observations (UTC):
 *   O1 2026-03-01T00:00Z  ann, bob East; cat, dan West. Opportunity `lost` (ann, created 02-01, last
 *                         activity 03-01), opportunity `moving` (cat, created 01-01, never touched),
 *                         account `acc` (ann) with phone filled and website empty.
 *   O2 2026-03-05T12:00Z  bob moves to West; `moving` closed lost with close date 03-02 (modified
 *                         03-05T08:00); `acc` gets its website (modified 03-05T09:00).
 *   O3 2026-03-07T09:00Z  dan deactivated (a leaver); `lost` deleted (modified 03-06T15:00).
 * bob logs in on 03-04T10:00.
 */
const O1 = at('2026-03-01T00:00:00Z');
const O2 = at('2026-03-05T12:00:00Z');
const O3 = at('2026-03-07T09:00:00Z');

function department(counts: MetricCounts, name: string): DepartmentCounts | undefined {
  return counts.departments.find((entry) => entry.department === name);
}

describe('metrics over versions', () => {
  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    let sut: MetricsRepository;

    beforeAll(async () => {
      database = await openTestDatabase(engine);
      const fixture = new MetricsFixture(database.db);
      const crm = await fixture.connection('crm');
      sut = new MetricsRepository(database.db);
      await fixture.plan({ launch_date: '2026-01-15', required_fields: { account: ['phone', 'website'] } });
      // drop 1
      await fixture.users(
        crm,
        [
          { externalId: 'ann', department: 'East' },
          { externalId: 'bob', department: 'East' },
          { externalId: 'cat', department: 'West' },
          { externalId: 'dan', department: 'West' },
        ],
        O1,
      );
      const lost = {
        externalId: 'lost',
        ownerExternalId: 'ann',
        createdAt: at('2026-02-01T00:00:00Z'),
        lastActivityAt: at('2026-03-01T00:00:00Z'),
        lastModifiedAt: at('2026-03-01T00:00:00Z'),
      };
      const moving = { externalId: 'moving', ownerExternalId: 'cat', createdAt: at('2026-01-01T00:00:00Z') };
      await fixture.opportunities(crm, [lost, moving], O1);
      const account = { objectType: 'account', externalId: 'acc', ownerExternalId: 'ann' };
      await fixture.records(crm, [{ ...account, fields: { phone: '123', website: '' } }], O1);
      await fixture.logins(crm, [{ userExternalId: 'bob', loginAt: at('2026-03-04T10:00:00Z') }]);
      // drop 2
      await fixture.users(crm, [{ externalId: 'bob', department: 'West' }], O2);
      await fixture.opportunities(
        crm,
        [{ ...moving, isClosed: true, closeDate: '2026-03-02', lastModifiedAt: at('2026-03-05T08:00:00Z') }],
        O2,
      );
      await fixture.records(
        crm,
        [{ ...account, lastModifiedAt: at('2026-03-05T09:00:00Z'), fields: { phone: '123', website: 'x.com' } }],
        O2,
      );
      // drop 3: the same rows again add no version; dan leaves, `lost` is deleted
      await fixture.users(crm, [{ externalId: 'dan', department: 'West', active: false }], O3);
      await fixture.opportunities(crm, [{ ...lost, deleted: true, lastModifiedAt: at('2026-03-06T15:00:00Z') }], O3);
      await fixture.records(
        crm,
        [{ ...account, lastModifiedAt: at('2026-03-05T09:00:00Z'), fields: { phone: '123', website: 'x.com' } }],
        O3,
      );
    });
    afterAll(async () => {
      await database.dispose();
    });

    it('keeps one version per change and none for an unchanged row', async () => {
      const rows = await database.db.query<{ external_id: string; valid_from: number | string }>(
        "SELECT external_id, valid_from FROM record_versions WHERE object_type = 'account' ORDER BY valid_from",
      );
      // O1, then 03-05T09:00 (its modification time); drop 3 repeated it unchanged
      expect(rows.map((row) => Number(row.valid_from))).toEqual([O1, at('2026-03-05T09:00:00Z')]);
      const users = await database.db.query<{ n: number | string }>(
        "SELECT COUNT(*) AS n FROM crm_user_versions WHERE external_id = 'dan'",
      );
      expect(Number(users[0].n)).toBe(2);
    });

    it.each([
      // day, East seats, West seats: bob counts in East until the day of his move (O2 is 03-05 12:00),
      // dan in West until the day before he was seen deactivated (O3 is 03-07 09:00); before O1 the
      // first versions stand in.
      ['2026-02-20', 2, 2],
      ['2026-03-04', 2, 2],
      ['2026-03-05', 1, 3],
      ['2026-03-06', 1, 3],
      ['2026-03-07', 1, 2],
    ])('on %s East has %i and West %i seat holders', async (day, east, west) => {
      const counts = await sut.countsAsOf(day, 'UTC');
      expect(department(counts, 'East')?.seatHolders).toBe(east);
      expect(department(counts, 'West')?.seatHolders).toBe(west);
      const people = await new PeopleRepository(database.db).seatHolders(day, 'UTC');
      expect(people.filter((person) => person.department === 'East')).toHaveLength(east);
      expect(people.filter((person) => person.department === 'West')).toHaveLength(west);
    });

    it("counts bob's login in the department he is in on each day of its window", async () => {
      // login 03-04: on 03-04 bob is in East; from 03-05 (after his move) in West, for the rest of the 7 days
      expect(department(await sut.countsAsOf('2026-03-04', 'UTC'), 'East')).toMatchObject({ activeUsers7: 1, logins7: 1 });
      expect(department(await sut.countsAsOf('2026-03-04', 'UTC'), 'West')).toMatchObject({ activeUsers7: 0, logins7: 0 });
      expect(department(await sut.countsAsOf('2026-03-06', 'UTC'), 'East')).toMatchObject({ activeUsers7: 0, logins7: 0 });
      expect(department(await sut.countsAsOf('2026-03-06', 'UTC'), 'West')).toMatchObject({ activeUsers7: 1, logins7: 1 });
      // 03-10 is the last day of the 7 (03-04 .. 03-10); 03-11 is out of it, still in the 30
      expect(department(await sut.countsAsOf('2026-03-10', 'UTC'), 'West')).toMatchObject({ activeUsers7: 1, activeUsers30: 1 });
      expect(department(await sut.countsAsOf('2026-03-11', 'UTC'), 'West')).toMatchObject({ activeUsers7: 0, activeUsers30: 1 });
    });

    it.each([
      // `lost` (East): open and fresh until its deletion (03-06 15:00); on 02-20 its touch is its creation 02-01.
      // `moving` (West): open and stale (untouched since 01-01) until the version that closed it (03-05 08:00).
      ['2026-02-20', { open: 1, stale: 0 }, { open: 1, stale: 1 }],
      ['2026-03-04', { open: 1, stale: 0 }, { open: 1, stale: 1 }],
      ['2026-03-05', { open: 1, stale: 0 }, { open: 0, stale: 0 }],
      ['2026-03-06', { open: 0, stale: 0 }, { open: 0, stale: 0 }],
    ])('on %s the pipeline is East %o and West %o', async (day, east, west) => {
      const counts = await sut.countsAsOf(day, 'UTC');
      expect(department(counts, 'East')).toMatchObject({ openOpportunities: east.open, staleOpportunities: east.stale });
      expect(department(counts, 'West')).toMatchObject({ openOpportunities: west.open, staleOpportunities: west.stale });
      const pipeline = await new RoiRepository(database.db).pipelineAsOf(day, 'UTC');
      const of = (name: string) => pipeline.find((entry) => entry.department === name) ?? { openCount: 0, staleCount: 0 };
      expect(of('East')).toMatchObject({ openCount: east.open, staleCount: east.stale });
      expect(of('West')).toMatchObject({ openCount: west.open, staleCount: west.stale });
    });

    it('reads the field values of the record version in force', async () => {
      // acc: phone only (1/2) until its website arrived on 03-05 09:00, then 2/2
      expect(department(await sut.countsAsOf('2026-03-04', 'UTC'), 'East')).toMatchObject({ trackedRecords: 1, completenessSum: 0.5 });
      expect(department(await sut.countsAsOf('2026-03-05', 'UTC'), 'East')).toMatchObject({ trackedRecords: 1, completenessSum: 1 });
      const people = await new PeopleRepository(database.db).seatHolders('2026-03-04', 'UTC', 'East');
      expect(people.find((person) => person.externalId === 'ann')).toMatchObject({ trackedRecords: 1, completenessSum: 0.5 });
    });

    it('gives the same counts for a range as day by day', async () => {
      const range = await sut.countsForDays('2026-02-25', '2026-03-12', 'UTC');
      for (const { day, counts } of range) {
        const single = await new MetricsRepository(database.db).countsForDays(day, day, 'UTC');
        expect([day, counts]).toEqual([day, single[0].counts]);
      }
    });
  });
});
