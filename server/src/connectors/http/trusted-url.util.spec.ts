import { ConnectorError } from '../connector.port';
import { assertTrustedUrl, isTrustedUrl } from './trusted-url.util';

describe(isTrustedUrl.name, () => {
  const salesforce = { origins: ['https://acme.my.salesforce.com', 'http://127.0.0.1:4000'], domains: ['salesforce.com', 'force.com'] };

  it.each([
    'https://acme.my.salesforce.com/services/data/v59.0/query/01g-500',
    'http://127.0.0.1:4000/services/data',
    'https://acme--dev.sandbox.my.salesforce.com',
    'https://login.salesforce.com/x',
    'https://salesforce.com',
    'https://acme.lightning.force.com',
  ])('trusts %s', (url) => {
    expect(isTrustedUrl(url, salesforce)).toBe(true);
  });

  it.each([
    ['another origin', 'https://evil.example/services/data'],
    ['another port of a configured host', 'http://127.0.0.1:4001/services/data'],
    ['a vendor domain over http', 'http://acme.my.salesforce.com/x'],
    ['a look-alike domain', 'https://evilsalesforce.com/x'],
    ['a vendor name as a subdomain', 'https://salesforce.com.evil.example/x'],
    ['the metadata address', 'http://169.254.169.254/latest'],
    ['no URL at all', 'not a url'],
  ])('does not trust %s', (_case, url) => {
    expect(isTrustedUrl(url, salesforce)).toBe(false);
  });
});

describe(assertTrustedUrl.name, () => {
  it('returns a trusted URL and names the refused origin and the allowed ones otherwise', () => {
    const trust = { origins: ['https://org.crm4.dynamics.com'], domains: ['dynamics.com'] };
    expect(assertTrustedUrl('https://org.crm4.dynamics.com/api/data/v9.2/x?$skiptoken=1', trust, 'Dataverse', 'an @odata.nextLink')).toBe(
      'https://org.crm4.dynamics.com/api/data/v9.2/x?$skiptoken=1',
    );
    expect(() =>
      assertTrustedUrl('https://evil.example:8443/api/data/v9.2/x?$skiptoken=1', trust, 'Dataverse', 'an @odata.nextLink'),
    ).toThrow(
      new ConnectorError(
        'CRM_URL_REFUSED',
        'Dataverse gave an @odata.nextLink on another host (https://evil.example:8443); credentials are sent only to https://org.crm4.dynamics.com, https://*.dynamics.com',
      ),
    );
  });
});
