import { nested, salesforceLoginChannel, toCrmRecord, toCrmUser, toOpportunity } from './salesforce-mapping.util';

describe('salesforce-mapping.util', () => {
  it.each([
    ['Application', 'Browser', 'web'],
    ['SAML Sfdc Initiated SSO', 'Browser', 'web'],
    ['Remote Access 2.0', 'elastic integration', 'api'],
    ['Remote Access 2.0', 'Salesforce for iOS', 'mobile'],
    ['Remote Access 2.0', 'Salesforce for Android', 'mobile'],
    ['Other Apex API', 'N/A', 'api'],
    ['Partner Product', null, 'api'],
    ['Other API', null, 'api'],
    [null, null, 'web'],
  ])('LoginType %s from %s is channel %s', (loginType, application, channel) => {
    expect(salesforceLoginChannel(loginType, application)).toBe(channel);
  });

  it('reads relationship paths ignoring case', () => {
    const row = { Id: '1', UserRole: { attributes: { type: 'UserRole' }, Name: 'Rep' }, Account: null };
    expect(nested(row, 'userrole.name')).toBe('Rep');
    expect(nested(row, 'Account.Industry')).toBeNull();
    expect(nested(row, 'Missing')).toBeNull();
  });

  it('stamps versions with SystemModstamp, the last change of any kind (LastModifiedDate only counts users)', () => {
    const row = {
      Id: '005A',
      UserType: 'Standard',
      IsActive: true,
      CreatedDate: '2024-01-01T00:00:00.000+0000',
      LastModifiedDate: '2024-03-01T10:00:00.000+0000',
      SystemModstamp: '2024-03-02T11:30:00.000+0000',
    };
    const modified = Date.UTC(2024, 2, 2, 11, 30);
    expect(toCrmUser(row, { departmentField: 'Department', integrationUsers: [], timezone: 'UTC' }).modifiedAt).toBe(modified);
    const opportunity = toOpportunity(row, [], [], 'UTC');
    expect([opportunity.lastModifiedAt, opportunity.modifiedAt]).toEqual([Date.UTC(2024, 2, 1, 10), modified]);
    expect(toCrmRecord('account', row, [], [], 'UTC').modifiedAt).toBe(modified);
    // without SystemModstamp (or when it is the LastModifiedDate) the version falls back to lastModifiedAt
    expect(toCrmRecord('account', { ...row, SystemModstamp: undefined }, [], [], 'UTC').modifiedAt).toBeUndefined();
  });
});
