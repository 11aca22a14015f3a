import { firstDeals, toHubSpotActivity } from './hubspot-activities.util';

describe(firstDeals.name, () => {
  it('keeps the lowest deal id of each object, ids as strings', () => {
    const deals = firstDeals({
      results: [
        { from: { id: '1' }, to: [{ toObjectId: 900 }, { toObjectId: 45 }] },
        { from: { id: '2' }, to: [] },
        { from: { id: 3 }, to: [{ toObjectId: '77' }] },
      ],
    });
    expect([...deals]).toEqual([
      ['1', '45'],
      ['3', '77'],
    ]);
  });

  it('reads an answer without results as none', () => {
    expect(firstDeals(null).size).toBe(0);
  });
});

describe(toHubSpotActivity.name, () => {
  it('reads hs_timestamp in epoch milliseconds as well as ISO, falls back to the creation time', () => {
    const object = (hs_timestamp: string | null) => ({
      id: '7',
      properties: { hs_timestamp, hubspot_owner_id: '41', hs_createdate: '2024-04-01T08:00:00.000Z' },
    });
    expect(toHubSpotActivity(object('1711965600000'), 'call', null)?.occurredAt).toBe(Date.UTC(2024, 3, 1, 10));
    expect(toHubSpotActivity(object(null), 'call', null)?.occurredAt).toBe(Date.UTC(2024, 3, 1, 8));
  });

  it('skips an activity without owner', () => {
    expect(
      toHubSpotActivity({ id: '7', properties: { hs_timestamp: '2024-04-01T08:00:00Z', hubspot_owner_id: '' } }, 'note', null),
    ).toBeNull();
  });
});
