import type { CsvRow } from './csv-file.reader';
import { CsvDateReader, CsvValueError, parseCsvBoolean, parseCsvChannel, parseCsvNumber } from './csv-value.util';
import { CsvInputError } from './csv.errors';
import type { LoginChannel } from '../connector.port';

/** A column of the header: its lower-case name and 0-based position (-1: the file has no such column). */
export interface CsvColumn {
  name: string;
  index: number;
}

export interface CsvHeaderRules {
  /** Columns every file of this kind must have. */
  required: readonly string[];
  /** Other columns with a meaning; with `strict`, no column outside `required` and `optional` is allowed. */
  optional: readonly string[];
  strict: boolean;
}

/** Longest text the schema stores for an id (varchar 255) and for names, courses and field names (varchar 200). */
export const MAX_ID_LENGTH = 255;
export const MAX_NAME_LENGTH = 200;

/** The header line of an import file: lower-cased, trimmed column names, checked against the file's rules. */
export class CsvHeader {
  readonly names: readonly string[];

  constructor(
    readonly file: string,
    row: CsvRow,
    rules: CsvHeaderRules,
  ) {
    this.names = row.values.map((value) => value.trim().toLowerCase());
    const seen = new Map<string, number>();
    this.names.forEach((name, index) => {
      if (name === '') throw new CsvInputError(file, row.line, index + 1, 'empty column name in the header');
      if (name.length > MAX_NAME_LENGTH)
        throw new CsvInputError(file, row.line, index + 1, `column name is longer than ${MAX_NAME_LENGTH} characters`);
      const first = seen.get(name);
      if (first !== undefined) throw new CsvInputError(file, row.line, index + 1, `duplicate column "${name}" (also column ${first + 1})`);
      seen.set(name, index);
      if (rules.strict && !rules.required.includes(name) && !rules.optional.includes(name)) {
        const known = [...rules.required, ...rules.optional].join(', ');
        throw new CsvInputError(file, row.line, index + 1, `unknown column "${name}" (the columns of ${file} are ${known})`);
      }
    });
    for (const name of rules.required) {
      if (!seen.has(name)) throw new CsvInputError(file, row.line, 1, `missing required column "${name}"`);
    }
  }

  column(name: string): CsvColumn {
    return { name, index: this.names.indexOf(name) };
  }

  /** Columns not in `except`, in header order (the field columns of records). */
  otherColumns(except: readonly string[]): CsvColumn[] {
    return this.names.flatMap((name, index) => (except.includes(name) ? [] : [{ name, index }]));
  }
}

/**
 * Typed access to the cells of one row at a time, turning every bad value into a `CsvInputError`
 * at the row's line and the column's position. Reused for every row of a file.
 */
export class CsvRowReader {
  private row: CsvRow = { line: 0, values: [] };

  constructor(
    readonly header: CsvHeader,
    private readonly dates: CsvDateReader,
  ) {}

  get line(): number {
    return this.row.line;
  }

  /** Moves to `row`, which must have one value per header column. */
  use(row: CsvRow): void {
    this.row = row;
    const expected = this.header.names.length;
    const found = row.values.length;
    if (found !== expected) {
      const column = found < expected ? found + 1 : expected + 1;
      throw this.error(column, `wrong number of fields: the header has ${expected}, this line ${found}`);
    }
  }

  /** The cell as written ('' when the file has no such column). */
  raw(column: CsvColumn): string {
    return column.index < 0 ? '' : this.row.values[column.index];
  }

  /** Trimmed text; empty: null. */
  text(column: CsvColumn, maxLength = MAX_NAME_LENGTH): string | null {
    const value = this.raw(column).trim();
    if (value === '') return null;
    if (value.length > maxLength) throw this.error(column.index + 1, `${column.name} is longer than ${maxLength} characters`);
    return value;
  }

  /** Trimmed text that must be present. */
  required(column: CsvColumn, maxLength = MAX_NAME_LENGTH): string {
    const value = this.text(column, maxLength);
    if (value === null) throw this.error(column.index + 1, `missing value for ${column.name}`);
    return value;
  }

  id(column: CsvColumn): string | null {
    return this.text(column, MAX_ID_LENGTH);
  }

  requiredId(column: CsvColumn): string {
    return this.required(column, MAX_ID_LENGTH);
  }

  /** The cell as written, for record fields; empty: null (whitespace is kept: completeness judges it). */
  field(column: CsvColumn): string | null {
    const value = this.raw(column);
    return value === '' ? null : value;
  }

  boolean(column: CsvColumn, fallback: boolean): boolean {
    return this.parse(column, (text) => parseCsvBoolean(column.name, text, fallback));
  }

  number(column: CsvColumn): number | null {
    return this.parse(column, (text) => parseCsvNumber(column.name, text));
  }

  instant(column: CsvColumn): number | null {
    return this.parse(column, (text) => this.dates.instant(column.name, text));
  }

  requiredInstant(column: CsvColumn): number {
    const value = this.instant(column);
    if (value === null) throw this.error(column.index + 1, `missing value for ${column.name}`);
    return value;
  }

  day(column: CsvColumn): string | null {
    return this.parse(column, (text) => this.dates.day(column.name, text));
  }

  channel(column: CsvColumn): LoginChannel {
    return this.parse(column, (text) => parseCsvChannel(column.name, text));
  }

  error(column: number, reason: string): CsvInputError {
    return new CsvInputError(this.header.file, this.row.line, column, reason);
  }

  private parse<T>(column: CsvColumn, read: (text: string) => T): T {
    try {
      return read(this.raw(column));
    } catch (error) {
      if (error instanceof CsvValueError) throw this.error(column.index + 1, error.message);
      throw error;
    }
  }
}
