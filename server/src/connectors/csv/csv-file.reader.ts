import { createReadStream } from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import { findUnclosedQuote } from './csv-quote-scan.util';
import { CsvInputError } from './csv.errors';

/** Batches parsed ahead of the caller. */
const PREFETCH_BATCHES = 2;

/** One CSV record and the line it starts on (1-based; the header is line 1). */
export interface CsvRow {
  line: number;
  values: string[];
}

/**
 * Streams a CSV file as batches of at most `batchSize` records (the header included, blank lines
 * left out), so that a file of millions of rows is never held in memory: the parser runs at most
 * two batches ahead of the caller. Malformed CSV (an unclosed quote...) becomes a `CsvInputError` at the
 * line csv-parse reports, after the records read before it have been handed out.
 */
export async function* readCsvRows(path: string, file: string, batchSize: number): AsyncGenerator<CsvRow[]> {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  // Column counts are checked by the caller, which knows the header and reports a better column.
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: false });
  let readFailure: unknown = null;
  input.on('error', (error) => {
    readFailure = error;
    parser.destroy(error);
  });
  input.pipe(parser);

  // Full batches wait in `ready`; the parser runs ahead by PREFETCH_BATCHES while the caller writes
  // the previous batch (the database works in its own thread), then pauses.
  const ready: string[][][] = [];
  let filling: string[][] = [];
  let ended = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  const flush = () => {
    if (filling.length > 0) ready.push(filling);
    filling = [];
  };
  parser.on('data', (record: string[]) => {
    filling.push(record);
    if (filling.length >= batchSize) {
      flush();
      if (ready.length >= PREFETCH_BATCHES) parser.pause();
      notify();
    }
  });
  parser.on('end', () => {
    ended = true;
    flush();
    notify();
  });
  parser.on('error', (error) => {
    // The records before the error are handed out first: one of them may hold an earlier problem.
    failure = error;
    flush();
    notify();
  });

  let line = 0;
  const toRows = (records: string[][]): CsvRow[] => {
    const rows: CsvRow[] = [];
    for (const values of records) {
      const start = line + 1;
      line = start + embeddedLineBreaks(values);
      if (values.length === 1 && values[0].trim() === '') continue;
      rows.push({ line: start, values });
    }
    return rows;
  };

  try {
    for (;;) {
      const records = ready.shift();
      if (records) {
        if (!ended && failure === null && parser.isPaused()) parser.resume();
        yield toRows(records);
        continue;
      }
      if (failure !== null)
        throw failure === readFailure
          ? new Error(`${file}: cannot read the file: ${failure instanceof Error ? failure.message : String(failure)}`)
          : await toInputError(failure, file, path);
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    input.destroy();
    parser.destroy();
  }
}

/** Line breaks inside quoted values: the next record starts that many lines further down. */
function embeddedLineBreaks(values: string[]): number {
  let breaks = 0;
  for (const value of values) {
    for (let at = value.indexOf('\n'); at !== -1; at = value.indexOf('\n', at + 1)) breaks++;
  }
  return breaks;
}

async function toInputError(error: unknown, file: string, path: string): Promise<Error> {
  if (error instanceof CsvError) {
    const context = error as CsvError & { lines?: number; column?: number | string };
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      // csv-parse names the end of the file, where it gave up; the mistake is where the quote opens.
      const unclosed = await findUnclosedQuote(path).catch(() => null);
      if (unclosed) {
        const rest = `the quoted value that opens here is never closed, so the rest of the file (to line ${unclosed.lastLine}) was read as part of it`;
        return new CsvInputError(file, unclosed.opened.line, unclosed.opened.column, `malformed CSV: Quote Not Closed: ${rest}`);
      }
    }
    const column = typeof context.column === 'number' ? context.column + 1 : 1;
    return new CsvInputError(file, context.lines ?? 1, column, `malformed CSV: ${error.message}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
