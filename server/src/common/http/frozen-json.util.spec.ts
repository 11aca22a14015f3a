import { deepFreeze } from '../deep-freeze.util';
import { frozenAwareJson } from './frozen-json.util';

describe(frozenAwareJson.name, () => {
  it.each([
    ['a number', 3],
    ['null', null],
    ['a string', 'a "quoted" text'],
    ['an array', [1, 'two', null, { three: 3 }]],
    ['a nested object', { a: 1, b: { c: [true, false], d: undefined }, e: undefined, 'f g': 'x' }],
    ['a date inside', { at: new Date(Date.UTC(2026, 2, 1)) }],
  ])('writes exactly what JSON.stringify writes for %s, frozen or not', (_name, value) => {
    expect(frozenAwareJson(value)).toBe(JSON.stringify(value));
    expect(frozenAwareJson({ value, plain: true })).toBe(JSON.stringify({ value, plain: true }));
    const frozen = deepFreeze(structuredClone(value));
    expect(frozenAwareJson(frozen)).toBe(JSON.stringify(frozen));
    expect(frozenAwareJson({ frozen, skipped: undefined })).toBe(JSON.stringify({ frozen }));
  });

  it('serializes a frozen part once and reuses its text in the answers built around it', () => {
    const departments = deepFreeze([{ department: 'Sales', metrics: { active_users: 0.5 } }]);
    const stringify = jest.spyOn(JSON, 'stringify');
    frozenAwareJson({ asOf: '2026-03-01', departments });
    const callsWithDepartments = () => stringify.mock.calls.filter(([value]) => value === departments).length;
    expect(callsWithDepartments()).toBe(1);
    expect(frozenAwareJson({ asOf: '2026-03-02', departments })).toBe(
      '{"asOf":"2026-03-02","departments":[{"department":"Sales","metrics":{"active_users":0.5}}]}',
    );
    expect(callsWithDepartments()).toBe(1);
    stringify.mockRestore();
  });

  it('leaves class instances and objects with toJSON to JSON.stringify', () => {
    const withToJson = { toJSON: () => ({ replaced: true }), hidden: 1 };
    expect(frozenAwareJson(withToJson)).toBe('{"replaced":true}');
    expect(frozenAwareJson(new Map([['a', 1]]))).toBe('{}');
  });
});
