import { TrainingRepository } from '../training/training.repository';
import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { PeopleRepository } from './people.repository';

/*
 * sf: ada (ada@x.com), grace (grace@x.com); a learning system "lms" holds training by email only.
 * Required: Basics, Pipeline. ada: Basics 01-10, Pipeline 01-20 -> done 2 of 2, last 01-20;
 * grace: Basics 01-12 -> 1 of 2, last 01-12. ada logs in on 01-05 (before) and 01-25, 01-26 (after 01-20).
 */
describe.each(testEngines())('people and training lift with training by email on %s', (engine) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const fx = new MetricsFixture(database.db);
    const sf = await fx.connection('sf', 'salesforce');
    const lms = await fx.connection('lms', 'moodle');
    await fx.users(sf, [
      { externalId: 'ada', email: 'ada@x.com' },
      { externalId: 'grace', email: 'grace@x.com' },
    ]);
    const row = (email: string, course: string, completedAt: string) => ({
      userExternalId: email,
      userEmail: email,
      course,
      required: true,
      completedAt: at(completedAt),
    });
    await fx.training(lms, [
      row('ada@x.com', 'Basics', '2026-01-10T09:00:00Z'),
      row('ada@x.com', 'Pipeline', '2026-01-20T09:00:00Z'),
      row('grace@x.com', 'Basics', '2026-01-12T09:00:00Z'),
    ]);
    await fx.logins(sf, [
      { userExternalId: 'ada', loginAt: at('2026-01-05T09:00:00Z') },
      { userExternalId: 'ada', loginAt: at('2026-01-25T09:00:00Z') },
      { userExternalId: 'ada', loginAt: at('2026-01-26T09:00:00Z') },
    ]);
  });
  afterAll(() => database.dispose());

  it('shows each seat holder the required courses they completed under their email', async () => {
    const people = await new PeopleRepository(database.db).seatHolders('2026-01-31', 'UTC');
    expect(people.map((p) => [p.externalId, p.requiredCoursesDone, p.requiredCourses, p.lastRequiredCompletedAt])).toEqual([
      ['ada', 2, 2, at('2026-01-20T09:00:00Z')],
      ['grace', 1, 2, at('2026-01-12T09:00:00Z')], // the latest of those done
    ]);
  });

  it('takes them into the before/after comparison', async () => {
    expect(await new TrainingRepository(database.db).loginsAroundCompletion('2026-03-31', 'UTC', ['2026-01-20'])).toEqual([
      { department: 'Sales', people: 1, loginsBefore: 1, loginsAfter: 2 },
    ]);
  });
});
