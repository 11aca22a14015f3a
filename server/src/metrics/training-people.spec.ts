import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { MetricsRepository, type MetricCounts } from './metrics.repository';

/**
 * Training completion counted per person (DESIGN.md "a person is one human across connections"):
 *   sf (salesforce): ada, grace (Sales EMEA), lin, bob (Sales NA), all with emails
 *   lms (csv): b2, inactive (not a seat holder), email " BOB@x.com ": bob's second user
 *   moodle: training rows by email, none of them users of its own
 * Required courses (rows marked required): Basics, Pipeline.
 *   ada:   Basics 01-10, Pipeline 01-20 (moodle, by email)           -> trained from 01-20
 *   grace: Basics 01-12 (moodle)                                     -> not trained
 *   lin:   Basics 01-05, Pipeline 01-15 (moodle, by email "LIN@x.com" stored lower-case) -> from 01-15
 *   bob:   Basics 01-08, Pipeline 01-09 (lms, rows of user b2)       -> from 01-09
 *   extern@x.com: both courses, nobody's: counts for no one
 * So on 2026-01-31: EMEA 1 of 2 trained, NA 2 of 2; on 2026-01-14: EMEA 0, NA 1 (bob).
 */
describe.each(testEngines())('training completion per person on %s', (engine) => {
  let database: TestDatabase;
  let sut: MetricsRepository;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    sut = new MetricsRepository(database.db);
    const fx = new MetricsFixture(database.db);
    const sf = await fx.connection('sf', 'salesforce');
    const lms = await fx.connection('lms', 'csv');
    const moodle = await fx.connection('moodle', 'moodle');
    await fx.users(sf, [
      { externalId: 'ada', email: 'ada@x.com', department: 'Sales EMEA' },
      { externalId: 'grace', email: 'grace@x.com', department: 'Sales EMEA' },
      { externalId: 'lin', email: 'lin@x.com', department: 'Sales NA' },
      { externalId: 'bob', email: 'bob@x.com', department: 'Sales NA' },
    ]);
    await fx.users(lms, [{ externalId: 'b2', email: ' BOB@x.com ', department: 'Elsewhere', active: false }]);
    await fx.training(lms, [
      { userExternalId: 'b2', course: 'Basics', required: true, completedAt: at('2026-01-08T10:00:00Z') },
      { userExternalId: 'b2', course: 'Pipeline', required: true, completedAt: at('2026-01-09T10:00:00Z') },
    ]);
    const byEmail = (email: string, course: string, completedAt: string | null) => ({
      userExternalId: email,
      userEmail: email,
      course,
      required: true,
      completedAt: completedAt === null ? null : at(completedAt),
    });
    await fx.training(moodle, [
      byEmail('ada@x.com', 'Basics', '2026-01-10T09:00:00Z'),
      byEmail('ada@x.com', 'Pipeline', '2026-01-20T09:00:00Z'),
      byEmail('grace@x.com', 'Basics', '2026-01-12T09:00:00Z'),
      byEmail('grace@x.com', 'Pipeline', null),
      byEmail('lin@x.com', 'Basics', '2026-01-05T09:00:00Z'),
      byEmail('lin@x.com', 'Pipeline', '2026-01-15T09:00:00Z'),
      byEmail('extern@x.com', 'Basics', '2026-01-02T09:00:00Z'),
      byEmail('extern@x.com', 'Pipeline', '2026-01-02T09:00:00Z'),
    ]);
  });
  afterAll(() => database.dispose());

  const trained = (counts: MetricCounts) =>
    counts.departments.map((entry) => [entry.department, entry.seatHolders, entry.trainedSeatHolders]);

  it('counts the training of every user of a person, and rows by email from any connection', async () => {
    const counts = await sut.countsAsOf('2026-01-31', 'UTC');
    expect(counts.requiredCourses).toBe(2);
    expect(trained(counts)).toEqual([
      ['Sales EMEA', 2, 1],
      ['Sales NA', 2, 2],
    ]);
  });

  it('counts a person from the day of their last required completion', async () => {
    expect(trained(await sut.countsAsOf('2026-01-14', 'UTC'))).toEqual([
      ['Sales EMEA', 2, 0],
      ['Sales NA', 2, 1],
    ]);
  });
});
