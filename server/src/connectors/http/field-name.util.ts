/** Lower-case, without "_": `next_step`, `NextStep` and `Next_Step` all become `nextstep`. */
export function normaliseFieldName(name: string): string {
  return name.toLowerCase().replace(/_/g, '');
}

export type FieldNameMatch = { name: string } | { candidates: string[] };

/**
 * Finds the CRM's name for a field named in the launch plan: an exact match ignoring case first,
 * then a match ignoring case and underscores (`next_step` -> `NextStep`). No match gives no
 * candidates; several equally good matches give them all.
 */
export function matchFieldName(wanted: string, available: readonly string[]): FieldNameMatch {
  const lower = wanted.toLowerCase();
  const exact = available.filter((name) => name.toLowerCase() === lower);
  if (exact.length === 1) return { name: exact[0] };
  const normalised = normaliseFieldName(wanted);
  const loose = available.filter((name) => normaliseFieldName(name) === normalised);
  if (loose.length === 1) return { name: loose[0] };
  return { candidates: exact.length > 1 ? exact : loose };
}

/** A field value as text: numbers and booleans as written, objects and arrays as null (not a field value). */
export function fieldText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** Up to five names that contain the wanted one or are contained in it, ignoring case and "_": ` (did you mean a, b?)` or ''. */
export function suggestFieldNames(wanted: string, available: readonly string[]): string {
  const key = normaliseFieldName(wanted);
  if (key.length < 3) return '';
  const close = available
    .filter((name) => {
      const candidate = normaliseFieldName(name);
      return candidate.length >= 3 && (candidate.includes(key) || key.includes(candidate));
    })
    .slice(0, 5);
  return close.length ? ` (did you mean ${close.join(', ')}?)` : '';
}
