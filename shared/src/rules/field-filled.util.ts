/** Values that reps type to get past a required field; they do not count as filled (case-insensitive). */
export const PLACEHOLDER_VALUES: readonly string[] = ['n/a', 'na', '-', 'tbd', 'unknown', 'none', '.', '?'];

/** A field is filled when it is not null, not empty after trimming, and not a placeholder. */
export function isFieldFilled(value: string | number | boolean | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  const text = String(value).trim();
  if (text === '') return false;
  return !PLACEHOLDER_VALUES.includes(text.toLowerCase());
}
