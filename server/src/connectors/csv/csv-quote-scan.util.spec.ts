import { QuoteScanner } from './csv-quote-scan.util';

describe(QuoteScanner.name, () => {
  function scan(...chunks: string[]) {
    const sut = new QuoteScanner();
    for (const chunk of chunks) sut.feed(chunk);
    return { unclosed: sut.unclosed(), lastLine: sut.lastLineRead() };
  }

  it('finds nothing open in well-formed CSV, quoted line breaks and doubled quotes included', () => {
    // 3 lines: the quoted value of line 2 holds a doubled quote and a line break
    expect(scan('a,b\r\n1,"x ""y""\r\nz"\r\n')).toEqual({ unclosed: null, lastLine: 3 });
  });

  it('names the line and field where the unclosed quote opens, after a BOM and CRLF lines', () => {
    // line 1 header, line 2 field 3 opens a quote; lines 3 and 4 are swallowed by it
    expect(scan('\uFEFFa,b,c\r\n1,2,"open\r\n3,4,5\r\n6,7,8\r\n')).toEqual({ unclosed: { line: 2, column: 3 }, lastLine: 4 });
  });

  it('reads a doubled quote split across two chunks as a quote, not as the end of the value', () => {
    // '"x "' + '"y' is "x ""y...: the value stays open
    expect(scan('a\n"x "', '"y\n').unclosed).toEqual({ line: 2, column: 1 });
    // '"x"' + ',b': the quote closed the value
    expect(scan('a\n"x"', ',b\n').unclosed).toBeNull();
  });

  it('does not take a quote inside an unquoted value for an opening quote', () => {
    expect(scan('a,b\n1,2"3\n').unclosed).toBeNull();
  });
});
