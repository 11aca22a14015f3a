import { effectiveFromProblem } from './effective-from.util';

describe('effectiveFromProblem', () => {
  it.each([
    ['the launch date itself', '2026-01-15', null],
    ['a later day', '2026-03-01', null],
    ['the day before launch', '2026-01-14', 'effective-from 2026-01-14 is before the launch date 2026-01-15'],
    ['not a date', 'soon', 'effective-from "soon" is not a date (expected YYYY-MM-DD, e.g. 2026-01-15)'],
    ['a day that does not exist', '2026-02-30', 'effective-from "2026-02-30" is not a date (expected YYYY-MM-DD, e.g. 2026-01-15)'],
    ['an instant', '2026-03-01T10:00:00Z', 'effective-from "2026-03-01T10:00:00Z" is not a date (expected YYYY-MM-DD, e.g. 2026-01-15)'],
  ])('%s', (_name, day, problem) => {
    expect(effectiveFromProblem(day, '2026-01-15')).toBe(problem);
  });
});
