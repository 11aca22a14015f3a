import { fieldText, matchFieldName, suggestFieldNames } from './field-name.util';

describe('field-name.util', () => {
  const salesforce = ['Id', 'Amount', 'CloseDate', 'NextStep', 'Next_Step__c', 'Industry'];

  it.each([
    ['amount', { name: 'Amount' }],
    ['close_date', { name: 'CloseDate' }],
    // An exact match ignoring case wins over a match ignoring underscores.
    ['next_step__c', { name: 'Next_Step__c' }],
    ['next_step', { name: 'NextStep' }],
    ['nextstep', { name: 'NextStep' }],
    ['next_stpe', { candidates: [] }],
  ])('matches the plan field %s', (wanted, expected) => {
    expect(matchFieldName(wanted, salesforce)).toEqual(expected);
  });

  it('gives every candidate when several match equally', () => {
    expect(matchFieldName('a_b', ['AB', 'A_B_', 'ab_'])).toEqual({ candidates: ['AB', 'A_B_', 'ab_'] });
  });

  it('suggests names that contain the wanted one', () => {
    expect(suggestFieldNames('industry', ['industrycode', 'name'])).toBe(' (did you mean industrycode?)');
    expect(suggestFieldNames('zz', ['zzz'])).toBe('');
  });

  it('writes values as text', () => {
    expect([fieldText('x'), fieldText(12.5), fieldText(false), fieldText(null), fieldText({ Name: 'x' })]).toEqual([
      'x',
      '12.5',
      'false',
      null,
      null,
    ]);
  });
});
