import { buildSoql, soqlDateTime, soqlString, uniqueFields } from './salesforce-soql.util';

describe('salesforce-soql.util', () => {
  it('writes a dateTime literal in UTC with Z, rounded down to the second', () => {
    expect(soqlDateTime(Date.parse('2021-01-25T05:43:21.999Z'))).toBe('2021-01-25T05:43:21Z');
    expect(soqlDateTime(Date.parse('2021-01-25T05:43:21Z'))).toBe('2021-01-25T05:43:21Z');
  });

  it('quotes strings with backslash escapes', () => {
    expect(soqlString("O'Brien \\ co")).toBe("'O\\'Brien \\\\ co'");
  });

  it('selects a field once, whatever its case', () => {
    expect(uniqueFields(['Id', 'Amount', 'amount', 'NextStep'])).toEqual(['Id', 'Amount', 'NextStep']);
  });

  it('builds SELECT ... FROM ... WHERE ... ORDER BY', () => {
    expect(
      buildSoql({
        fields: ['Id', 'id', 'Name'],
        from: 'Account',
        where: ['SystemModstamp > 2021-01-01T00:00:00Z', 'IsDeleted = false'],
        orderBy: ['SystemModstamp ASC'],
      }),
    ).toBe('SELECT Id, Name FROM Account WHERE SystemModstamp > 2021-01-01T00:00:00Z AND IsDeleted = false ORDER BY SystemModstamp ASC');
  });
});
