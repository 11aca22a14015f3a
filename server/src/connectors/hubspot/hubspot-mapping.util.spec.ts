import { hubspotDay, hubspotInstant, hubspotLoginChannel, toCrmUser } from './hubspot-mapping.util';

describe('hubspot-mapping.util', () => {
  it.each([
    // A date-only property arrives as midnight UTC: that date, even west of UTC.
    ['2024-03-31T00:00:00Z', 'America/New_York', '2024-03-31'],
    ['2024-03-31T00:00:00.000Z', 'Europe/Berlin', '2024-03-31'],
    // Any other instant is its day in the plan's time zone: 02:00 UTC is still the 30th in New York.
    ['2024-03-31T02:00:00Z', 'America/New_York', '2024-03-30'],
    // Epoch milliseconds (legacy and search APIs): 1711843200000 = 2024-03-31T00:00:00Z.
    ['1711843200000', 'America/New_York', '2024-03-31'],
    ['', 'UTC', null],
  ])('hubspotDay(%s, %s) is %s', (value, timezone, day) => {
    expect(hubspotDay(value, timezone)).toBe(day);
  });

  it('reads instants as ISO text or epoch milliseconds', () => {
    expect(hubspotInstant('2024-04-02T09:15:30.234Z', 'UTC')).toBe(Date.UTC(2024, 3, 2, 9, 15, 30, 234));
    expect(hubspotInstant('1711843200000', 'UTC')).toBe(1711843200000);
    expect(hubspotInstant(null, 'UTC')).toBeNull();
  });

  it.each([
    ['HubSpot/6.20 (iPhone; iOS 17.4; Scale/3.00)', 'mobile'],
    ['Mozilla/5.0 (Linux; Android 11; M2101K6G)', 'mobile'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Chrome/123.0', 'web'],
    [null, 'web'],
  ])('user agent %s is channel %s', (agent, channel) => {
    expect(hubspotLoginChannel(agent)).toBe(channel);
  });

  it("stamps an owner's version with its updatedAt", () => {
    const owner = { id: '7', createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-03-02T11:30:00.000Z' };
    expect(toCrmUser(owner, []).modifiedAt).toBe(Date.UTC(2024, 2, 2, 11, 30));
    expect(toCrmUser({ id: '8' }, []).modifiedAt).toBeUndefined();
  });
});
