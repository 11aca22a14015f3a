/**
 * The rule for a plan version's effective-from day (`plan apply --effective-from DATE`, the Goals
 * page, `PUT /api/plan`): a calendar day written YYYY-MM-DD, not before the plan's launch date.
 * Resolves to the reason it is refused, or null when it is accepted.
 */
export function effectiveFromProblem(effectiveFrom: string, launchDate: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(effectiveFrom);
  const isDay =
    match !== null &&
    new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().slice(0, 10) === effectiveFrom;
  if (!isDay) return `effective-from "${effectiveFrom}" is not a date (expected YYYY-MM-DD, e.g. ${launchDate})`;
  if (effectiveFrom < launchDate) return `effective-from ${effectiveFrom} is before the launch date ${launchDate}`;
  return null;
}
