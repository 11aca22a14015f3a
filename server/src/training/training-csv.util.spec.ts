import { csvCell, toCsv } from './training-csv.util';

describe('training CSV', () => {
  it.each<[string | number | null, string]>([
    ['plain', '"plain"'],
    ['with "quotes"', '"with ""quotes"""'],
    ['comma, and\nnewline', '"comma, and\nnewline"'],
    [null, '""'],
    [3, '"3"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['+1', '"\'+1"'],
    ['@sum', '"\'@sum"'],
    ["-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\""],
    ['\t=1+1', '"\'\t=1+1"'],
    ['\r=1+1', '"\'\r=1+1"'],
    ['a-b=c', '"a-b=c"'],
  ])('writes %p as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('ends every row with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['1', null],
      ]),
    ).toBe('"a","b"\r\n"1",""\r\n');
  });
});
