/**
 * Freezes `value` and every object and array inside it, and returns it: for values computed once
 * and shared by many callers (cached answers), so that a change by one caller fails at once
 * instead of showing in everyone's answers.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}
