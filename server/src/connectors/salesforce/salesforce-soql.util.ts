/**
 * A SOQL dateTime literal (unquoted, UTC, `Z`), rounded down to the second: the filter then
 * includes a little more rather than less.
 */
export function soqlDateTime(instant: number): string {
  return new Date(Math.floor(instant / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A quoted SOQL string literal. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Keeps the first of names equal ignoring case (SOQL rejects a field selected twice). */
export function uniqueFields(fields: readonly string[]): string[] {
  const seen = new Set<string>();
  return fields.filter((field) => {
    const key = field.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface SoqlSelect {
  fields: readonly string[];
  from: string;
  where?: readonly string[];
  orderBy?: readonly string[];
}

export function buildSoql(select: SoqlSelect): string {
  const parts = [`SELECT ${uniqueFields(select.fields).join(', ')} FROM ${select.from}`];
  if (select.where?.length) parts.push(`WHERE ${select.where.join(' AND ')}`);
  if (select.orderBy?.length) parts.push(`ORDER BY ${select.orderBy.join(', ')}`);
  return parts.join(' ');
}
