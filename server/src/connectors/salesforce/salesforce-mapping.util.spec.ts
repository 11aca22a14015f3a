import { nested, salesforceLoginChannel } from './salesforce-mapping.util';

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
});
