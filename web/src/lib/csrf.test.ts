import { csrfHeaders, readCsrfToken } from './csrf';

describe(csrfHeaders.name, () => {
  const cookies = 'theme=dark; uptake_csrf=abc%2D123; other=1';

  it.each([
    ['POST', { 'X-CSRF-Token': 'abc-123' }],
    ['put', { 'X-CSRF-Token': 'abc-123' }],
    ['PATCH', { 'X-CSRF-Token': 'abc-123' }],
    ['DELETE', { 'X-CSRF-Token': 'abc-123' }],
    ['GET', {}],
    ['HEAD', {}],
  ])('%s sends %j', (method, expected) => {
    expect(csrfHeaders(method, cookies)).toEqual(expected);
  });

  it('reads the __Host- cookie of an HTTPS install first', () => {
    expect(readCsrfToken('uptake_csrf=old; __Host-uptake_csrf=new')).toBe('new');
    expect(readCsrfToken('__Host-uptake_csrf=tls')).toBe('tls');
  });

  it('sends nothing when signed out (no cookie)', () => {
    expect(csrfHeaders('POST', 'theme=dark')).toEqual({});
    expect(readCsrfToken('')).toBeNull();
  });
});
