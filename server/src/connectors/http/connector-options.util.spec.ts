import { z } from 'zod';
import { ConnectorError } from '../connector.port';
import { baseUrlOption, intOption, listOption, parseConnectorOptions, requiredText } from './connector-options.util';

describe(parseConnectorOptions.name, () => {
  const schema = z.strictObject({
    url: baseUrlOption('the API base'),
    secret: requiredText('the secret'),
    users: listOption(),
    size: intOption(1, 10, 5),
  });

  it('parses, trims the trailing slash, splits lists and applies defaults', () => {
    expect(parseConnectorOptions('x', schema, { url: 'https://api.example.com/', secret: 's', users: 'a, b,,c' })).toEqual({
      url: 'https://api.example.com',
      secret: 's',
      users: ['a', 'b', 'c'],
      size: 5,
    });
  });

  describe('private hosts', () => {
    const saved = process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
    afterEach(() => {
      if (saved === undefined) delete process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
      else process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS = saved;
    });

    it('accepts plain http only on loopback, and loopback only when UPTAKE_ALLOW_PRIVATE_CRM_HOSTS is true', () => {
      process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS = 'true';
      expect(parseConnectorOptions('x', schema, { url: 'http://127.0.0.1:8080', secret: 's' }).url).toBe('http://127.0.0.1:8080');
      expect(parseConnectorOptions('x', schema, { url: 'https://10.1.2.3', secret: 's' }).url).toBe('https://10.1.2.3');
      expect(() => parseConnectorOptions('x', schema, { url: 'http://crm.example.com', secret: 's' })).toThrow(
        'option "url": expected an https URL (the API base)',
      );
    });

    it.each([
      ['http://127.0.0.1:8080', '127.0.0.1'],
      ['http://localhost:3000', 'localhost'],
      ['https://crm.localhost', 'crm.localhost'],
      ['https://169.254.169.254', '169.254.169.254'],
      ['https://[::ffff:127.0.0.1]', '[::ffff:7f00:1]'],
      ['https://[fe80::1]', '[fe80::1]'],
      ['https://0.0.0.0', '0.0.0.0'],
      ['https://192.168.0.10/', '192.168.0.10'],
    ])('refuses %s when UPTAKE_ALLOW_PRIVATE_CRM_HOSTS is not set', (url, host) => {
      delete process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
      expect(() => parseConnectorOptions('x', schema, { url, secret: 's' })).toThrow(
        new ConnectorError(
          'CONNECTOR_OPTIONS_INVALID',
          `invalid x connection options: option "url": ${host} is a private, loopback or link-local host; set UPTAKE_ALLOW_PRIVATE_CRM_HOSTS=true to allow CRM hosts on the internal network`,
        ),
      );
    });

    it('accepts a public host and a name (names are checked when connecting)', () => {
      delete process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS;
      expect(parseConnectorOptions('x', schema, { url: 'https://acme.my.salesforce.com', secret: 's' }).url).toBe(
        'https://acme.my.salesforce.com',
      );
      expect(parseConnectorOptions('x', schema, { url: 'https://13.107.42.14', secret: 's' }).url).toBe('https://13.107.42.14');
    });

    it('refuses a value of UPTAKE_ALLOW_PRIVATE_CRM_HOSTS that is not a boolean', () => {
      process.env.UPTAKE_ALLOW_PRIVATE_CRM_HOSTS = 'yes please';
      expect(() => parseConnectorOptions('x', schema, { url: 'https://acme.my.salesforce.com', secret: 's' })).toThrow(
        'invalid environment: UPTAKE_ALLOW_PRIVATE_CRM_HOSTS: must be true or false, not "yes please"',
      );
    });
  });

  it('names every problem, treats "" as not given, and never shows a value', () => {
    let error: ConnectorError | undefined;
    try {
      parseConnectorOptions('x', schema, { url: 'https://a.example', secret: '  ', size: '11', extra: 'hunter2' });
    } catch (thrown) {
      error = thrown as ConnectorError;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error?.code).toBe('CONNECTOR_OPTIONS_INVALID');
    expect(error?.message).toBe(
      'invalid x connection options: option "secret": required: the secret; option "size": expected a whole number from 1 to 10; unknown option "extra" (known: url, secret, users, size)',
    );
  });
});
