import { loadConfig } from '../config/app.config';
import { CacheService, invalidate } from '../cache/cache.service';
import { openTestDatabase, type TestDatabase } from '../../test/test-database';
import { OverviewWarmer } from './overview-warmer.service';
import type { OverviewService } from './overview.service';

describe(OverviewWarmer.name, () => {
  let database: TestDatabase;
  let overview: { overview: jest.Mock };
  let sut: OverviewWarmer;

  const warmer = (scheduler: boolean) =>
    new OverviewWarmer(
      new CacheService(database.db),
      overview as unknown as OverviewService,
      loadConfig({}, { databaseUrl: database.url, scheduler, demo: false }),
    );
  const writeCrmData = async (name: string) => {
    await database.db.query('INSERT INTO departments (name, created_at) VALUES (:name, 0)', { name });
    await invalidate(database.db, 'crm_data');
  };

  beforeEach(async () => {
    database = await openTestDatabase();
    overview = { overview: jest.fn(async () => ({})) };
    sut = warmer(true);
  });

  afterEach(async () => {
    sut.onModuleDestroy();
    await database.dispose();
  });

  it('computes today’s overview at start, then not again while the data stays the same', async () => {
    await sut.check(true);
    await sut.check();
    await sut.check();
    expect(overview.overview).toHaveBeenCalledTimes(1);
    expect(overview.overview).toHaveBeenCalledWith(); // today: no day given
  });

  it('computes again once the data has settled after a change, not while it is changing', async () => {
    await sut.check(true);
    await writeCrmData('Sales');
    await sut.check(); // changed since the last check: a sync may still be writing
    expect(overview.overview).toHaveBeenCalledTimes(1);
    await writeCrmData('Support');
    await sut.check();
    expect(overview.overview).toHaveBeenCalledTimes(1);
    await sut.check(); // the same as at the check before: settled
    expect(overview.overview).toHaveBeenCalledTimes(2);
  });

  it('does nothing where no scheduler runs (the CLI, tests of the API)', () => {
    jest.useFakeTimers();
    try {
      const idle = warmer(false);
      idle.onApplicationBootstrap();
      jest.advanceTimersByTime(60_000);
      expect(overview.overview).not.toHaveBeenCalled();
      idle.onModuleDestroy();
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps trying after a failed computation', async () => {
    overview.overview.mockRejectedValueOnce(new Error('database busy'));
    await sut.check(true);
    await sut.check();
    expect(overview.overview).toHaveBeenCalledTimes(2);
  });
});
