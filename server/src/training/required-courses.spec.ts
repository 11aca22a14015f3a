import { MetricsRepository, type MetricCounts } from '../metrics/metrics.repository';
import { PeopleRepository } from '../people/people.repository';
import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';

/*
 * Sales EMEA: ada, grace; Sales NA: lin, bob. Training rows (none marked required except Ethics):
 *   ada Basics 01-05, Pipeline 01-10; grace Basics 01-06; lin Basics 01-07, Ethics (required, not done).
 * With the plan { "*": [Basics], Sales EMEA: [Basics, Pipeline] } (row flags do not matter then):
 *   EMEA needs Basics + Pipeline: ada trained, grace not -> 1 of 2; NA needs Basics: lin yes, bob no -> 1 of 2;
 *   2 distinct required courses.
 * Without a plan: Ethics (the only row marked required) for everyone: nobody trained, 1 required course.
 */
describe.each(testEngines())('required courses per department on %s', (engine) => {
  let database: TestDatabase;
  let fx: MetricsFixture;

  beforeEach(async () => {
    database = await openTestDatabase(engine);
    fx = new MetricsFixture(database.db);
    const sf = await fx.connection('sf', 'salesforce');
    await fx.users(sf, [
      { externalId: 'ada', department: 'Sales EMEA' },
      { externalId: 'grace', department: 'Sales EMEA' },
      { externalId: 'lin', department: 'Sales NA' },
      { externalId: 'bob', department: 'Sales NA' },
    ]);
    await fx.training(sf, [
      { userExternalId: 'ada', course: 'Basics', completedAt: at('2026-01-05T10:00:00Z') },
      { userExternalId: 'ada', course: 'Pipeline', completedAt: at('2026-01-10T10:00:00Z') },
      { userExternalId: 'grace', course: 'Basics', completedAt: at('2026-01-06T10:00:00Z') },
      { userExternalId: 'lin', course: 'Basics', completedAt: at('2026-01-07T10:00:00Z') },
      { userExternalId: 'lin', course: 'Ethics', required: true },
    ]);
  });
  afterEach(() => database.dispose());

  const trained = (counts: MetricCounts) => counts.departments.map((d) => [d.department, d.seatHolders, d.trainedSeatHolders]);
  const people = async () =>
    (await new PeopleRepository(database.db).seatHolders('2026-01-31', 'UTC')).map((p) => [
      p.externalId,
      p.requiredCoursesDone,
      p.requiredCourses,
    ]);

  it("uses the department's own courses, else those of *", async () => {
    await fx.plan({
      launch_date: '2026-01-01',
      departments: [
        { name: 'Sales EMEA', seats: 2 },
        { name: 'Sales NA', seats: 2 },
      ],
      training: { required_courses: { '*': ['Basics'], 'Sales EMEA': ['Basics', 'Pipeline'] } },
    });
    const counts = await new MetricsRepository(database.db).countsAsOf('2026-01-31', 'UTC');
    expect(counts.requiredCourses).toBe(2);
    expect(trained(counts)).toEqual([
      ['Sales EMEA', 2, 1],
      ['Sales NA', 2, 1],
    ]);
    // ada's Pipeline on 01-10: not yet on 01-09
    expect(trained(await new MetricsRepository(database.db).countsAsOf('2026-01-09', 'UTC'))).toEqual([
      ['Sales EMEA', 2, 0],
      ['Sales NA', 2, 1],
    ]);
    expect(await people()).toEqual([
      ['ada', 2, 2],
      ['grace', 1, 2],
      ['bob', 0, 1],
      ['lin', 1, 1],
    ]);
  });

  it('uses the courses marked required in any row when the plan names none', async () => {
    const counts = await new MetricsRepository(database.db).countsAsOf('2026-01-31', 'UTC');
    expect(counts.requiredCourses).toBe(1);
    expect(trained(counts)).toEqual([
      ['Sales EMEA', 2, 0],
      ['Sales NA', 2, 0],
    ]);
    expect(await people()).toEqual([
      ['ada', 0, 1],
      ['grace', 0, 1],
      ['bob', 0, 1],
      ['lin', 0, 1],
    ]);
  });
});
