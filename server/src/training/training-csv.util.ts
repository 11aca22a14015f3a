import type { PersonToTrain } from '@uptake/shared';

/** Cells a spreadsheet would run as a formula get a leading apostrophe (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: always quoted, quotes doubled, formula-like text defused. */
export function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** RFC 4180 text: CRLF line ends, every cell quoted. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const PEOPLE_TO_TRAIN_COLUMNS = [
  'external_id',
  'name',
  'email',
  'department',
  'manager',
  'last_login',
  'reasons',
  'required_courses_done',
  'required_courses',
  'due_date',
] as const;

/** The people-to-train list as a CSV file with a header row. */
export function peopleToTrainCsv(people: readonly PersonToTrain[]): string {
  return toCsv([
    PEOPLE_TO_TRAIN_COLUMNS,
    ...people.map((person) => [
      person.externalId,
      person.name,
      person.email,
      person.department,
      person.managerName,
      person.lastLoginAt,
      person.reasons.join('; '),
      person.requiredCoursesDone,
      person.requiredCourses,
      person.dueDate ?? null,
    ]),
  ]);
}
