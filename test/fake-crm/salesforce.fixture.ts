import type { FakeSalesforceField, FakeSalesforceObject } from './salesforce.fake';

/**
 * A small org. Opportunity names, amounts, stages and close dates and the Account values come
 * from Salesforce's Apex Recipes sample data (trailheadapps/apex-recipes `data/`, CC0; note the
 * non-standard stage "Closed/Won" and the placeholder industry "n/a"); the LoginHistory rows
 * reuse values of the Elastic Salesforce integration's login fixtures (elastic/integrations,
 * Elastic License 2.0: user ids, "Remote Access 2.0", "elastic integration", the failure status
 * "Failed: Missing Consumer Key Parameter"). Ids, owners and dates are ours.
 */

const field = (name: string, type = 'string'): FakeSalesforceField => ({ name, type });
const reference = (name: string, relationshipName: string, target: string): FakeSalesforceField => ({ name, type: 'reference', relationshipName, referenceTo: [target] });

export const SF_USERS = {
  ada: '0056j000000utlQAAR',
  grace: '0055j00000AT6I1AAL',
  alan: '0055j000000ALANAAA',
  integration: '0055j000000INTEGAAA',
  chatter: '0055j000000CHATTAAA',
};

export function salesforceFixture(): Record<string, FakeSalesforceObject> {
  return {
    User: {
      fields: [
        field('Id', 'id'),
        field('Name'),
        field('Email', 'email'),
        field('Username'),
        field('IsActive', 'boolean'),
        field('UserType', 'picklist'),
        field('Department'),
        field('Division'),
        reference('ManagerId', 'Manager', 'User'),
        reference('UserRoleId', 'UserRole', 'UserRole'),
        field('CreatedDate', 'datetime'),
      ],
      rows: [
        { Id: SF_USERS.ada, Name: 'Ada Lovelace', Email: 'ada@acme.example', Username: 'ada@acme.example', IsActive: true, UserType: 'Standard', Department: 'Sales EMEA', Division: 'EMEA', ManagerId: SF_USERS.grace, UserRoleId: '00E5j000000REPAAA', UserRole: { Name: 'EMEA Rep' }, CreatedDate: '2021-01-10T09:00:00.000+0000' },
        { Id: SF_USERS.grace, Name: 'Grace Hopper', Email: 'grace@acme.example', Username: 'grace@acme.example', IsActive: true, UserType: 'Standard', Department: 'Sales EMEA', Division: 'EMEA', ManagerId: null, UserRoleId: '00E5j000000MGRAAA', UserRole: { Name: 'EMEA Manager' }, CreatedDate: '2020-06-01T08:30:00.000+0000' },
        { Id: SF_USERS.alan, Name: 'Alan Turing', Email: 'alan@acme.example', Username: 'alan@acme.example', IsActive: false, UserType: 'Standard', Department: 'Sales NA', Division: 'Americas', ManagerId: null, UserRoleId: null, UserRole: null, CreatedDate: '2020-06-02T08:30:00.000+0000' },
        { Id: SF_USERS.integration, Name: 'Integration User', Email: 'noreply@acme.example', Username: 'integration@acme.example', IsActive: true, UserType: 'Standard', Department: null, Division: null, ManagerId: null, UserRoleId: null, UserRole: null, CreatedDate: '2020-06-01T00:00:00.000+0000' },
        { Id: SF_USERS.chatter, Name: 'Chatter Expert', Email: 'noreply@chatter.example', Username: 'chatty@acme.example', IsActive: true, UserType: 'CsnOnly', Department: null, Division: null, ManagerId: null, UserRoleId: null, UserRole: null, CreatedDate: '2020-06-01T00:00:00.000+0000' },
      ],
    },
    UserRole: { fields: [field('Id', 'id'), field('Name')], rows: [] },
    LoginHistory: {
      fields: [field('Id', 'id'), reference('UserId', 'User', 'User'), field('LoginTime', 'datetime'), field('Status'), field('LoginType', 'picklist'), field('Application'), field('SourceIp')],
      rows: [
        { Id: '0Ya5j00000GLxCdCAL', UserId: SF_USERS.ada, LoginTime: '2021-10-19T11:47:22.000+0000', Status: 'Success', LoginType: 'Remote Access 2.0', Application: 'elastic integration', SourceIp: '89.160.20.112' },
        { Id: '0Ya5j00000GLxD1CAL', UserId: SF_USERS.ada, LoginTime: '2021-10-19T12:05:00.000+0000', Status: 'Success', LoginType: 'Application', Application: 'Browser', SourceIp: '203.0.113.7' },
        { Id: '0Ya5j00000GLxD2CAL', UserId: SF_USERS.grace, LoginTime: '2021-10-19T13:10:00.000+0000', Status: 'Success', LoginType: 'Remote Access 2.0', Application: 'Salesforce for iOS', SourceIp: '203.0.113.8' },
        { Id: '0YaJ400000H0kYoKAJ', UserId: SF_USERS.grace, LoginTime: '2021-10-19T14:26:18.239+0000', Status: 'Failed: Missing Consumer Key Parameter', LoginType: 'Remote Access 2.0', Application: 'testing_salesforce', SourceIp: '89.160.20.112' },
        { Id: '0Ya5j00000GLxD3CAL', UserId: SF_USERS.grace, LoginTime: '2021-10-20T08:00:00.000+0000', Status: 'Invalid Password', LoginType: 'Application', Application: 'Browser', SourceIp: '203.0.113.8' },
        { Id: '0Ya5j00000GLxD4CAL', UserId: SF_USERS.integration, LoginTime: '2021-10-20T09:00:00.000+0000', Status: 'Success', LoginType: 'Other Apex API', Application: 'N/A', SourceIp: '198.51.100.1' },
      ],
    },
    Opportunity: {
      fields: [
        field('Id', 'id'),
        field('Name'),
        reference('OwnerId', 'Owner', 'User'),
        reference('AccountId', 'Account', 'Account'),
        field('StageName', 'picklist'),
        field('Amount', 'currency'),
        field('IsClosed', 'boolean'),
        field('IsWon', 'boolean'),
        field('CloseDate', 'date'),
        field('NextStep'),
        field('LastActivityDate', 'date'),
        field('LastModifiedDate', 'datetime'),
        field('CreatedDate', 'datetime'),
        field('SystemModstamp', 'datetime'),
        field('IsDeleted', 'boolean'),
      ],
      rows: [
        opportunity('0065j00000OPP01AAA', 'Cape starling', SF_USERS.ada, 'Id. Decision Makers', 119373.34, false, false, '2020-12-22', 'Send proposal', '2020-11-20', '2020-10-01T08:00:00.000+0000', '2020-11-21T10:00:00.000+0000', '001ACC01'),
        opportunity('0065j00000OPP02AAA', 'Pelican, great white', SF_USERS.ada, 'Negotiation/Review', 15065.74, false, false, '2021-01-19', 'n/a', null, '2020-10-05T08:00:00.000+0000', '2020-11-25T10:00:00.000+0000', '001ACC02'),
        opportunity('0065j00000OPP03AAA', 'Paradoxure', SF_USERS.grace, 'Closed/Won', 620440.88, true, true, '2020-12-02', null, '2020-12-01', '2020-09-15T08:00:00.000+0000', '2020-12-02T09:21:16.000+0000', '001ACC01'),
        { ...opportunity('0065j00000OPP04AAA', 'Lizard, mexican beaded', SF_USERS.grace, 'Closed Lost', 607109.71, true, false, '2021-01-21', 'Lost to competitor', null, '2020-09-20T08:00:00.000+0000', '2021-01-21T23:28:31.000+0000', '001ACC03'), IsDeleted: true },
        opportunity('0065j00000OPP05AAA', 'Bushbuck', SF_USERS.alan, 'Negotiation/Review', null, false, false, '2020-12-26', 'Call back', '2020-12-20', '2020-10-10T08:00:00.000+0000', '2021-01-25T05:48:21.000+0000', '001ACC02'),
      ],
    },
    Account: {
      fields: [
        field('Id', 'id'),
        field('Name'),
        reference('OwnerId', 'Owner', 'User'),
        field('Industry', 'picklist'),
        field('Phone', 'phone'),
        field('Website', 'url'),
        field('Type', 'picklist'),
        field('CreatedDate', 'datetime'),
        field('LastModifiedDate', 'datetime'),
        field('SystemModstamp', 'datetime'),
        field('IsDeleted', 'boolean'),
      ],
      rows: [
        account('001ACC01', 'Zoonoodle 37', SF_USERS.ada, 'n/a', '1(302)556-4395', 'http://1688.com/at/nunc/commodo/placerat/praesent/blandit.aspx', 'Customer', '2020-11-01T10:00:00.000+0000'),
        account('001ACC02', 'Quire 203', SF_USERS.ada, 'Industrial Machinery/Components', '1(260)120-2439', 'http://liveinternet.ru/dis/parturient/montes.jpg', 'Integrator', '2020-11-02T10:00:00.000+0000'),
        account('001ACC03', 'Teklist 138', SF_USERS.grace, 'Automotive Aftermarket', '1(303)375-6956', null, 'Press', '2020-11-03T10:00:00.000+0000'),
      ],
    },
    PermissionSet: { fields: [field('Id', 'id'), field('Name'), field('PermissionsManageUsers', 'boolean')], rows: [] },
    PermissionSetAssignment: {
      fields: [field('Id', 'id'), reference('AssigneeId', 'Assignee', 'User'), reference('PermissionSetId', 'PermissionSet', 'PermissionSet')],
      rows: [
        { Id: '0Pa5j000000PSA1AAA', AssigneeId: SF_USERS.integration, PermissionSetId: '0PS5j000000ADMAAA', PermissionSet: { Name: 'X00ex000000SysAdmin', PermissionsManageUsers: true } },
        { Id: '0Pa5j000000PSA2AAA', AssigneeId: SF_USERS.ada, PermissionSetId: '0PS5j000000STDAAA', PermissionSet: { Name: 'X00ex000000Standard', PermissionsManageUsers: false } },
      ],
    },
  };
}

function opportunity(
  Id: string,
  Name: string,
  OwnerId: string,
  StageName: string,
  Amount: number | null,
  IsClosed: boolean,
  IsWon: boolean,
  CloseDate: string,
  NextStep: string | null,
  LastActivityDate: string | null,
  CreatedDate: string,
  modified: string,
  AccountId: string,
): Record<string, unknown> {
  return { Id, Name, OwnerId, AccountId, StageName, Amount, IsClosed, IsWon, CloseDate, NextStep, LastActivityDate, CreatedDate, LastModifiedDate: modified, SystemModstamp: modified, IsDeleted: false };
}

function account(Id: string, Name: string, OwnerId: string, Industry: string, Phone: string, Website: string | null, Type: string, modified: string): Record<string, unknown> {
  return { Id, Name, OwnerId, Industry, Phone, Website, Type, CreatedDate: '2020-10-01T00:00:00.000+0000', LastModifiedDate: modified, SystemModstamp: modified, IsDeleted: false };
}
