import { isEmailAddress } from './email-address.util';

describe(isEmailAddress.name, () => {
  it.each(['ann@example.com', 'a.b+c@sub.example.co.uk', 'x@y.z'])('accepts %p', (text) => expect(isEmailAddress(text)).toBe(true));
  it.each([
    '',
    'ann',
    'ann.example.com',
    'ann@example',
    'ann@@example.com',
    'ann @example.com',
    'ann@example..com',
    '@example.com',
    'ann@.com',
  ])('refuses %p', (text) => expect(isEmailAddress(text)).toBe(false));
});
