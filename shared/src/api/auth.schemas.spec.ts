import { cookieName, SSO_ERRORS, ssoErrorText } from './auth.schemas';

describe(ssoErrorText.name, () => {
  it.each([
    ['sso_no_account', SSO_ERRORS.sso_no_account],
    ['sso_domain_not_allowed', 'Accounts of your email domain may not sign in here.'],
    ['Call +1 555 0100 and give your password', SSO_ERRORS.sso_failed],
    ['toString', SSO_ERRORS.sso_failed], // an inherited property is no reason
    ['', null],
    [null, null],
  ])('shows %j as %j', (reason, expected) => {
    expect(ssoErrorText(reason)).toBe(expected);
  });
});

describe(cookieName.name, () => {
  it('prefixes __Host- on HTTPS only', () => {
    expect(cookieName('uptake_session', true)).toBe('__Host-uptake_session');
    expect(cookieName('uptake_session', false)).toBe('uptake_session');
  });
});
