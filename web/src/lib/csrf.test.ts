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

  it('sends nothing when signed out (no cookie)', () => {
    expect(csrfHeaders('POST', 'theme=dark')).toEqual({});
    expect(readCsrfToken('')).toBeNull();
  });
});
