import { describe, expect, it } from 'vitest';
import { managerLabel } from './manager-label';

describe('managerLabel', () => {
  it('shows the name of a known manager', () => {
    expect(managerLabel({ managerName: 'Max Roe', managerExternalId: 'm1' })).toEqual({ text: 'Max Roe', unknown: false });
  });
  it('shows the id of a manager who is no imported user, marked unknown', () => {
    expect(managerLabel({ managerName: null, managerExternalId: 'boss' })).toEqual({ text: 'boss (unknown manager)', unknown: true });
  });
  it('shows nothing without a manager', () => {
    expect(managerLabel({ managerName: null, managerExternalId: null })).toBeNull();
  });
});
