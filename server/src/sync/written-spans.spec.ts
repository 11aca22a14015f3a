import type { CrmRecord, CrmUser, Opportunity, TrainingAssignment } from '../connectors/connector.port';
import { at, MetricsFixture } from '../../test/metrics-fixture';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { writtenSpans } from './written-spans';

const OBSERVED = at('2026-03-20T12:00:00Z');

const user = (externalId: string, overrides: Partial<CrmUser> = {}): CrmUser => ({
  externalId,
  name: externalId,
  email: null,
  department: 'Sales',
  role: null,
  managerExternalId: null,
  active: true,
  licensed: true,
  integration: false,
  createdAt: null,
  ...overrides,
});

describe('writtenSpans', () => {
  it('spans a page of logins from the first to the last, in any order', () => {
    expect(writtenSpans.logins([])).toEqual([]);
    const login = (loginAt: number) => ({
      externalId: String(loginAt),
      userExternalId: 'u',
      loginAt,
      success: true,
      channel: 'web' as const,
    });
    expect(writtenSpans.logins([login(5), login(2), login(9)])).toEqual([{ logins: [2, 9] }]);
  });

  describe.each(testEngines())('on %s', (engine) => {
    let database: TestDatabase;
    let fixture: MetricsFixture;
    let crm: number;

    beforeEach(async () => {
      database = await openTestDatabase(engine);
      fixture = new MetricsFixture(database.db);
      crm = await fixture.connection('crm');
      await fixture.users(crm, [{ externalId: 'u1', createdAt: at('2026-01-05T00:00:00Z') }, { externalId: 'u2' }]);
      await fixture.opportunities(crm, [
        {
          externalId: 'o1',
          ownerExternalId: 'u1',
          createdAt: at('2026-02-01T00:00:00Z'),
          lastModifiedAt: at('2026-02-02T00:00:00Z'),
          fields: { amount: '5' },
        },
      ]);
      await fixture.training(crm, [{ userExternalId: 'u1', course: 'Basics', required: true, completedAt: at('2026-02-10T00:00:00Z') }]);
    });
    afterEach(async () => {
      await database.dispose();
    });

    it('users: a listing re-read unchanged touches nothing; a new user from its creation; a move from when it was seen', async () => {
      const db = database.db;
      expect(await writtenSpans.users(db, crm, [user('u1', { createdAt: at('2026-01-05T00:00:00Z') }), user('u2')], OBSERVED)).toEqual([]);
      expect(await writtenSpans.users(db, crm, [user('u3', { createdAt: at('2026-03-01T00:00:00Z') })], OBSERVED)).toEqual([
        { from: at('2026-03-01T00:00:00Z') },
      ]);
      expect(await writtenSpans.users(db, crm, [user('u4')], OBSERVED)).toEqual([{ from: null }]);
      expect(await writtenSpans.users(db, crm, [user('u2', { department: 'Support' })], OBSERVED)).toEqual([{ from: OBSERVED }]);
      expect(await writtenSpans.users(db, crm, [user('u2', { active: false })], OBSERVED)).toEqual([{ from: OBSERVED }]);
    });

    it('opportunities and records: unchanged touch nothing; a change from its modification time, else when seen', async () => {
      const db = database.db;
      const o1: Opportunity = {
        externalId: 'o1',
        ownerExternalId: 'u1',
        stage: null,
        amount: null,
        isClosed: false,
        isWon: false,
        createdAt: at('2026-02-01T00:00:00Z'),
        closeDate: null,
        lastActivityAt: null,
        lastModifiedAt: at('2026-02-02T00:00:00Z'),
        deleted: false,
        fields: { amount: '5' },
      };
      expect(await writtenSpans.opportunities(db, crm, [o1], OBSERVED)).toEqual([]);
      const modified = at('2026-03-15T00:00:00Z');
      expect(await writtenSpans.opportunities(db, crm, [{ ...o1, stage: 'Won', lastModifiedAt: modified }], OBSERVED)).toEqual([
        { from: modified },
        { from: modified },
      ]);
      // a field emptied without a modification time (a CSV without last_modified_at): from when it was seen
      const record: CrmRecord = {
        objectType: 'opportunity',
        externalId: 'o1',
        ownerExternalId: 'u1',
        createdAt: o1.createdAt,
        lastModifiedAt: o1.lastModifiedAt,
        deleted: false,
        fields: { amount: '5' },
      };
      expect(await writtenSpans.records(db, crm, [record], OBSERVED)).toEqual([]);
      expect(await writtenSpans.records(db, crm, [{ ...record, lastModifiedAt: null, fields: { amount: '' } }], OBSERVED)).toEqual([
        { from: OBSERVED },
      ]);
      expect(
        await writtenSpans.records(db, crm, [{ ...record, externalId: 'a9', objectType: 'account', createdAt: null }], OBSERVED),
      ).toEqual([{ from: null }]);
    });

    it('training: re-listed unchanged touches nothing; a completion from its instant; a newly required course every day', async () => {
      const db = database.db;
      const basics: TrainingAssignment = {
        userExternalId: 'u1',
        course: 'Basics',
        required: true,
        completedAt: at('2026-02-10T00:00:00Z'),
      };
      expect(await writtenSpans.training(db, crm, [basics])).toEqual([]);
      expect(
        await writtenSpans.training(db, crm, [
          { userExternalId: 'u2', course: 'Basics', required: true, completedAt: at('2026-03-02T00:00:00Z') },
        ]),
      ).toEqual([{ from: at('2026-03-02T00:00:00Z') }]);
      // completion moved earlier: from the earlier of the two
      expect(await writtenSpans.training(db, crm, [{ ...basics, completedAt: at('2026-02-01T00:00:00Z') }])).toEqual([
        { from: at('2026-02-01T00:00:00Z') },
      ]);
      expect(
        await writtenSpans.training(db, crm, [{ userExternalId: 'u2', course: 'Advanced', required: true, completedAt: null }]),
      ).toEqual([{ from: null }]);
    });
  });
});
