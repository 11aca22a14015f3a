import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { TrainingRepository } from './training.repository';

/*
 * In America/New_York, 2026-02-10 runs from 05:00Z to 05:00Z the next day (EST), and 2026-03-10
 * starts at 04:00Z (EDT since 2026-03-08). So a completion at 2026-02-11T03:00Z is on local day
 * 2026-02-10 although its UTC day is 02-11: before = [01-13T05:00Z, 02-10T05:00Z),
 * after = [02-10T05:00Z, 03-10T04:00Z).
 */
describe.each(testEngines())(`${TrainingRepository.name} on %s`, (engine) => {
  let database: TestDatabase;
  let sut: TrainingRepository;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    sut = new TrainingRepository(database.db);
    const fx = new MetricsFixture(database.db);
    const crm = await fx.connection();
    await fx.users(crm, [
      { externalId: 'ny', department: 'East' },
      { externalId: 'late', department: 'East' },
      { externalId: 'half', department: 'East' },
    ]);
    await fx.training(crm, [
      { userExternalId: 'ny', course: 'Basics', required: true, completedAt: at('2026-01-20T15:00:00Z') },
      { userExternalId: 'ny', course: 'Advanced', required: true, completedAt: at('2026-02-11T03:00:00Z') }, // local 02-10 22:00
      { userExternalId: 'late', course: 'Basics', required: true, completedAt: at('2026-02-11T06:00:00Z') }, // local 02-11: not in the calendar
      { userExternalId: 'late', course: 'Advanced', required: true, completedAt: at('2026-02-11T06:00:00Z') },
      { userExternalId: 'half', course: 'Basics', required: true, completedAt: at('2026-02-10T12:00:00Z') }, // Advanced missing
    ]);
    await fx.logins(crm, [
      { userExternalId: 'ny', loginAt: at('2026-01-13T04:59:59.999Z') }, // local 01-12: before the before-window
      { userExternalId: 'ny', loginAt: at('2026-01-13T05:00:00Z') }, // before
      { userExternalId: 'ny', loginAt: at('2026-02-10T04:59:59.999Z') }, // local 02-09 23:59: before
      { userExternalId: 'ny', loginAt: at('2026-02-10T05:00:00Z') }, // local 02-10 00:00: after
      { userExternalId: 'ny', loginAt: at('2026-02-20T12:00:00Z'), channel: 'api' }, // not counted
      { userExternalId: 'ny', loginAt: at('2026-03-10T03:59:59.999Z') }, // local 03-09 23:59 EDT: after
      { userExternalId: 'ny', loginAt: at('2026-03-10T04:00:00Z') }, // local 03-10 00:00 EDT: past the after-window
      { userExternalId: 'late', loginAt: at('2026-02-12T12:00:00Z') },
      { userExternalId: 'half', loginAt: at('2026-02-12T12:00:00Z') },
    ]);
  });
  afterAll(() => database.dispose());

  it('counts logins before and after the local completion day', async () => {
    expect(await sut.loginsAroundCompletion('2026-03-31', 'America/New_York', ['2026-02-10'])).toEqual([
      { department: 'East', people: 1, loginsBefore: 2, loginsAfter: 2 },
    ]);
  });

  it('takes everyone whose completion day is listed, and nobody without one', async () => {
    // late completed on local 02-11 (06:00Z is 01:00 EST): no login in the 4 weeks before, one after (02-12)
    expect(await sut.loginsAroundCompletion('2026-03-31', 'America/New_York', ['2026-02-10', '2026-02-11', '2026-02-10'])).toEqual([
      { department: 'East', people: 2, loginsBefore: 2, loginsAfter: 3 },
    ]);
    expect(await sut.loginsAroundCompletion('2026-03-31', 'America/New_York', [])).toEqual([]);
  });

  it('ignores completions after the day', async () => {
    // As of 2026-02-09 (local), nobody had completed both courses.
    expect(await sut.loginsAroundCompletion('2026-02-09', 'America/New_York', ['2026-02-10'])).toEqual([]);
  });
});
