import type { FakeDataverseTable } from './dataverse.fake';

/**
 * A small Dynamics 365 environment. The first user and its business unit id come from
 * Microsoft's Web API documentation example (Yvonne McKay); the rest is ours.
 */
const FORMATTED = '@OData.Community.Display.V1.FormattedValue';

export const DV_USERS = {
  yvonne: '49b0be2e-d01c-ed11-b83e-000d3a572421',
  dan: 'a0000000-0000-0000-0000-000000000002',
  disabled: 'a0000000-0000-0000-0000-000000000003',
  app: 'a0000000-0000-0000-0000-000000000004',
  support: 'a0000000-0000-0000-0000-000000000005',
};
const EMEA = '4026be43-6b69-e111-8f65-78e7d1620f5e';
const NA = '4026be43-6b69-e111-8f65-78e7d1620f60';

const attribute = (LogicalName: string, AttributeType = 'String') => ({ LogicalName, AttributeType });

export function dataverseFixture(): Record<string, FakeDataverseTable> {
  return {
    systemusers: {
      logicalName: 'systemuser',
      primaryId: 'systemuserid',
      attributes: [
        attribute('systemuserid', 'Uniqueidentifier'),
        attribute('fullname'),
        attribute('internalemailaddress'),
        attribute('domainname'),
        attribute('jobtitle'),
        attribute('isdisabled', 'Boolean'),
        attribute('accessmode', 'Picklist'),
        attribute('islicensed', 'Boolean'),
        attribute('isintegrationuser', 'Boolean'),
        attribute('applicationid', 'Uniqueidentifier'),
        attribute('businessunitid', 'Lookup'),
        attribute('parentsystemuserid', 'Lookup'),
        attribute('createdon', 'DateTime'),
        attribute('modifiedon', 'DateTime'),
      ],
      rows: [
        user(DV_USERS.yvonne, 'Yvonne McKay', 'yvonne@contoso.com', 'Account Manager', EMEA, 'Sales EMEA', null, '2022-05-12T22:19:12Z'),
        user(DV_USERS.dan, 'Dan Park', 'dan@contoso.com', 'Sales Rep', EMEA, 'Sales EMEA', DV_USERS.yvonne, '2022-06-01T09:00:00Z'),
        {
          ...user(DV_USERS.disabled, 'Former Rep', 'former@contoso.com', 'Sales Rep', NA, 'Sales NA', null, '2021-01-01T00:00:00Z'),
          isdisabled: true,
          islicensed: false,
        },
        {
          ...user(DV_USERS.app, '# Uptake Sync', null, null, EMEA, 'Sales EMEA', null, '2023-01-01T00:00:00Z'),
          domainname: 'uptake-sync@contoso.onmicrosoft.com',
          accessmode: 4,
          islicensed: false,
          applicationid: '51f81489-12ee-4a9e-aaae-a2591f45987d',
        },
        {
          ...user(DV_USERS.support, 'Microsoft Support', 'support@microsoft.com', null, NA, 'Sales NA', null, '2021-01-01T00:00:00Z'),
          accessmode: 3,
        },
      ],
    },
    audits: {
      logicalName: 'audit',
      primaryId: 'auditid',
      attributes: [
        attribute('auditid', 'Uniqueidentifier'),
        attribute('createdon', 'DateTime'),
        attribute('action', 'Picklist'),
        attribute('operation', 'Picklist'),
        attribute('objecttypecode', 'EntityName'),
        attribute('userid', 'Lookup'),
        attribute('objectid', 'Lookup'),
      ],
      rows: [
        audit('c0000000-0000-0000-0000-000000000001', '2024-04-01T08:00:00Z', 64, 4, 'systemuser', DV_USERS.yvonne, DV_USERS.yvonne),
        audit('c0000000-0000-0000-0000-000000000002', '2024-04-01T09:30:00Z', 65, 4, 'systemuser', DV_USERS.app, DV_USERS.app),
        audit(
          'c0000000-0000-0000-0000-000000000003',
          '2024-04-01T10:00:00Z',
          2,
          2,
          'opportunity',
          DV_USERS.dan,
          'd0000000-0000-0000-0000-000000000002',
        ),
        audit('c0000000-0000-0000-0000-000000000004', '2024-04-01T12:15:00Z', 64, 4, 'systemuser', DV_USERS.yvonne, DV_USERS.yvonne),
        audit('c0000000-0000-0000-0000-000000000005', '2024-04-02T07:45:00Z', 64, 4, 'systemuser', DV_USERS.dan, DV_USERS.dan),
      ],
    },
    // Activities through the activitypointer view: a completed call, a meeting not yet held (its
    // scheduledend counts), a task without times (its createdon counts), an email without owner.
    activitypointers: {
      logicalName: 'activitypointer',
      primaryId: 'activityid',
      attributes: [
        attribute('activityid', 'Uniqueidentifier'),
        attribute('activitytypecode', 'EntityName'),
        attribute('subject', 'String'),
        attribute('actualend', 'DateTime'),
        attribute('scheduledend', 'DateTime'),
        attribute('ownerid', 'Owner'),
        attribute('regardingobjectid', 'Lookup'),
        attribute('createdon', 'DateTime'),
        attribute('modifiedon', 'DateTime'),
      ],
      rows: [
        activityPointer('e0000000-0000-0000-0000-000000000001', 'phonecall', DV_USERS.yvonne, {
          actualend: '2024-04-01T09:20:00Z',
          scheduledend: '2024-04-01T09:00:00Z',
          regarding: 'd0000000-0000-0000-0000-000000000001',
          createdon: '2024-04-01T09:25:00Z',
          modifiedon: '2024-04-01T09:25:00Z',
        }),
        activityPointer('e0000000-0000-0000-0000-000000000002', 'appointment', DV_USERS.dan, {
          actualend: null,
          scheduledend: '2024-04-03T15:00:00Z',
          regarding: 'd0000000-0000-0000-0000-000000000002',
          createdon: '2024-03-28T10:00:00Z',
          modifiedon: '2024-04-01T11:00:00Z',
        }),
        activityPointer('e0000000-0000-0000-0000-000000000003', 'task', DV_USERS.yvonne, {
          actualend: null,
          scheduledend: null,
          regarding: null,
          createdon: '2024-04-02T08:00:00Z',
          modifiedon: '2024-04-02T08:00:00Z',
        }),
        activityPointer('e0000000-0000-0000-0000-000000000004', 'email', null, {
          actualend: '2024-04-02T10:00:00Z',
          scheduledend: null,
          regarding: null,
          createdon: '2024-04-02T10:00:00Z',
          modifiedon: '2024-04-02T10:00:00Z',
        }),
      ],
    },
    opportunities: {
      logicalName: 'opportunity',
      primaryId: 'opportunityid',
      attributes: [
        attribute('opportunityid', 'Uniqueidentifier'),
        attribute('name'),
        attribute('statecode', 'State'),
        attribute('statuscode', 'Status'),
        attribute('stepname'),
        attribute('estimatedvalue', 'Money'),
        attribute('estimatedclosedate', 'DateTime'),
        attribute('actualvalue', 'Money'),
        attribute('actualclosedate', 'DateTime'),
        attribute('description', 'Memo'),
        attribute('parentaccountid', 'Lookup'),
        attribute('createdon', 'DateTime'),
        attribute('modifiedon', 'DateTime'),
        attribute('ownerid', 'Owner'),
      ],
      rows: [
        opportunity(
          'd0000000-0000-0000-0000-000000000001',
          'Contoso fleet',
          0,
          'Open',
          1,
          'In Progress',
          '2-Develop',
          25000,
          '2024-05-31',
          null,
          null,
          'Fleet of 40 vans',
          DV_USERS.yvonne,
          '2024-02-01T10:00:00Z',
          '2024-03-20T09:00:00Z',
        ),
        opportunity(
          'd0000000-0000-0000-0000-000000000002',
          'Fabrikam renewal',
          1,
          'Won',
          3,
          'Won',
          '4-Close',
          50000,
          '2024-03-31',
          52000,
          '2024-03-28',
          'n/a',
          DV_USERS.dan,
          '2024-01-10T08:00:00Z',
          '2024-04-01T10:00:00Z',
        ),
        opportunity(
          'd0000000-0000-0000-0000-000000000003',
          'Adventure Works pilot',
          2,
          'Lost',
          4,
          'Canceled',
          '3-Propose',
          8000,
          '2024-03-15',
          null,
          '2024-03-10',
          null,
          DV_USERS.dan,
          '2024-01-20T08:00:00Z',
          '2024-03-10T16:30:00Z',
        ),
        opportunity(
          'd0000000-0000-0000-0000-000000000004',
          'Litware expansion',
          0,
          'Open',
          1,
          'In Progress',
          null,
          null,
          '2024-06-30',
          null,
          null,
          'Upsell 2 modules',
          DV_USERS.yvonne,
          '2024-03-01T08:00:00Z',
          '2024-03-25T11:00:00Z',
        ),
      ],
    },
    accounts: {
      logicalName: 'account',
      primaryId: 'accountid',
      attributes: [
        attribute('accountid', 'Uniqueidentifier'),
        attribute('name'),
        attribute('telephone1'),
        attribute('websiteurl'),
        attribute('industrycode', 'Picklist'),
        attribute('createdon', 'DateTime'),
        attribute('modifiedon', 'DateTime'),
        attribute('ownerid', 'Owner'),
      ],
      rows: [
        {
          accountid: 'e0000000-0000-0000-0000-000000000001',
          name: 'Fabrikam',
          telephone1: '555-0150',
          websiteurl: 'https://fabrikam.example',
          industrycode: 7,
          [`industrycode${FORMATTED}`]: 'Consulting',
          createdon: '2023-05-01T00:00:00Z',
          modifiedon: '2024-02-01T00:00:00Z',
          _ownerid_value: DV_USERS.dan,
        },
        {
          accountid: 'e0000000-0000-0000-0000-000000000002',
          name: 'Contoso',
          telephone1: null,
          websiteurl: 'tbd',
          industrycode: null,
          createdon: '2023-06-01T00:00:00Z',
          modifiedon: '2024-02-02T00:00:00Z',
          _ownerid_value: DV_USERS.yvonne,
        },
      ],
    },
  };
}

function user(
  id: string,
  fullname: string,
  email: string | null,
  jobtitle: string | null,
  unit: string,
  unitName: string,
  manager: string | null,
  createdon: string,
): Record<string, unknown> {
  return {
    systemuserid: id,
    fullname,
    internalemailaddress: email,
    domainname: email,
    jobtitle,
    isdisabled: false,
    accessmode: 0,
    [`accessmode${FORMATTED}`]: 'Read-Write',
    islicensed: true,
    isintegrationuser: false,
    applicationid: null,
    _businessunitid_value: unit,
    [`_businessunitid_value${FORMATTED}`]: unitName,
    _parentsystemuserid_value: manager,
    createdon,
  };
}

function activityPointer(
  activityid: string,
  activitytypecode: string,
  owner: string | null,
  values: { actualend: string | null; scheduledend: string | null; regarding: string | null; createdon: string; modifiedon: string },
): Record<string, unknown> {
  return {
    activityid,
    activitytypecode,
    [`activitytypecode${FORMATTED}`]: activitytypecode === 'phonecall' ? 'Phone Call' : activitytypecode,
    subject: 'Follow up',
    actualend: values.actualend,
    scheduledend: values.scheduledend,
    _ownerid_value: owner,
    _regardingobjectid_value: values.regarding,
    createdon: values.createdon,
    modifiedon: values.modifiedon,
  };
}

function audit(
  auditid: string,
  createdon: string,
  action: number,
  operation: number,
  objecttypecode: string,
  user: string,
  object: string,
): Record<string, unknown> {
  return { auditid, createdon, action, operation, objecttypecode, _userid_value: user, _objectid_value: object };
}

function opportunity(
  opportunityid: string,
  name: string,
  statecode: number,
  stateLabel: string,
  statuscode: number,
  statusLabel: string,
  stepname: string | null,
  estimatedvalue: number | null,
  estimatedclosedate: string,
  actualvalue: number | null,
  actualclosedate: string | null,
  description: string | null,
  owner: string,
  createdon: string,
  modifiedon: string,
): Record<string, unknown> {
  return {
    opportunityid,
    name,
    statecode,
    [`statecode${FORMATTED}`]: stateLabel,
    statuscode,
    [`statuscode${FORMATTED}`]: statusLabel,
    stepname,
    estimatedvalue,
    estimatedclosedate,
    actualvalue,
    actualclosedate,
    description,
    _parentaccountid_value: null,
    createdon,
    modifiedon,
    _ownerid_value: owner,
  };
}
