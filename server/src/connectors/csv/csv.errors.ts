import { ConnectorError } from '../connector.port';

/** Bad content in an import file; the message is `<file>:<line>:<column>: <reason>` (1-based). */
export class CsvInputError extends ConnectorError {
  constructor(
    readonly file: string,
    readonly line: number,
    /** Position of the column in the header line. */
    readonly column: number,
    readonly reason: string,
  ) {
    super('CSV_INVALID', `${file}:${line}:${column}: ${reason}`);
  }
}

/**
 * The import folder itself is unusable: missing, without import files, or holding a file with an
 * unusable name. Bad input like `CsvInputError`, hence the same code.
 */
export class CsvFolderError extends ConnectorError {
  constructor(
    readonly folder: string,
    readonly reason: string,
  ) {
    super('CSV_INVALID', `import folder "${folder}": ${reason}`);
  }
}

/**
 * training.csv rows whose `user_email` names no person imported through any connection: every such
 * line, so that one run shows all of them. Bad input like `CsvInputError`, hence the same code.
 */
export class CsvUnknownEmailsError extends ConnectorError {
  constructor(readonly lines: ReadonlyArray<{ where: string; email: string }>) {
    super(
      'CSV_INVALID',
      [
        ...lines.map((line) => `${line.where}: user_email "${line.email}" is not a person imported through any connection`),
        `${lines.length} line${lines.length === 1 ? '' : 's'} name${lines.length === 1 ? 's' : ''} nobody: import those people first, or pass --skip-unknown to skip these lines`,
      ].join('\n'),
    );
  }
}
