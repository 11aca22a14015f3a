import { ForecastsResponseSchema, InterventionsResponseSchema, METRIC_KEYS } from '@uptake/shared';
import { FixedClock } from '../../server/test/testing';
import { eachDay } from '../../server/test/testing';
import { SnapshotRepository, type SnapshotRow } from '../../server/test/testing';
import { PlanService } from '../../server/test/testing';
import { at } from '../../server/test/testing';
import { loginAs, type SignedInAgent } from '../support/auth';
import { startApp, testEngines, type TestApp } from '../support/test-app';

/*
 * Today is 2026-03-31 (UTC). Stored daily snapshots from 02-01 to 03-31 (no CRM data: the values
 * are set by hand):
 * - active_users: Sales (10 seat holders) 0.40 before 03-01 and 0.60 from it; Support (6) 0.50 -> 0.55;
 *   Ops (4) 0.20 -> 0.30. A training session for Sales on 03-01: Sales +0.20, the others
 *   (0.50 * 6 + 0.20 * 4) / 10 = 0.38 -> (0.55 * 6 + 0.30 * 4) / 10 = 0.45, +0.07: effect +0.13.
 * - logins_per_user of every scope: 1 + 0.1 k on day k (02-04 is k = 0, 03-31 k = 55: 6.5). Goal "*"
 *   8 by 04-30: the line reaches 8 after (8 - 6.5) / 0.1 = 15 days, on 04-15: on track.
 */
const PLAN = `
launch_date: 2026-01-01
departments:
  - { name: Sales, seats: 10 }
  - { name: Support, seats: 6 }
  - { name: Ops, seats: 4 }
privacy: { min_group_size: 5 }
goals:
  - { department: "*", metric: logins_per_user, target: 8, by: 2026-04-30 }
`;

const SCOPES = [
  { department: 'Sales', seatHolders: 10, before: 0.4, after: 0.6 },
  { department: 'Support', seatHolders: 6, before: 0.5, after: 0.55 },
  { department: 'Ops', seatHolders: 4, before: 0.2, after: 0.3 },
  { department: '*', seatHolders: 20, before: 0.4, after: 0.5 },
];

function snapshotDays(): Array<{ day: string; rows: SnapshotRow[] }> {
  return eachDay('2026-02-01', '2026-03-31').map((day) => {
    const k = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse('2026-02-04T00:00:00Z')) / 86_400_000);
    return {
      day,
      rows: SCOPES.flatMap((scope) =>
        METRIC_KEYS.map((metric) => ({
          day,
          department: scope.department,
          metric,
          value:
            metric === 'active_users'
              ? day < '2026-03-01'
                ? scope.before
                : scope.after
              : metric === 'logins_per_user'
                ? 1 + 0.1 * k
                : null,
          seatHolders: scope.seatHolders,
        })),
      ),
    };
  });
}

describe.each(testEngines())('Forecasts and interventions API on %s', (engine) => {
  let harness: TestApp;
  let admin: SignedInAgent;
  let viewer: SignedInAgent;
  let salesTrainer: SignedInAgent;
  const clock = new FixedClock(at('2026-03-31T12:00:00Z'));

  beforeAll(async () => {
    harness = await startApp(engine, { clock });
    const { app } = harness;
    await app.get(PlanService).apply(PLAN, 'plan.yaml', 'test', at('2026-01-01T08:00:00Z'));
    await app.get(SnapshotRepository).replaceDays(snapshotDays(), clock.now());
    admin = await loginAs(app, 'admin', { email: 'ann@example.test' });
    viewer = await loginAs(app, 'viewer');
    salesTrainer = await loginAs(app, 'trainer', { email: 'tom@example.test', departments: ['Sales'] });
  });

  afterAll(async () => {
    await harness.close();
  });

  describe('GET /api/forecasts', () => {
    it('projects the day each goal is reached from the last 8 weeks of snapshots', async () => {
      const { body } = await admin.get('/api/forecasts?asOf=2026-03-31').expect(200);
      const answer = ForecastsResponseSchema.parse(body);
      expect(answer.how).toContain('least squares');
      expect(answer.forecasts.map((entry) => entry.department)).toEqual(['*', 'Ops', 'Sales', 'Support']);
      for (const entry of answer.forecasts) {
        expect(entry).toMatchObject({ metric: 'logins_per_user', target: 8, by: '2026-04-30', status: 'projected', onTrack: true });
        expect(entry.projectedDate).toBe('2026-04-15');
        expect(entry.points).toBe(56);
        expect(entry.slopePerDay).toBeCloseTo(0.1, 9);
      }
    });

    it('hides from a viewer the forecasts of a small group and of the group that would reveal it', async () => {
      const { body } = await viewer.get('/api/forecasts?asOf=2026-03-31').expect(200);
      const hidden = ForecastsResponseSchema.parse(body)
        .forecasts.filter((entry) => entry.suppressed)
        .map((entry) => entry.department);
      // Ops has 4 (< 5); the pool of 4 is completed with the next smallest, Support (6).
      expect(hidden).toEqual(['Ops', 'Support']);
      expect(body.forecasts.find((entry: { department: string }) => entry.department === 'Ops')).toMatchObject({
        projectedDate: null,
        latest: null,
      });
    });

    it('refuses a day after today', async () => {
      const { body } = await admin.get('/api/forecasts?asOf=2026-04-01').expect(400);
      expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('after today') });
    });
  });

  describe('/api/interventions', () => {
    it('logs an intervention as the signed-in account and estimates its effect', async () => {
      const { body: created } = await admin
        .post('/api/interventions')
        .send({ date: '2026-03-01', kind: 'training_session', departments: ['Sales'], description: 'Pipeline workshop' })
        .expect(201);
      expect(created).toMatchObject({ date: '2026-03-01', who: 'ann@example.test', loggedBy: 'ann@example.test' });

      const { body } = await viewer.get('/api/interventions').expect(200);
      const answer = InterventionsResponseSchema.parse(body);
      const [listed] = answer.interventions;
      expect(listed.id).toBe(created.id);
      // Who logged it is for admins; who ran it is part of the log.
      expect(listed.loggedBy).toBeNull();
      expect(listed.who).toBe('ann@example.test');
      const active = listed.effects.find((effect) => effect.metric === 'active_users');
      expect(active).toMatchObject({ status: 'estimated', treated: { people: 10 }, comparison: { people: 10 } });
      expect(active?.effect).toBeCloseTo(0.13, 9);
    });

    it('lets a trainer log for the departments assigned only, and no viewer at all', async () => {
      const body = { date: '2026-03-10', kind: 'coaching', departments: ['Support'], description: 'Coaching' };
      expect((await salesTrainer.post('/api/interventions').send(body).expect(403)).body.error.code).toBe('FORBIDDEN');
      expect((await viewer.post('/api/interventions').send(body).expect(403)).body.error.code).toBe('FORBIDDEN');
      const { body: own } = await salesTrainer
        .post('/api/interventions')
        .send({ ...body, departments: ['Sales'], who: 'Regional sales lead' })
        .expect(201);
      expect(own).toMatchObject({ who: 'Regional sales lead', loggedBy: null });
      await salesTrainer.delete(`/api/interventions/${own.id}`).expect(200);
      await salesTrainer.delete(`/api/interventions/${own.id}`).expect(404);
    });

    it('refuses to estimate as of a day after today (the 4 weeks after would count as passed)', async () => {
      const { body } = await viewer.get('/api/interventions?asOf=2026-04-01').expect(400);
      expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('after today') });
    });

    it('names what is wrong with a bad body and stores nothing', async () => {
      const before = (await admin.get('/api/interventions').expect(200)).body.interventions.length;
      const bad = await admin
        .post('/api/interventions')
        .send({ date: '2026-02-30', kind: 'party', departments: [], description: '' })
        .expect(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
      const paths = (bad.body.error.details as Array<{ path: string }>).map((detail) => detail.path);
      expect(paths).toEqual(expect.arrayContaining(['date', 'kind', 'departments', 'description']));
      const unknown = await admin
        .post('/api/interventions')
        .send({ date: '2026-03-01', kind: 'coaching', departments: ['Finance'], description: 'x' })
        .expect(400);
      expect(unknown.body.error.code).toBe('INTERVENTION_INVALID');
      expect((await admin.get('/api/interventions').expect(200)).body.interventions).toHaveLength(before);
    });
  });
});
