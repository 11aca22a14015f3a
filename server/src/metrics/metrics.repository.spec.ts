import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { NO_COUNTS } from './metric-values.util';
import { MetricsRepository, type DepartmentCounts, type MetricCounts } from './metrics.repository';

/**
 * Day T is 2026-03-10 unless a test says otherwise. In UTC:
 *   end(T) exclusive      = 2026-03-11T00:00:00Z
 *   7-day window starts   = 2026-03-04T00:00:00Z (T-6)
 *   30-day window starts  = 2026-02-09T00:00:00Z (T-29: 10 days back to 2026-02-28, 19 more to 2026-02-09)
 */
const T = '2026-03-10';

function department(counts: MetricCounts, name: string): DepartmentCounts {
  const found = counts.departments.find((entry) => entry.department === name);
  if (!found) throw new Error(`no counts for department ${name}: ${JSON.stringify(counts.departments.map((entry) => entry.department))}`);
  return found;
}

function expectCounts(actual: DepartmentCounts, expected: Partial<DepartmentCounts>): void {
  for (const [key, value] of Object.entries(expected)) {
    if (typeof value === 'number') expect([key, actual[key as keyof DepartmentCounts]]).toEqual([key, expect.closeTo(value, 9)]);
    else expect(actual[key as keyof DepartmentCounts]).toEqual(value);
  }
}

describe(MetricsRepository.name, () => {
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

    it('counts seat holders: active, licensed, not integration, created by the end of the day', async () => {
      await fixture.users(crm, [
        { externalId: 'always', createdAt: null }, //                                   seat holder (no created_at: always existed)
        { externalId: 'last-instant', createdAt: at('2026-03-10T23:59:59.999Z') }, //   seat holder (created at end(T))
        { externalId: 'late', createdAt: at('2026-03-11T00:00:00Z') }, //                joins the day after T
        { externalId: 'deactivated', active: false },
        { externalId: 'unlicensed', licensed: false },
        { externalId: 'integration', integration: true },
        { externalId: 'support', department: 'Support' },
        { externalId: 'nobody-knows', department: null }, //                             lands in "Unassigned"
      ]);
      const counts = await sut.countsAsOf(T, 'UTC');
      expect(counts.departments.map((entry) => [entry.department, entry.seatHolders])).toEqual([
        ['Sales', 2],
        ['Support', 1],
        ['Unassigned', 1],
      ]);
      expect(counts.requiredCourses).toBe(0);
    });

    it('has no department at all when nobody holds a seat', async () => {
      await fixture.users(crm, [{ externalId: 'gone', active: false }]);
      await expect(sut.countsAsOf(T, 'UTC')).resolves.toEqual({ departments: [], requiredCourses: 0 });
    });

    it('counts logins in the 7- and 30-day windows up to their edges', async () => {
      await fixture.users(crm, [{ externalId: 's1' }, { externalId: 's2' }, { externalId: 's3' }, { externalId: 's4' }]);
      await fixture.logins(crm, [
        { userExternalId: 's1', loginAt: at('2026-03-04T00:00:00Z') }, //      T-6 00:00:00: in both windows
        { userExternalId: 's1', loginAt: at('2026-03-05T08:00:00Z'), channel: 'mobile' }, // mobile counts
        { userExternalId: 's1', loginAt: at('2026-03-10T23:59:59.999Z') }, //  end(T): in both windows
        { userExternalId: 's1', loginAt: at('2026-03-11T00:00:00Z') }, //      after T: in neither
        { userExternalId: 's2', loginAt: at('2026-03-03T23:59:59Z') }, //      T-7 23:59:59: 30-day window only
        { userExternalId: 's3', loginAt: at('2026-02-09T00:00:00Z') }, //      T-29 00:00:00: 30-day window only
        { userExternalId: 's4', loginAt: at('2026-02-08T23:59:59Z') }, //      T-30 23:59:59: in neither
      ]);
      const sales = department(await sut.countsAsOf(T, 'UTC'), 'Sales');
      // 7 days: s1 only, with 3 logins (T-6 00:00, the mobile one, end(T)); 30 days: s1, s2, s3
      expectCounts(sales, { seatHolders: 4, activeUsers7: 1, activeUsers30: 3, logins7: 3 });
    });

    it('counts only successful, non-API logins of seat holders of the same connection', async () => {
      const other = await fixture.connection('other');
      await fixture.users(crm, [
        { externalId: 's1' },
        { externalId: 's2' },
        { externalId: 'late', createdAt: at('2026-03-11T00:00:00Z') },
        { externalId: 'deactivated', active: false },
        { externalId: 'unlicensed', licensed: false },
        { externalId: 'integration', integration: true },
      ]);
      await fixture.users(other, [{ externalId: 's1', department: 'Support' }]);
      await fixture.logins(crm, [
        { userExternalId: 's1', loginAt: at('2026-03-09T09:00:00Z'), success: true }, //                 counts
        { userExternalId: 's2', loginAt: at('2026-03-09T09:00:00Z'), success: false }, //                failed
        { userExternalId: 's2', loginAt: at('2026-03-09T10:00:00Z'), channel: 'api' }, //                API
        { userExternalId: 'late', loginAt: at('2026-03-10T10:00:00Z') }, //                              not yet a seat holder
        { userExternalId: 'deactivated', loginAt: at('2026-03-10T10:00:00Z') },
        { userExternalId: 'unlicensed', loginAt: at('2026-03-10T10:00:00Z') },
        { userExternalId: 'integration', loginAt: at('2026-03-10T10:00:00Z') },
      ]);
      const counts = await sut.countsAsOf(T, 'UTC');
      // Sales: s1 and s2 hold seats; only s1's login counts
      expectCounts(department(counts, 'Sales'), { seatHolders: 2, activeUsers7: 1, activeUsers30: 1, logins7: 1 });
      // Support: s1 of the other connection, whose external id matches a login of the first connection only
      expectCounts(department(counts, 'Support'), { seatHolders: 1, activeUsers7: 0, activeUsers30: 0, logins7: 0 });
    });

    it('uses the calendar days of the time zone (America/New_York, across the switch to daylight time on 2026-03-08)', async () => {
      // New York, T = 2026-03-10 (EDT, UTC-4): end(T) exclusive = 2026-03-11T04:00:00Z;
      // the 7-day window starts 2026-03-04 00:00 EST (UTC-5) = 2026-03-04T05:00:00Z;
      // the 30-day window starts 2026-02-09 00:00 EST = 2026-02-09T05:00:00Z.
      await fixture.users(crm, [
        { externalId: 'n1', createdAt: at('2026-03-11T03:30:00Z') }, // 2026-03-10 23:30 local: a seat holder on T
        { externalId: 'n2' },
        { externalId: 'n3' },
      ]);
      await fixture.logins(crm, [
        { userExternalId: 'n1', loginAt: at('2026-03-11T03:00:00Z') }, //  2026-03-10 23:00 EDT: on T
        { userExternalId: 'n2', loginAt: at('2026-03-04T05:00:00Z') }, //  2026-03-04 00:00 EST: first instant of the 7 days
        { userExternalId: 'n3', loginAt: at('2026-03-04T04:59:59Z') }, //  2026-03-03 23:59:59 EST: 30-day window only
        { userExternalId: 'n3', loginAt: at('2026-02-09T04:59:59Z') }, //  2026-02-08 23:59:59 EST: in neither
      ]);
      expectCounts(department(await sut.countsAsOf(T, 'America/New_York'), 'Sales'), {
        seatHolders: 3,
        activeUsers7: 2, // n1, n2
        activeUsers30: 3, // n1, n2, n3
        logins7: 2,
      });
      // Read in UTC, n1 joins on 2026-03-11 and its login is on 2026-03-11: it is not there yet;
      // n3's 04:59:59Z login on 2026-03-04 is inside the UTC 7-day window (from 2026-03-04T00:00Z).
      expectCounts(department(await sut.countsAsOf(T, 'UTC'), 'Sales'), { seatHolders: 2, activeUsers7: 2, activeUsers30: 2, logins7: 2 });
    });

    describe('record completeness', () => {
      const plan = {
        launch_date: '2026-01-15',
        required_fields: { account: ['industry', 'phone'], opportunity: ['amount', 'next_step'] },
      };

      beforeEach(async () => {
        await fixture.users(crm, [
          { externalId: 's1' },
          { externalId: 'p1', department: 'Support' },
          { externalId: 'gone', active: false },
        ]);
        await fixture.records(crm, [
          { objectType: 'account', externalId: 'A1', ownerExternalId: 's1', fields: { industry: 'Retail', phone: '   ' } }, // 1 of 2
          { objectType: 'account', externalId: 'A2', ownerExternalId: 's1', fields: { industry: ' n/A ', website: 'x.example' } }, // 0 of 2 (phone has no row)
          { objectType: 'account', externalId: 'A3', ownerExternalId: 's1', deleted: true, fields: { industry: 'a', phone: '1' } }, // deleted
          {
            objectType: 'account',
            externalId: 'A4',
            ownerExternalId: 's1',
            createdAt: at('2026-03-11T00:00:00Z'),
            fields: { industry: 'a', phone: '1' },
          }, // after T
          { objectType: 'account', externalId: 'A5', ownerExternalId: 'gone', fields: { industry: 'a', phone: '1' } }, // not a seat holder's
          {
            objectType: 'account',
            externalId: 'A6',
            ownerExternalId: 'p1',
            createdAt: at('2026-03-10T23:59:59.999Z'),
            fields: { industry: 'Telco', phone: '555' },
          }, // 2 of 2
          { objectType: 'contact', externalId: 'C1', ownerExternalId: 's1', fields: { email: '' } }, // no required fields: not tracked
        ]);
        await fixture.opportunities(crm, [
          { externalId: 'O1', ownerExternalId: 's1', fields: { amount: '1200', next_step: 'TBD', description: 'filled but not required' } }, // 1 of 2
        ]);
      });

      it('is the mean over tracked records of the share of required fields filled', async () => {
        await fixture.plan(plan);
        const counts = await sut.countsAsOf(T, 'UTC');
        // Sales: A1 1/2 + A2 0/2 + O1 1/2 = 1 over 3 records
        expectCounts(department(counts, 'Sales'), { trackedRecords: 3, completenessSum: 1 });
        // Support: A6 2/2 = 1 over 1 record
        expectCounts(department(counts, 'Support'), { trackedRecords: 1, completenessSum: 1 });
      });

      it('uses the required fields of the latest plan version', async () => {
        await fixture.plan(plan);
        await fixture.plan({ launch_date: '2026-01-15', required_fields: { account: ['industry'] } });
        const counts = await sut.countsAsOf(T, 'UTC');
        // Sales: A1 1/1 + A2 0/1 (n/A is a placeholder) = 1 over 2 records; opportunities are no longer tracked
        expectCounts(department(counts, 'Sales'), { trackedRecords: 2, completenessSum: 1 });
        expectCounts(department(counts, 'Support'), { trackedRecords: 1, completenessSum: 1 });
      });

      it('tracks nothing without a plan or without required fields', async () => {
        expectCounts(department(await sut.countsAsOf(T, 'UTC'), 'Sales'), { trackedRecords: 0, completenessSum: 0 });
        await fixture.plan({ launch_date: '2026-01-15' });
        expectCounts(department(await sut.countsAsOf(T, 'UTC'), 'Sales'), { trackedRecords: 0, completenessSum: 0 });
      });
    });

    it('counts open opportunities at T and the stale ones among them', async () => {
      await fixture.users(crm, [
        { externalId: 's1' },
        { externalId: 'p1', department: 'Support' },
        { externalId: 'm1', department: 'Marketing' },
      ]);
      const old = at('2026-01-01T00:00:00Z');
      await fixture.opportunities(crm, [
        { externalId: 'o1', ownerExternalId: 's1', createdAt: old, lastActivityAt: at('2026-03-01T10:00:00Z') }, //   open, fresh
        { externalId: 'o2', ownerExternalId: 's1', createdAt: old, lastModifiedAt: at('2026-02-08T23:59:59Z') }, //   open, last touch a second before the 30 days: stale
        { externalId: 'o3', ownerExternalId: 's1', createdAt: old, lastActivityAt: at('2026-02-09T00:00:00Z') }, //   open, touched on the first instant of the 30 days: fresh
        { externalId: 'o4', ownerExternalId: 's1', createdAt: at('2026-03-05T00:00:00Z'), closeDate: '2026-03-09' }, // open, overdue: stale
        { externalId: 'o5', ownerExternalId: 's1', createdAt: at('2026-03-01T00:00:00Z'), isClosed: true, closeDate: '2026-03-20' }, // closed after T: open at T, fresh
        { externalId: 'o6', ownerExternalId: 's1', createdAt: old, isClosed: true, closeDate: '2026-03-10' }, //        closed on T: not open
        { externalId: 'o7', ownerExternalId: 's1', createdAt: old, isClosed: true, isWon: true, closeDate: '2026-03-01' }, // closed before T
        { externalId: 'o8', ownerExternalId: 's1', createdAt: at('2026-03-05T00:00:00Z'), deleted: true }, //           deleted
        { externalId: 'o9', ownerExternalId: 's1', createdAt: at('2026-03-11T00:00:00Z') }, //                           created after T
        { externalId: 'o10', ownerExternalId: 's1' }, //                                                                   open, no date at all: stale
        { externalId: 'o11', ownerExternalId: 's1', createdAt: old, lastModifiedAt: at('2026-03-15T00:00:00Z') }, //  only touched after T: stale
        { externalId: 'o12', ownerExternalId: 's1', createdAt: at('2026-03-02T00:00:00Z'), closeDate: '2026-03-10' }, // due on T, not past: fresh
        { externalId: 'p-1', ownerExternalId: 'p1', createdAt: at('2026-03-10T23:59:59.999Z') }, //                     created at end(T): fresh
      ]);
      const counts = await sut.countsAsOf(T, 'UTC');
      // Sales open: o1, o2, o3, o4, o5, o10, o11, o12 = 8; stale: o2, o4, o10, o11 = 4
      expectCounts(department(counts, 'Sales'), { openOpportunities: 8, staleOpportunities: 4 });
      expectCounts(department(counts, 'Support'), { openOpportunities: 1, staleOpportunities: 0 });
      expectCounts(department(counts, 'Marketing'), { openOpportunities: 0, staleOpportunities: 0 });
    });

    it('counts seat holders who completed every required course by the end of T', async () => {
      await fixture.users(crm, [
        { externalId: 's1' },
        { externalId: 's2' },
        { externalId: 's3' },
        { externalId: 's4' },
        { externalId: 'p1', department: 'Support' },
        { externalId: 'p2', department: 'Support' },
      ]);
      await fixture.training(crm, [
        { userExternalId: 's1', course: 'Basics', required: true, completedAt: at('2026-03-01T00:00:00Z') },
        { userExternalId: 's1', course: 'Pipeline', required: true, completedAt: at('2026-03-10T23:59:59.999Z') }, // completed at end(T)
        { userExternalId: 's2', course: 'Basics', required: true, completedAt: at('2026-03-01T00:00:00Z') },
        { userExternalId: 's2', course: 'Pipeline', required: false, completedAt: at('2026-03-11T00:00:00Z') }, //  completed after T
        { userExternalId: 's3', course: 'Basics', required: true, completedAt: at('2026-03-01T00:00:00Z') },
        { userExternalId: 's3', course: 'Advanced', required: false, completedAt: at('2026-03-01T00:00:00Z') }, //  optional; no Pipeline row
        { userExternalId: 'p1', course: 'Basics', required: true, completedAt: at('2026-02-01T00:00:00Z') },
        { userExternalId: 'p1', course: 'Pipeline', required: false, completedAt: at('2026-02-01T00:00:00Z') }, //   Pipeline is required by the other rows
        { userExternalId: 'p2', course: 'Basics', required: true }, //                                                   assigned, not done
      ]);
      const counts = await sut.countsAsOf(T, 'UTC');
      // required courses: Basics, Pipeline (marked required in s1's row) = 2
      expect(counts.requiredCourses).toBe(2);
      expectCounts(department(counts, 'Sales'), { seatHolders: 4, trainedSeatHolders: 1 }); // s1
      expectCounts(department(counts, 'Support'), { seatHolders: 2, trainedSeatHolders: 1 }); // p1
    });

    it('knows the number of required courses even when nobody holds a seat', async () => {
      await fixture.users(crm, [{ externalId: 'gone', active: false }]);
      await fixture.training(crm, [{ userExternalId: 'gone', course: 'Basics', required: true }]);
      await expect(sut.countsAsOf(T, 'UTC')).resolves.toEqual({ departments: [], requiredCourses: 1 });
    });

    it('finds no required course when no row marks one required', async () => {
      await fixture.users(crm, [{ externalId: 's1' }]);
      await fixture.training(crm, [{ userExternalId: 's1', course: 'Basics', completedAt: at('2026-03-01T00:00:00Z') }]);
      const counts = await sut.countsAsOf(T, 'UTC');
      expect(counts.requiredCourses).toBe(0);
      expect(department(counts, 'Sales')).toEqual({ ...NO_COUNTS, department: 'Sales', seatHolders: 1 });
    });

    it('finds the earliest activity in the data', async () => {
      await expect(sut.earliestActivity()).resolves.toBeNull();
      await fixture.users(crm, [{ externalId: 's1' }]);
      await fixture.logins(crm, [{ userExternalId: 's1', loginAt: at('2026-02-01T10:00:00Z') }]);
      await fixture.opportunities(crm, [{ externalId: 'o1', ownerExternalId: 's1', createdAt: at('2026-01-20T00:00:00Z') }]);
      await expect(sut.earliestActivity()).resolves.toBe(at('2026-01-20T00:00:00Z'));
      await expect(sut.departmentNames()).resolves.toEqual(['Sales']);
    });
  });
});
