import { planRecordObjectTypes } from './record-object-types.util';

describe('planRecordObjectTypes', () => {
  it('lists object types with required fields, leaving out opportunity and empty ones', () => {
    expect(planRecordObjectTypes({ opportunity: ['amount'], account: ['industry'], lead: [], task: ['subject', 'type'] })).toEqual([
      'account',
      'task',
    ]);
  });

  it('is empty when the plan needs only opportunity fields', () => {
    expect(planRecordObjectTypes({ opportunity: ['amount'] })).toEqual([]);
  });
});
