import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { PeopleRepository } from '../people/people.repository';
import { MetricsRepository, type DepartmentCounts, type MetricCounts } from './metrics.repository';

/**
 * "Work, not presence" counts (work-metrics.sql.ts). Day T is 2026-03-10 unless a test says
 * otherwise. In UTC: end(T) exclusive = 2026-03-11T00:00:00Z; the 7-day window starts
 * 2026-03-04T00:00:00Z (T-6); the 30 days of the stale rule start 2026-02-09T00:00:00Z (T-29).
 */
const T = '2026-03-10';

function department(counts: MetricCounts, name: string): DepartmentCounts {
  const found = counts.departments.find((entry) => entry.department === name);
  if (!found) throw new Error(`no counts for department ${name}`);
  return found;
}

describe(`${MetricsRepository.name}: work, not presence`, () => {
  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    let fixture: MetricsFixture;
    let crm: number;
    let sut: MetricsRepository;

    beforeEach(async () => {
      database = await openTestDatabase(engine);
      fixture = new MetricsFixture(database.db);
      crm = await fixture.connection('crm');
      sut = new MetricsRepository(database.db);
    });
    afterEach(async () => {
      await database.dispose();
    });

    it('counts contributors and activities of the 7 days ending on T up to their edge instants', async () => {
      await fixture.users(crm, [
        { externalId: 's1' },
        { externalId: 's2' },
        { externalId: 's3' },
        { externalId: 's4' },
        { externalId: 's5' },
        { externalId: 's6' },
        { externalId: 's7' },
        { externalId: 'bot', integration: true },
        { externalId: 'p1', department: 'Support' },
      ]);
      await fixture.activities(crm, [
        { ownerExternalId: 's1', occurredAt: at('2026-03-04T00:00:00Z') }, //        first instant of the window: counts
        { ownerExternalId: 's1', occurredAt: at('2026-03-10T23:59:59.999Z'), type: 'email' }, // end(T): counts
        { ownerExternalId: 's1', occurredAt: at('2026-03-11T00:00:00Z') }, //        after T
        { ownerExternalId: 's2', occurredAt: at('2026-03-03T23:59:59.999Z') }, //    just before the window
        { ownerExternalId: 's2', occurredAt: at('2026-03-05T10:00:00Z'), deleted: true }, // deleted
        { ownerExternalId: 'bot', occurredAt: at('2026-03-06T10:00:00Z') }, //       not a seat holder
        { ownerExternalId: 'p1', occurredAt: at('2026-03-08T10:00:00Z'), type: 'meeting' },
      ]);
      await fixture.opportunities(crm, [
        { externalId: 'o3', ownerExternalId: 's3', createdAt: at('2026-03-04T00:00:00Z') }, // created in the window
        { externalId: 'o5a', ownerExternalId: 's5', createdAt: at('2026-03-03T23:59:59.999Z') }, // before it
        { externalId: 'o5b', ownerExternalId: 's5' }, //                                         undated
      ]);
      await fixture.records(crm, [
        { objectType: 'account', externalId: 'a4', ownerExternalId: 's4', createdAt: at('2026-03-10T23:59:59.999Z') },
        { objectType: 'account', externalId: 'a5', ownerExternalId: 's5', createdAt: at('2026-03-11T00:00:00Z') }, // after T
        { objectType: 'account', externalId: 'a7', ownerExternalId: 's7', createdAt: at('2026-03-06T00:00:00Z'), deleted: true },
        { objectType: 'account', externalId: 'p-a', ownerExternalId: 'p1', createdAt: at('2026-03-09T00:00:00Z') },
      ]);
      await fixture.logins(crm, [{ userExternalId: 's6', loginAt: at('2026-03-09T09:00:00Z') }]); // presence only

      const counts = await sut.countsAsOf(T, 'UTC');

      // Sales contributors: s1 (activities), s3 (opportunity), s4 (record) = 3 of 7; activities: s1's two
      expect(department(counts, 'Sales')).toMatchObject({ seatHolders: 7, activeContributors7: 3, activities7: 2, activeUsers7: 1 });
      // Support: p1 with one activity and one record, counted once as a contributor
      expect(department(counts, 'Support')).toMatchObject({ seatHolders: 1, activeContributors7: 1, activities7: 1 });
    });

    it('computes every day of a range at once, each work day counting for 7 days from the seat on', async () => {
      await fixture.users(crm, [{ externalId: 's1' }, { externalId: 's2', createdAt: at('2026-03-06T12:00:00Z') }]);
      await fixture.activities(crm, [
        { ownerExternalId: 's1', occurredAt: at('2026-03-02T09:00:00Z') }, // counts 03-02 .. 03-08
        { ownerExternalId: 's1', occurredAt: at('2026-03-05T09:00:00Z') }, // counts 03-05 .. 03-11
        { ownerExternalId: 's2', occurredAt: at('2026-03-04T09:00:00Z') }, // before s2's seat: counts 03-06 .. 03-10
      ]);

      const days = await sut.countsForDays('2026-03-01', '2026-03-12', 'UTC');

      const sales = days.map(({ day, counts }) => {
        const found = counts.departments.find((entry) => entry.department === 'Sales');
        return [day, found?.seatHolders, found?.activeContributors7, found?.activities7];
      });
      expect(sales).toEqual([
        ['2026-03-01', 1, 0, 0],
        ['2026-03-02', 1, 1, 1],
        ['2026-03-03', 1, 1, 1],
        ['2026-03-04', 1, 1, 1],
        ['2026-03-05', 1, 1, 2],
        ['2026-03-06', 2, 2, 3],
        ['2026-03-07', 2, 2, 3],
        ['2026-03-08', 2, 2, 3],
        ['2026-03-09', 2, 2, 2],
        ['2026-03-10', 2, 2, 2],
        ['2026-03-11', 2, 1, 1],
        ['2026-03-12', 2, 0, 0],
      ]);
      // the day asked alone gives the same counts as the range
      expect(department(await sut.countsAsOf('2026-03-06', 'UTC'), 'Sales')).toMatchObject({ activeContributors7: 2, activities7: 3 });
    });

    it('takes the day of each activity in the time zone (America/New_York)', async () => {
      await fixture.users(crm, [{ externalId: 's1' }]);
      // 2026-03-04T04:59:59Z is 23:59:59 on 03-03 in New York (UTC-5): outside the window of 03-10
      await fixture.activities(crm, [
        { ownerExternalId: 's1', occurredAt: at('2026-03-04T04:59:59Z') },
        { ownerExternalId: 's1', occurredAt: at('2026-03-11T03:59:59Z') }, // 23:59:59 on 03-10 (UTC-4 after 03-08): inside
      ]);
      expect(department(await sut.countsAsOf(T, 'America/New_York'), 'Sales')).toMatchObject({ activeContributors7: 1, activities7: 1 });
    });

    it('finds the earliest data among activities too (the backfill without a plan starts there)', async () => {
      await fixture.users(crm, [{ externalId: 's1' }]);
      await fixture.logins(crm, [{ userExternalId: 's1', loginAt: at('2026-02-01T10:00:00Z') }]);
      await fixture.activities(crm, [{ ownerExternalId: 's1', occurredAt: at('2026-01-10T08:00:00Z') }]);
      await expect(sut.earliestActivity()).resolves.toBe(at('2026-01-10T08:00:00Z'));
    });

    it('counts an activity related to an opportunity as a touch of it (stale rule)', async () => {
      await fixture.users(crm, [{ externalId: 's1' }, { externalId: 'bot', integration: true }]);
      const old = at('2026-01-01T00:00:00Z');
      await fixture.opportunities(crm, [
        { externalId: 'o1', ownerExternalId: 's1', createdAt: old },
        { externalId: 'o2', ownerExternalId: 's1', createdAt: old },
        { externalId: 'o3', ownerExternalId: 's1', createdAt: old },
        { externalId: 'o4', ownerExternalId: 's1', createdAt: old },
        { externalId: 'o5', ownerExternalId: 's1', createdAt: old },
        { externalId: 'o6', ownerExternalId: 's1', createdAt: old },
      ]);
      await fixture.activities(crm, [
        { ownerExternalId: 's1', occurredAt: at('2026-02-09T00:00:00Z'), relatedExternalId: 'o1' }, //  first instant of the 30 days: fresh
        { ownerExternalId: 's1', occurredAt: at('2026-02-08T23:59:59.999Z'), relatedExternalId: 'o2' }, // just before: stale
        { ownerExternalId: 's1', occurredAt: at('2026-03-05T00:00:00Z'), relatedExternalId: 'o3', deleted: true }, // deleted: stale
        { ownerExternalId: 's1', occurredAt: at('2026-03-11T00:00:00Z'), relatedExternalId: 'o4' }, //  after T: stale
        { ownerExternalId: 'bot', occurredAt: at('2026-03-01T00:00:00Z'), relatedExternalId: 'o5' }, // anyone's activity touches: fresh
        { ownerExternalId: 's1', occurredAt: at('2026-03-01T00:00:00Z'), relatedExternalId: 'acc-1' }, // about a record, not o6: o6 stale
      ]);

      expect(department(await sut.countsAsOf(T, 'UTC'), 'Sales')).toMatchObject({ openOpportunities: 6, staleOpportunities: 4 });
      // the people table and the executive view apply the same rule (metric-rules.sql.ts)
      const [owner] = await new PeopleRepository(database.db).seatHolders(T, 'UTC');
      expect(owner).toMatchObject({ externalId: 's1', openOpportunities: 6, staleOpportunities: 4 });
      // o1's touch of 02-09 keeps it fresh to 03-10 (02-09 + 29 days); on 03-11 o4's touch of that day makes it fresh
      const [t, next] = await sut.countsForDays('2026-03-10', '2026-03-11', 'UTC');
      expect(department(t.counts, 'Sales')).toMatchObject({ staleOpportunities: 4 });
      expect(department(next.counts, 'Sales')).toMatchObject({ staleOpportunities: 4 });
    });
  });
});
