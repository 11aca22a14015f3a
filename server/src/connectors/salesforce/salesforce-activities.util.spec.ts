import { toSalesforceActivity } from './salesforce-activities.util';

describe(toSalesforceActivity.name, () => {
  const task = (values: Record<string, unknown>) => ({
    Id: '00T1',
    OwnerId: '0051',
    WhatId: null,
    ActivityDate: null,
    CreatedDate: '2024-01-15T10:00:00.000+0000',
    IsDeleted: false,
    ...values,
  });

  it.each([
    ['Call', null, 'call'],
    ['Email', null, 'email'],
    ['ListEmail', null, 'email'],
    ['Task', 'Call', 'task'],
    [null, 'Call', 'call'],
    [null, 'Email', 'email'],
    [null, 'Meeting', 'task'],
  ])('TaskSubtype %s, Type %s -> %s', (TaskSubtype, Type, expected) => {
    expect(toSalesforceActivity('Task', task({ TaskSubtype, Type }), 'UTC')?.type).toBe(expected);
  });

  it('reads a due date as local midnight (New York, winter: 05:00 UTC)', () => {
    expect(toSalesforceActivity('Task', task({ ActivityDate: '2024-01-16' }), 'America/New_York')?.occurredAt).toBe(
      Date.UTC(2024, 0, 16, 5),
    );
  });

  it('skips a row without owner', () => {
    expect(toSalesforceActivity('Event', task({ OwnerId: null }), 'UTC')).toBeNull();
  });
});
