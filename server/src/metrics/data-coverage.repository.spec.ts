import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { DataCoverageRepository } from './data-coverage.repository';

describe(DataCoverageRepository.name, () => {
  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    let fixture: MetricsFixture;
    let crm: number;
    let sut: DataCoverageRepository;

    beforeEach(async () => {
      database = await openTestDatabase(engine);
      fixture = new MetricsFixture(database.db);
      crm = await fixture.connection('crm');
      sut = new DataCoverageRepository(database.db);
      await fixture.users(crm, [{ externalId: 'u1', department: 'Sales' }]);
    });
    afterEach(async () => {
      await database.dispose();
    });

    it('says there is no login data and when the data ends, for a data set without logins', async () => {
      await fixture.opportunities(crm, [
        { externalId: 'A', ownerExternalId: 'u1', createdAt: at('2016-10-20T10:00:00Z') },
        { externalId: 'B', ownerExternalId: 'u1', createdAt: at('2017-01-05T10:00:00Z'), lastActivityAt: at('2017-12-31T23:30:00Z') },
      ]);
      // The newest instant is B's last activity, 2017-12-31 23:30 UTC.
      expect(await sut.coverage('UTC')).toEqual({ loginsFrom: null, loginsTo: null, dataEndsOn: '2017-12-31' });
      // In Berlin (UTC+1) that instant is already 2018-01-01.
      expect((await sut.coverage('Europe/Berlin')).dataEndsOn).toBe('2018-01-01');
    });

    it('spans the counted logins only, and ends the data at the newest activity of any kind', async () => {
      await fixture.logins(crm, [
        { userExternalId: 'u1', loginAt: at('2026-01-10T09:00:00Z'), success: false }, // failed: not counted
        { userExternalId: 'u1', loginAt: at('2026-01-12T09:00:00Z') },
        { userExternalId: 'u1', loginAt: at('2026-02-20T09:00:00Z') },
        { userExternalId: 'u1', loginAt: at('2026-02-25T09:00:00Z'), channel: 'api' }, // API: not counted
      ]);
      await fixture.training(crm, [
        { userExternalId: 'u1', course: 'CRM Basics', required: true, completedAt: at('2026-03-02T08:00:00Z') },
      ]);
      expect(await sut.coverage('UTC')).toEqual({ loginsFrom: '2026-01-12', loginsTo: '2026-02-20', dataEndsOn: '2026-03-02' });
    });

    it('says there is no data at all on an empty database', async () => {
      expect(await sut.coverage('UTC')).toEqual({ loginsFrom: null, loginsTo: null, dataEndsOn: null });
    });
  });
});
