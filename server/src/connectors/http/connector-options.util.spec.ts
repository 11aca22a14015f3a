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

  it('accepts plain http only on loopback', () => {
    expect(parseConnectorOptions('x', schema, { url: 'http://127.0.0.1:8080', secret: 's' }).url).toBe('http://127.0.0.1:8080');
    expect(() => parseConnectorOptions('x', schema, { url: 'http://crm.example.com', secret: 's' })).toThrow('option "url": expected an https URL (the API base)');
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
