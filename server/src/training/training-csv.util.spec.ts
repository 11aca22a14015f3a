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
  ])('writes %p as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('ends every row with CRLF', () => {
    expect(toCsv([['a', 'b'], ['1', null]])).toBe('"a","b"\r\n"1",""\r\n');
  });
});
