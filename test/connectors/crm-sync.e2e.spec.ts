import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  FixedClock,
  loadConfig,
  ConnectionService,
  Database,
  toBoolean,
  createHttpApp,
  MetricsService,
  PlanService,
  SyncService,
  openTestDatabase,
  testEngines,
  type TestDatabase,
} from '../../server/test/testing';
import { startFakeDataverse, type FakeDataverse } from '../fake-crm/dataverse.fake';
import { dataverseFixture, DV_USERS } from '../fake-crm/dataverse.fixture';
import { startFakeHubSpot, type FakeHubSpot } from '../fake-crm/hubspot.fake';
import { HS_OWNERS, hubspotFixture } from '../fake-crm/hubspot.fixture';
import { startFakeSalesforce, type FakeSalesforce } from '../fake-crm/salesforce.fake';
import { salesforceFixture, SF_USERS } from '../fake-crm/salesforce.fixture';
import { allowPrivateCrmHosts } from '../support/private-crm-hosts';

/**
 * A full sync through the sync engine (SyncService in the Nest app, real database) against each
 * fake CRM: the rows it stores, the metrics they give, and what a second sync after changes on
 * the fake brings in. Metric values are worked out by hand from the fixtures (see comments).
 */
/**
 * The counts of the families a run read, without those of the stored days it recomputed for late
 * data (a second sync brings changes dated on days the first one stored: see late-data tests).
 */
function readCounts(counts: Record<string, number>): Record<string, number> {
  const { restated_days: days, restated_values: _values, restatement_pending_days: pending, ...read } = counts;
  if (days !== undefined) expect([days > 0, pending]).toEqual([true, 0]);
  return read;
}

const plan = (launch: string, departments: string[], required: string) => `
launch_date: ${launch}
timezone: UTC
departments:
${departments.map((name) => `  - { name: ${name}, seats: 10, licence_cost_per_seat_month: 50 }`).join('\n')}
required_fields:
${required}
`;

allowPrivateCrmHosts();

describe.each(testEngines())('CRM connectors through the sync engine on %s', (engine) => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  const clock = new FixedClock(0);

  async function start(now: string, planText: string): Promise<void> {
    clock.set(Date.parse(now));
    database = await openTestDatabase(engine);
    const config = loadConfig({}, { databaseUrl: database.url, demo: false, scheduler: false, webDist: null });
    app = await createHttpApp(config, { clock, logger: false });
    await app.init();
    await app.get(PlanService).apply(planText, 'plan.yaml', 'test', clock.now());
  }

  afterEach(async () => {
    await app?.close();
    await database?.dispose();
  });

  const sync = async (name: string) => app.get(SyncService).run(await app.get(ConnectionService).get(name), { trigger: 'manual' });
  const rows = <T>(sql: string) => app.get(Database).query<T>(sql);
  const users = async () =>
    (
      await rows<{ external_id: string; department: string; active: unknown; licensed: unknown; integration: unknown }>(
        'SELECT u.external_id, d.name AS department, u.active, u.licensed, u.integration FROM crm_users u JOIN departments d ON d.id = u.department_id ORDER BY u.external_id',
      )
    ).map((row) => [row.external_id, row.department, toBoolean(row.active), toBoolean(row.licensed), toBoolean(row.integration)]);
  const opportunities = async () =>
    (
      await rows<{ external_id: string; deleted: unknown; is_closed: unknown; is_won: unknown; close_date: string | null }>(
        'SELECT external_id, deleted, is_closed, is_won, close_date FROM opportunities ORDER BY external_id',
      )
    ).map((row) => [row.external_id, toBoolean(row.deleted), toBoolean(row.is_closed), toBoolean(row.is_won), row.close_date]);
  const logins = async () =>
    (
      await rows<{ external_id: string; user_external_id: string; success: unknown; channel: string }>(
        'SELECT external_id, user_external_id, success, channel FROM login_events ORDER BY external_id',
      )
    ).map((row) => [row.external_id, row.user_external_id, toBoolean(row.success), row.channel]);
  const metricsOf = async (asOf: string, department: string) => (await app.get(MetricsService).report(asOf, { department })).departments[0];

  describe('Salesforce', () => {
    let fake: FakeSalesforce;
    afterEach(() => fake.close());

    it('stores users, logins, opportunities and accounts, and a second sync brings only the changes', async () => {
      fake = await startFakeSalesforce(salesforceFixture());
      fake.state.pageSize = 2;
      await start(
        '2021-10-20T18:00:00Z',
        plan(
          '2021-10-01',
          ['Sales EMEA', 'Sales NA'],
          '  opportunity: [amount, close_date, next_step]\n  account: [industry, phone, website]',
        ),
      );
      await app.get(ConnectionService).add({
        name: 'sf',
        kind: 'salesforce',
        options: {
          instance_url: fake.url,
          client_id: fake.state.clientId,
          client_secret: fake.state.clientSecret,
          integration_users: 'integration@acme.example',
        },
      });

      const first = await sync('sf');

      expect(first.status).toBe('succeeded');
      // The run history also carries the daily API allowance as the CRM last reported it (Sforce-Limit-Info).
      expect(first.counts).toEqual({
        users: 5,
        logins: 6,
        opportunities: 5,
        'records:account': 3,
        training: 0,
        // Task: 3 (one deleted, through queryAll), Event: 2.
        activities: 5,
        api_requests_used: fake.state.apiUsage.used,
        api_requests_limit: 15000,
      });
      expect(await users()).toEqual([
        [SF_USERS.alan, 'Sales NA', false, true, false],
        [SF_USERS.chatter, 'Unassigned', true, false, true],
        [SF_USERS.integration, 'Unassigned', true, true, true],
        [SF_USERS.grace, 'Sales EMEA', true, true, false],
        [SF_USERS.ada, 'Sales EMEA', true, true, false],
      ]);
      expect(await logins()).toEqual([
        ['0Ya5j00000GLxCdCAL', SF_USERS.ada, true, 'api'],
        ['0Ya5j00000GLxD1CAL', SF_USERS.ada, true, 'web'],
        ['0Ya5j00000GLxD2CAL', SF_USERS.grace, true, 'mobile'],
        ['0Ya5j00000GLxD3CAL', SF_USERS.grace, false, 'web'],
        ['0Ya5j00000GLxD4CAL', SF_USERS.integration, true, 'api'],
        ['0YaJ400000H0kYoKAJ', SF_USERS.grace, false, 'api'],
      ]);
      expect(await opportunities()).toEqual([
        ['0065j00000OPP01AAA', false, false, false, '2020-12-22'],
        ['0065j00000OPP02AAA', false, false, false, '2021-01-19'],
        ['0065j00000OPP03AAA', false, true, true, '2020-12-02'],
        ['0065j00000OPP04AAA', true, true, false, '2021-01-21'],
        ['0065j00000OPP05AAA', false, false, false, '2020-12-26'],
      ]);
      // Seat holders of Sales EMEA: Ada and Grace (Alan is inactive and in Sales NA).
      // Counted logins 2021-10-14..20: Ada web 10-19, Grace mobile 10-19 (API logins and failures do not count).
      // Completeness: OPP01 3/3, OPP02 2/3 (next step "n/a"), OPP03 2/3 (no next step), OPP04 deleted;
      //   ACC01 2/3 (industry "n/a"), ACC02 3/3, ACC03 2/3 (no website): (1 + 2/3 + 2/3 + 2/3 + 1 + 2/3) / 6 = 7/9.
      // Open at T: OPP01, OPP02 (OPP03 closed 2020-12-02); both close dates are before T: stale 2/2.
      expect(await metricsOf('2021-10-20', 'Sales EMEA')).toMatchObject({
        seatHolders: 2,
        metrics: { active_users: 1, monthly_active_users: 1, logins_per_user: 1, stale_opportunities: 1, training_completion: null },
      });
      expect((await metricsOf('2021-10-20', 'Sales EMEA')).metrics.record_completeness).toBeCloseTo(7 / 9, 10);

      const opportunity = (id: string) => fake.state.objects.Opportunity.rows.find((row) => row.Id === id)!;
      Object.assign(opportunity('0065j00000OPP02AAA'), {
        NextStep: 'Demo booked',
        CloseDate: '2021-11-30',
        LastModifiedDate: '2021-10-20T10:00:00.000+0000',
        SystemModstamp: '2021-10-20T10:00:00.000+0000',
      });
      Object.assign(opportunity('0065j00000OPP05AAA'), { IsDeleted: true, SystemModstamp: '2021-10-20T11:00:00.000+0000' });
      Object.assign(
        fake.state.objects.Account.rows.find((row) => row.Id === '001ACC03')!,
        {
          Website: 'https://teklist.example',
          LastModifiedDate: '2021-10-20T12:00:00.000+0000',
          SystemModstamp: '2021-10-20T12:00:00.000+0000',
        },
      );
      fake.state.objects.LoginHistory.rows.push({
        Id: '0Ya5j00000GLxD5CAL',
        UserId: SF_USERS.grace,
        LoginTime: '2021-10-21T09:00:00.000+0000',
        Status: 'Success',
        LoginType: 'Application',
        Application: 'Browser',
        SourceIp: '203.0.113.8',
      });
      clock.set(Date.parse('2021-10-21T18:00:00Z'));

      const second = await sync('sf');

      // Logins after 2021-10-20T09:00 - 5 min overlap: D4 again (09:00) and the new D5. Opportunities: OPP02, OPP05.
      expect(readCounts(second.counts)).toEqual({
        users: 5,
        logins: 2,
        opportunities: 2,
        'records:account': 1,
        training: 0,
        // From the watermark (the deleted task's 2021-10-20T16:00Z) minus 5 minutes: that task again.
        activities: 1,
        api_requests_used: fake.state.apiUsage.used,
        api_requests_limit: 15000,
      });
      expect((await opportunities()).find((row) => row[0] === '0065j00000OPP05AAA')).toEqual([
        '0065j00000OPP05AAA',
        true,
        false,
        false,
        '2020-12-26',
      ]);
      // Logins 10-15..21: Ada 10-19, Grace 10-19 and 10-21: 3 / 2 seat holders.
      // Completeness: OPP02 now 3/3, ACC03 now 3/3: (1 + 1 + 2/3 + 2/3 + 1 + 1) / 6 = 8/9.
      // Stale: OPP01 (closed date passed); OPP02 touched 10-20 and closing 11-30 is not: 1/2.
      const after = await metricsOf('2021-10-21', 'Sales EMEA');
      expect(after).toMatchObject({ seatHolders: 2, metrics: { active_users: 1, logins_per_user: 1.5, stale_opportunities: 0.5 } });
      expect(after.metrics.record_completeness).toBeCloseTo(8 / 9, 10);
    });

    it('syncs everything else when the API user may not read Event, and the run history says which permission is missing', async () => {
      const { Event: _event, ...withoutEvent } = salesforceFixture();
      fake = await startFakeSalesforce(withoutEvent);
      await start('2021-10-20T18:00:00Z', plan('2021-10-01', ['Sales EMEA', 'Sales NA'], '  opportunity: [amount]'));
      await app.get(ConnectionService).add({
        name: 'sf',
        kind: 'salesforce',
        options: { instance_url: fake.url, client_id: fake.state.clientId, client_secret: fake.state.clientSecret },
      });

      const run = await sync('sf');

      expect(run.status).toBe('succeeded');
      expect(run.error).toMatch(/^Warning: activities not synced: the Salesforce API user cannot read Event \(NOT_FOUND: /);
      expect(run.error).toContain('"View All Activities"');
      // The three tasks were read before Salesforce refused Event, and are kept.
      expect(run.counts).toMatchObject({ users: 5, logins: 6, opportunities: 5, activities: 3 });
      const [stored] = await rows<{ n: unknown }>('SELECT COUNT(*) AS n FROM activities');
      expect(Number(stored.n)).toBe(3);
      // No watermark: the next run reads the tasks again once Event is readable.
      const [mark] = await rows<{ n: unknown }>("SELECT COUNT(*) AS n FROM sync_watermarks WHERE entity = 'activities'");
      expect(Number(mark.n)).toBe(0);
    });
  });

  describe('HubSpot', () => {
    let fake: FakeHubSpot;
    afterEach(() => fake.close());

    it('stores owners, logins, deals and companies, and a second sync brings only the changes', async () => {
      fake = await startFakeHubSpot(hubspotFixture());
      fake.state.pageSize = 2;
      await start(
        '2024-04-03T18:00:00Z',
        plan(
          '2024-03-20',
          ['West Coast Sales', 'Enterprise'],
          '  opportunity: [amount, close_date, next_step]\n  account: [industry, phone, website]',
        ),
      );
      await app
        .get(ConnectionService)
        .add({ name: 'hs', kind: 'hubspot', options: { access_token: fake.state.privateAppToken, base_url: fake.url } });

      const first = await sync('hs');

      // Logins: 5 listed, 656 belongs to no owner.
      expect(first.counts).toEqual({
        users: 4,
        logins: 4,
        opportunities: 5,
        'records:account': 2,
        training: 0,
        // 2 calls (one archived), 1 email, 1 meeting, 1 of 2 notes (the other has no owner), 1 task.
        activities: 6,
        api_requests_used: fake.state.daily.used,
        api_requests_limit: 250_000,
      });
      expect(await users()).toEqual([
        [HS_OWNERS.ada, 'West Coast Sales', true, true, false],
        [HS_OWNERS.grace, 'Enterprise', true, true, false],
        [HS_OWNERS.queue, 'Unassigned', true, true, true],
        [HS_OWNERS.alan, 'West Coast Sales', false, true, false],
      ]);
      expect(await logins()).toEqual([
        ['5432653', HS_OWNERS.ada, true, 'web'],
        ['5432654', HS_OWNERS.grace, true, 'mobile'],
        ['5432655', HS_OWNERS.grace, false, 'web'],
        ['5432657', HS_OWNERS.alan, true, 'mobile'],
      ]);
      expect(await opportunities()).toEqual([
        ['87654321098', false, true, true, '2024-03-31'],
        ['87654321099', false, false, false, '2024-05-15'],
        ['87654321100', false, true, false, '2024-03-01'],
        ['87654321101', true, true, false, '2024-02-01'],
        ['87654321102', false, false, false, '2025-01-01'],
      ]);
      // West Coast Sales: Ada (Alan is archived). Login 04-01. Records: 098 3/3, 102 3/3, company 9001 2/3 -> 8/9.
      //   Open at T: 102 (touched 04-01): stale 0/1.
      const westCoast = await metricsOf('2024-04-03', 'West Coast Sales');
      expect(westCoast).toMatchObject({ seatHolders: 1, metrics: { active_users: 1, logins_per_user: 1, stale_opportunities: 0 } });
      expect(westCoast.metrics.record_completeness).toBeCloseTo(8 / 9, 10);
      // Enterprise: Grace. Login 04-02 (mobile; the failed one does not count). Records: 099 2/3 (empty next step),
      //   100 1/3 (no amount, next step "n/a"), company 9002 2/3 -> 5/9. Open at T: 099 (touched 03-15): stale 0/1.
      const enterprise = await metricsOf('2024-04-03', 'Enterprise');
      expect(enterprise).toMatchObject({ seatHolders: 1, metrics: { active_users: 1, logins_per_user: 1, stale_opportunities: 0 } });
      expect(enterprise.metrics.record_completeness).toBeCloseTo(5 / 9, 10);

      const deal = (id: string) => fake.state.objects.deals.find((row) => row.id === id)!;
      Object.assign(deal('87654321099'), { updatedAt: '2024-04-05T10:00:00.000Z' });
      Object.assign(deal('87654321099').properties, {
        dealstage: 'closedwon',
        hs_next_step: 'Kick-off',
        hs_lastmodifieddate: '2024-04-05T10:00:00.000Z',
      });
      Object.assign(deal('87654321102'), { archived: true, archivedAt: '2024-04-06T09:00:00.000Z', updatedAt: '2024-04-06T09:00:00.000Z' });
      fake.state.objects.deals.push({
        id: '87654321103',
        createdAt: '2024-04-04T10:00:00.000Z',
        updatedAt: '2024-04-04T10:00:00.000Z',
        archived: false,
        properties: {
          dealname: 'Upsell',
          dealstage: 'appointmentscheduled',
          pipeline: 'default',
          amount: '5000',
          closedate: '2024-06-30T00:00:00Z',
          hubspot_owner_id: HS_OWNERS.grace,
          hs_next_step: null,
          createdate: '2024-04-04T10:00:00.000Z',
          hs_lastmodifieddate: '2024-04-04T10:00:00.000Z',
        },
      });
      const company = fake.state.objects.companies.find((row) => row.id === '9002')!;
      Object.assign(company, { updatedAt: '2024-04-05T09:00:00.000Z' });
      Object.assign(company.properties, { website: 'https://quire.example', hs_lastmodifieddate: '2024-04-05T09:00:00.000Z' });
      fake.state.logins.push({
        id: '5432658',
        loginAt: '2024-04-05T08:00:00.000Z',
        userId: 1296619,
        email: 'ada@acme.example',
        loginSucceeded: true,
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/123.0',
      });
      clock.set(Date.parse('2024-04-06T18:00:00Z'));

      const second = await sync('hs');

      // Logins after 04-03T11:00 - 5 min: 657 again and the new 658. Deals: 102 archived, then by search after
      // 04-02T09:15:30.234 - 5 min: 098 again (unchanged, inside the overlap), 103, 099.
      expect(readCounts(second.counts)).toEqual({
        users: 4,
        logins: 2,
        opportunities: 4,
        'records:account': 1,
        training: 0,
        // The call archived after the watermark, and the meeting inside the 5-minute overlap.
        activities: 2,
        api_requests_used: fake.state.daily.used,
        api_requests_limit: 250_000,
      });
      expect((await opportunities()).filter((row) => ['87654321099', '87654321102', '87654321103'].includes(row[0] as string))).toEqual([
        ['87654321099', false, true, true, '2024-05-15'],
        ['87654321102', true, false, false, '2025-01-01'],
        ['87654321103', false, false, false, '2024-06-30'],
      ]);
      // West Coast: logins 04-01 and 04-05 -> 2. Records: 098 3/3, 9001 2/3 (102 deleted) -> 5/6. No open deal: stale null.
      const westAfter = await metricsOf('2024-04-06', 'West Coast Sales');
      expect(westAfter).toMatchObject({ metrics: { logins_per_user: 2, stale_opportunities: null } });
      expect(westAfter.metrics.record_completeness).toBeCloseTo(5 / 6, 10);
      // Enterprise: 099 3/3 now, 100 1/3, 103 2/3 (no next step), 9002 3/3 -> 3/4.
      //   Open at T: 099 (won, closing 05-15, after T) and 103, both touched lately: stale 0/2.
      const enterpriseAfter = await metricsOf('2024-04-06', 'Enterprise');
      expect(enterpriseAfter).toMatchObject({ metrics: { stale_opportunities: 0 } });
      expect(enterpriseAfter.metrics.record_completeness).toBeCloseTo(0.75, 9);
    });
  });

  describe('Dataverse', () => {
    let fake: FakeDataverse;
    afterEach(() => fake.close());

    it('stores systemusers, access audits, opportunities and accounts, and a second sync brings only the changes', async () => {
      fake = await startFakeDataverse(dataverseFixture());
      fake.state.pageSize = 2;
      await start(
        '2024-04-02T18:00:00Z',
        plan(
          '2024-03-20',
          ['Sales EMEA', 'Sales NA'],
          '  opportunity: [amount, close_date, description]\n  account: [telephone1, websiteurl, industrycode]',
        ),
      );
      await app.get(ConnectionService).add({
        name: 'dv',
        kind: 'dataverse',
        options: {
          instance_url: fake.url,
          authority: fake.url,
          tenant_id: fake.state.tenantId,
          client_id: fake.state.clientId,
          client_secret: fake.state.clientSecret,
        },
      });

      const first = await sync('dv');

      // Activities: 4 activitypointers, the email without owner not counted.
      expect(first.counts).toEqual({ users: 5, logins: 4, opportunities: 4, 'records:account': 2, training: 0, activities: 3 });
      expect(await users()).toEqual([
        [DV_USERS.yvonne, 'Sales EMEA', true, true, false],
        [DV_USERS.dan, 'Sales EMEA', true, true, false],
        [DV_USERS.disabled, 'Sales NA', false, false, false],
        [DV_USERS.app, 'Sales EMEA', true, false, true],
        [DV_USERS.support, 'Sales NA', true, true, true],
      ]);
      expect(await logins()).toEqual([
        ['c0000000-0000-0000-0000-000000000001', DV_USERS.yvonne, true, 'web'],
        ['c0000000-0000-0000-0000-000000000002', DV_USERS.app, true, 'api'],
        ['c0000000-0000-0000-0000-000000000004', DV_USERS.yvonne, true, 'web'],
        ['c0000000-0000-0000-0000-000000000005', DV_USERS.dan, true, 'web'],
      ]);
      // Sales EMEA seat holders: Yvonne, Dan. Web access 04-01 (x2) and 04-02: 3 / 2.
      // Records: opp1 3/3, opp2 2/3 ("n/a"), opp3 2/3, opp4 2/3 (no amount); Fabrikam 3/3, Contoso 0/3 ("tbd" is a placeholder) -> 4/6.
      // Open at T: opp1 and opp4, touched 03-20 and 03-25: stale 0/2.
      const emea = await metricsOf('2024-04-02', 'Sales EMEA');
      expect(emea).toMatchObject({
        seatHolders: 2,
        metrics: { active_users: 1, logins_per_user: 1.5, stale_opportunities: 0, training_completion: null },
      });
      expect(emea.metrics.record_completeness).toBeCloseTo(2 / 3, 10);

      const opportunity = (id: string) => fake.state.tables.opportunities.rows.find((row) => row.opportunityid === id)!;
      Object.assign(opportunity('d0000000-0000-0000-0000-000000000002'), { description: 'Signed', modifiedon: '2024-04-02T15:00:00Z' });
      Object.assign(opportunity('d0000000-0000-0000-0000-000000000001'), { stepname: '3-Propose', modifiedon: '2024-04-03T09:00:00Z' });
      const rowsOf = fake.state.tables.opportunities.rows;
      rowsOf.splice(rowsOf.indexOf(opportunity('d0000000-0000-0000-0000-000000000004')), 1);
      fake.state.tables.audits.rows.push(
        {
          auditid: 'c0000000-0000-0000-0000-000000000006',
          createdon: '2024-04-03T10:00:00Z',
          action: 3,
          operation: 3,
          objecttypecode: 'opportunity',
          _userid_value: DV_USERS.yvonne,
          _objectid_value: 'd0000000-0000-0000-0000-000000000004',
        },
        {
          auditid: 'c0000000-0000-0000-0000-000000000007',
          createdon: '2024-04-03T08:00:00Z',
          action: 64,
          operation: 4,
          objecttypecode: 'systemuser',
          _userid_value: DV_USERS.dan,
          _objectid_value: DV_USERS.dan,
        },
      );
      rowsOf.push({
        opportunityid: 'd0000000-0000-0000-0000-000000000005',
        name: 'Northwind trial',
        statecode: 0,
        statuscode: 1,
        stepname: '1-Qualify',
        estimatedvalue: 3000,
        estimatedclosedate: '2024-07-31',
        actualvalue: null,
        actualclosedate: null,
        description: null,
        createdon: '2024-04-03T11:00:00Z',
        modifiedon: '2024-04-03T11:00:00Z',
        _ownerid_value: DV_USERS.dan,
      });
      Object.assign(fake.state.tables.accounts.rows[1], { websiteurl: 'https://contoso.example', modifiedon: '2024-04-03T07:00:00Z' });
      clock.set(Date.parse('2024-04-03T18:00:00Z'));

      const second = await sync('dv');

      // Logins after 04-02T07:45 - 5 min: audit 5 again and the new 7. Opportunities: opp4's deletion, opp2, opp1, opp5.
      // Activities after 09:55 on the 2nd: only the owner-less email, not counted.
      expect(readCounts(second.counts)).toEqual({
        users: 5,
        logins: 2,
        opportunities: 4,
        'records:account': 1,
        training: 0,
        activities: 0,
      });
      expect((await opportunities()).map((row) => [row[0], row[1]])).toEqual([
        ['d0000000-0000-0000-0000-000000000001', false],
        ['d0000000-0000-0000-0000-000000000002', false],
        ['d0000000-0000-0000-0000-000000000003', false],
        ['d0000000-0000-0000-0000-000000000004', true],
        ['d0000000-0000-0000-0000-000000000005', false],
      ]);
      // Logins 03-28..04-03: Yvonne 2, Dan 2 -> 4 / 2. Records: opp1 3/3, opp2 3/3, opp3 2/3, opp5 2/3 (no description),
      //   Fabrikam 3/3, Contoso 1/3 -> (3 + 5/3) / 6 = 7/9. Open at T: opp1, opp5: stale 0/2.
      const emeaAfter = await metricsOf('2024-04-03', 'Sales EMEA');
      expect(emeaAfter).toMatchObject({ metrics: { logins_per_user: 2, stale_opportunities: 0 } });
      expect(emeaAfter.metrics.record_completeness).toBeCloseTo(7 / 9, 10);
    });
  });
});
