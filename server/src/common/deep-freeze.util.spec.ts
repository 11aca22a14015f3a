import { deepFreeze } from './deep-freeze.util';

describe(deepFreeze.name, () => {
  it('freezes the object, its arrays and the objects inside them', () => {
    const value = deepFreeze({ asOf: '2026-03-01', departments: [{ department: 'Sales', metrics: { active_users: 0.5 } }] });
    expect(() => {
      value.departments[0].metrics.active_users = 1;
    }).toThrow(TypeError);
    expect(() => value.departments.push({ department: 'Ops', metrics: { active_users: 0 } })).toThrow(TypeError);
    expect(value.departments[0].metrics.active_users).toBe(0.5);
  });

  it('leaves values that are not objects as they are', () => {
    expect(deepFreeze(3)).toBe(3);
    expect(deepFreeze(null)).toBeNull();
  });
});
