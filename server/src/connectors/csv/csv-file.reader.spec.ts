import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvRows, type CsvRow } from './csv-file.reader';
import { CsvInputError } from './csv.errors';

describe(readCsvRows.name, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'uptake-csv-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function read(text: string, batchSize = 100): Promise<CsvRow[][]> {
    const path = join(dir, 'test.csv');
    writeFileSync(path, text);
    const batches: CsvRow[][] = [];
    for await (const batch of readCsvRows(path, 'test.csv', batchSize)) batches.push(batch);
    return batches;
  }

  it('numbers lines from the header, skipping blank lines and counting line breaks inside quotes', async () => {
    // line 1 header, 2 a, 3 blank, 4-5 a quoted value over two lines, 6 c (CRLF line ends, BOM)
    const batches = await read('\uFEFFid,note\r\na,x\r\n\r\n"b","two\r\nlines"\r\nc,z\r\n');
    expect(batches.flat()).toEqual([
      { line: 1, values: ['id', 'note'] },
      { line: 2, values: ['a', 'x'] },
      { line: 4, values: ['b', 'two\r\nlines'] },
      { line: 6, values: ['c', 'z'] },
    ]);
  });

  it('hands out batches of at most the batch size', async () => {
    const batches = await read('id\n1\n2\n3\n4\n', 2);
    // 5 records (header included) in batches of 2: 2, 2, 1
    expect(batches.map((batch) => batch.map((row) => row.values[0]))).toEqual([['id', '1'], ['2', '3'], ['4']]);
  });

  it('keeps rows of another length for the caller to judge', async () => {
    const batches = await read('a,b\n1\n1,2,3\n');
    expect(batches.flat().map((row) => row.values)).toEqual([['a', 'b'], ['1'], ['1', '2', '3']]);
  });

  it('reports malformed CSV at the line csv-parse names, after the rows before it', async () => {
    const rows: CsvRow[] = [];
    const path = join(dir, 'bad.csv');
    // line 3: a quote opened in field 2 and never closed
    writeFileSync(path, 'id,note\na,x\nb,"open\n');
    const reading = (async () => {
      for await (const batch of readCsvRows(path, 'bad.csv', 100)) rows.push(...batch);
    })();
    await expect(reading).rejects.toThrow(CsvInputError);
    await expect(reading).rejects.toThrow(/^bad\.csv:3:2: malformed CSV: Quote Not Closed/);
    expect(rows.map((row) => row.line)).toEqual([1, 2]);
  });

  it('reports an unclosed quote at the line and column where the quoted value opens, not at the end of the file', async () => {
    // line 1 header, 2 a, 3 b with a quote opened in field 2 and never closed, 4-6 more rows
    // (csv-parse itself names line 6, the end of the file, where it gave up)
    await expect(read('id,note\na,x\nb,"open\nc,z\nd,w\ne,v\n')).rejects.toThrow(
      /^test\.csv:3:2: malformed CSV: Quote Not Closed: the quoted value that opens here is never closed, so the rest of the file \(to line 6\) was read as part of it$/,
    );
  });

  it('counts the lines of quoted values before the unclosed one, and doubled quotes inside them', async () => {
    // line 1 header; 2-3 a quoted value over two lines with a doubled quote, then on line 3 field 3
    // opens a quote that never closes; 4 one more line
    await expect(read('id,note,more\na,"say ""hi""\nthere","open\nb,y,z\n')).rejects.toThrow(
      /^test\.csv:3:3: malformed CSV: Quote Not Closed/,
    );
  });

  it('reports an invalid closing quote with its line and column', async () => {
    // line 2, second field: "2"x
    await expect(read('a,b\n1,"2"x\n')).rejects.toThrow(/^test\.csv:2:2: malformed CSV: Invalid Closing Quote/);
  });
});
