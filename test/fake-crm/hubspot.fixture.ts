import type { FakeHubSpotData, FakeHubSpotObject } from './hubspot.fake';

/**
 * A small HubSpot account. Shapes follow HubSpot's documented examples (owner 41629779 with the
 * "West Coast Sales" team, login 5432653, deal 87654321098 "Q1 renewal"); company values come from
 * the Apex Recipes sample accounts (CC0). Dates are ours.
 */
export const HS_OWNERS = { ada: '41629779', grace: '41629780', queue: '41629781', alan: '41629782' };

export function hubspotFixture(): FakeHubSpotData {
  return {
    owners: [
      {
        id: HS_OWNERS.ada,
        email: 'ada@acme.example',
        type: 'PERSON',
        firstName: 'Ada',
        lastName: 'Lovelace',
        userId: 1296619,
        userIdIncludingInactive: 1296619,
        createdAt: '2019-10-30T03:30:17.883Z',
        updatedAt: '2019-12-07T16:50:06.678Z',
        archived: false,
        teams: [{ id: '178588', name: 'West Coast Sales', primary: true }],
      },
      {
        id: HS_OWNERS.grace,
        email: 'grace@acme.example',
        type: 'PERSON',
        firstName: 'Grace',
        lastName: 'Hopper',
        userId: 1296620,
        userIdIncludingInactive: 1296620,
        createdAt: '2020-02-01T10:00:00.000Z',
        updatedAt: '2020-02-01T10:00:00.000Z',
        archived: false,
        teams: [
          { id: '178589', name: 'EMEA Sales', primary: false },
          { id: '178590', name: 'Enterprise', primary: true },
        ],
      },
      {
        id: HS_OWNERS.queue,
        email: 'support@acme.example',
        type: 'QUEUE',
        firstName: 'Support',
        lastName: 'Queue',
        userId: null,
        createdAt: '2020-03-01T00:00:00.000Z',
        updatedAt: '2020-03-01T00:00:00.000Z',
        archived: false,
        teams: [],
      },
      {
        id: HS_OWNERS.alan,
        email: 'alan@acme.example',
        type: 'PERSON',
        firstName: 'Alan',
        lastName: 'Turing',
        userId: null,
        userIdIncludingInactive: 1296622,
        createdAt: '2020-04-01T00:00:00.000Z',
        updatedAt: '2024-01-31T00:00:00.000Z',
        archived: true,
        teams: [{ id: '178588', name: 'West Coast Sales', primary: true }],
      },
    ],
    logins: [
      {
        id: '5432653',
        loginAt: '2024-04-01T19:36:24.303Z',
        userId: 1296619,
        email: 'ada@acme.example',
        loginSucceeded: true,
        ipAddress: '45.56.67.89',
        countryCode: 'ie',
        regionCode: 'd',
        userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0 Safari/537.36',
      },
      {
        id: '5432654',
        loginAt: '2024-04-02T08:00:00.000Z',
        userId: 1296620,
        email: 'grace@acme.example',
        loginSucceeded: true,
        ipAddress: '45.56.67.90',
        countryCode: 'gb',
        regionCode: 'eng',
        userAgent: 'HubSpot/6.20 (iPhone; iOS 17.4; Scale/3.00)',
      },
      {
        id: '5432655',
        loginAt: '2024-04-02T09:00:00.000Z',
        userId: 1296620,
        email: 'grace@acme.example',
        loginSucceeded: false,
        ipAddress: '45.56.67.90',
        countryCode: 'gb',
        regionCode: 'eng',
        userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/124.0',
      },
      {
        id: '5432656',
        loginAt: '2024-04-03T10:00:00.000Z',
        userId: 5550001,
        email: 'marketer@acme.example',
        loginSucceeded: true,
        ipAddress: '45.56.67.91',
        countryCode: 'us',
        regionCode: 'ca',
        userAgent: 'Mozilla/5.0 (Macintosh) Safari/605.1.15',
      },
      {
        id: '5432657',
        loginAt: '2024-04-03T11:00:00.000Z',
        userId: 1296622,
        email: 'alan@acme.example',
        loginSucceeded: true,
        ipAddress: '45.56.67.92',
        countryCode: 'ie',
        regionCode: 'd',
        userAgent: 'Mozilla/5.0 (Linux; Android 11; M2101K6G)',
      },
    ],
    pipelines: [
      {
        id: 'default',
        label: 'Sales Pipeline',
        displayOrder: 0,
        stages: [
          {
            id: 'appointmentscheduled',
            label: 'Appointment Scheduled',
            displayOrder: 0,
            metadata: { isClosed: 'false', probability: '0.2' },
          },
          { id: 'closedwon', label: 'Closed Won', displayOrder: 5, metadata: { isClosed: 'true', probability: '1.0' } },
          { id: 'closedlost', label: 'Closed Lost', displayOrder: 6, metadata: { isClosed: 'true', probability: '0.0' } },
        ],
      },
      {
        id: '7654321',
        label: 'Renewals',
        displayOrder: 1,
        stages: [
          { id: '1234567', label: 'Renewal due', displayOrder: 0, metadata: { isClosed: 'false', probability: '0.5' } },
          { id: '1234568', label: 'Renewed', displayOrder: 1, metadata: { isClosed: 'true', probability: '1.0' } },
        ],
      },
    ],
    properties: {
      deals: [
        'dealname',
        'dealstage',
        'pipeline',
        'amount',
        'closedate',
        'createdate',
        'hs_lastmodifieddate',
        'notes_last_updated',
        'hubspot_owner_id',
        'hs_is_closed',
        'hs_is_closed_won',
        'hs_next_step',
        'hs_object_id',
      ],
      companies: [
        'name',
        'industry',
        'phone',
        'website',
        'domain',
        'createdate',
        'hs_lastmodifieddate',
        'hubspot_owner_id',
        'hs_object_id',
      ],
      contacts: [
        'firstname',
        'lastname',
        'email',
        'phone',
        'jobtitle',
        'createdate',
        'lastmodifieddate',
        'hubspot_owner_id',
        'hs_object_id',
      ],
    },
    objects: {
      deals: [
        deal(
          '87654321098',
          {
            dealname: 'Q1 renewal',
            dealstage: 'closedwon',
            pipeline: 'default',
            amount: '50000.00',
            closedate: '2024-03-31T00:00:00Z',
            hubspot_owner_id: HS_OWNERS.ada,
            notes_last_updated: '2024-03-30T12:00:00Z',
            hs_next_step: 'Send invoice',
            hs_is_closed: 'true',
            hs_is_closed_won: 'true',
          },
          '2024-01-10T09:15:30.234Z',
          '2024-04-02T09:15:30.234Z',
        ),
        deal(
          '87654321099',
          {
            dealname: 'Expansion',
            dealstage: 'appointmentscheduled',
            pipeline: 'default',
            amount: '12000',
            closedate: '2024-05-15T00:00:00Z',
            hubspot_owner_id: HS_OWNERS.grace,
            notes_last_updated: null,
            hs_next_step: '',
            hs_is_closed: 'false',
            hs_is_closed_won: 'false',
          },
          '2024-02-01T10:00:00.000Z',
          '2024-03-15T10:00:00.000Z',
        ),
        deal(
          '87654321100',
          {
            dealname: 'Pilot',
            dealstage: 'closedlost',
            pipeline: 'default',
            amount: null,
            closedate: '2024-03-01T00:00:00Z',
            hubspot_owner_id: HS_OWNERS.grace,
            notes_last_updated: '2024-02-20T15:30:00Z',
            hs_next_step: 'n/a',
            hs_is_closed: 'true',
            hs_is_closed_won: 'false',
          },
          '2024-01-15T08:00:00.000Z',
          '2024-03-01T12:00:00.000Z',
        ),
        {
          ...deal(
            '87654321101',
            {
              dealname: 'Old deal',
              dealstage: 'closedlost',
              pipeline: 'default',
              amount: '8000',
              closedate: '2024-02-01T00:00:00Z',
              hubspot_owner_id: HS_OWNERS.ada,
              notes_last_updated: null,
              hs_next_step: null,
              hs_is_closed: 'true',
              hs_is_closed_won: 'false',
            },
            '2023-11-01T08:00:00.000Z',
            '2024-03-20T08:00:00.000Z',
          ),
          archived: true,
          archivedAt: '2024-03-20T08:00:00.000Z',
        },
        deal(
          '87654321102',
          {
            dealname: 'Renewal 2025',
            dealstage: '1234567',
            pipeline: '7654321',
            amount: '30000',
            closedate: '2025-01-01T00:00:00Z',
            hubspot_owner_id: HS_OWNERS.ada,
            notes_last_updated: null,
            hs_next_step: 'Call CFO',
            hs_is_closed: 'false',
            hs_is_closed_won: 'false',
          },
          '2024-03-01T08:00:00.000Z',
          '2024-04-01T16:00:00.000Z',
        ),
      ],
      companies: [
        company(
          '9001',
          { name: 'Zoonoodle 37', industry: 'n/a', phone: '1(302)556-4395', website: 'http://1688.com', hubspot_owner_id: HS_OWNERS.ada },
          '2024-01-02T00:00:00.000Z',
          '2024-03-01T00:00:00.000Z',
        ),
        company(
          '9002',
          {
            name: 'Quire 203',
            industry: 'Industrial Machinery/Components',
            phone: '1(260)120-2439',
            website: null,
            hubspot_owner_id: HS_OWNERS.grace,
          },
          '2024-01-03T00:00:00.000Z',
          '2024-03-02T00:00:00.000Z',
        ),
      ],
      contacts: [],
      // Activities: Grace's call was deleted (archived); a note without an owner counts for nobody;
      // Ada's note is about two deals (the lower id is kept).
      calls: [
        activity('51234567801', HS_OWNERS.ada, '2024-03-28T15:30:00.000Z', '2024-03-28T15:45:00.000Z', '2024-03-28T15:45:00.000Z', [
          '87654321098',
        ]),
        {
          ...activity('51234567802', HS_OWNERS.grace, '2024-03-29T09:00:00.000Z', '2024-03-29T09:05:00.000Z', '2024-03-29T09:05:00.000Z'),
          archived: true,
          archivedAt: '2024-04-03T10:00:00.000Z',
        },
      ],
      emails: [
        activity('61234567801', HS_OWNERS.grace, '2024-04-01T08:00:00.000Z', '2024-04-01T08:00:00.000Z', '2024-04-01T08:00:00.000Z', [
          '87654321099',
        ]),
      ],
      meetings: [
        activity('71234567801', HS_OWNERS.ada, '2024-04-02T14:00:00.000Z', '2024-03-25T10:00:00.000Z', '2024-04-02T16:00:00.000Z'),
      ],
      notes: [
        activity('81234567801', null, '2024-03-30T12:00:00.000Z', '2024-03-30T12:00:00.000Z', '2024-03-30T12:00:00.000Z'),
        activity('81234567802', HS_OWNERS.ada, '2024-03-30T12:00:00.000Z', '2024-03-30T12:00:00.000Z', '2024-03-30T12:00:00.000Z', [
          '87654321099',
          '87654321098',
        ]),
      ],
      tasks: [activity('91234567801', HS_OWNERS.grace, '2024-04-05T00:00:00.000Z', '2024-03-31T10:00:00.000Z', '2024-03-31T10:00:00.000Z')],
    },
  };
}

function activity(
  id: string,
  owner: string | null,
  timestamp: string,
  createdAt: string,
  updatedAt: string,
  deals: string[] = [],
): FakeHubSpotObject {
  return {
    id,
    properties: {
      hs_timestamp: timestamp,
      hubspot_owner_id: owner,
      hs_createdate: createdAt,
      createdate: createdAt,
      hs_lastmodifieddate: updatedAt,
    },
    createdAt,
    updatedAt,
    archived: false,
    associations: deals.length ? { deals } : undefined,
  };
}

function deal(id: string, properties: Record<string, string | null>, createdAt: string, updatedAt: string): FakeHubSpotObject {
  return {
    id,
    properties: { ...properties, createdate: createdAt, hs_lastmodifieddate: updatedAt },
    createdAt,
    updatedAt,
    archived: false,
  };
}

function company(id: string, properties: Record<string, string | null>, createdAt: string, updatedAt: string): FakeHubSpotObject {
  return {
    id,
    properties: { ...properties, createdate: createdAt, hs_lastmodifieddate: updatedAt },
    createdAt,
    updatedAt,
    archived: false,
  };
}
