import { isFieldFilled } from './field-filled.util';

describe('isFieldFilled', () => {
  it.each([
    ['a word', 'Renewal call', true],
    ['a number', 0, true],
    ['false as a value', false, true],
    ['a padded word', '  acme  ', true],
    ['a word that starts like a placeholder', 'nano', true],
    ['null', null, false],
    ['undefined', undefined, false],
    ['empty', '', false],
    ['only whitespace', ' \t\n ', false],
    ['n/a', 'n/a', false],
    ['N/A in capitals, padded', '  N/A ', false],
    ['na', 'NA', false],
    ['a dash', '-', false],
    ['tbd', 'TBD', false],
    ['unknown', 'Unknown', false],
    ['none', 'none', false],
    ['a dot', '.', false],
    ['a question mark', ' ? ', false],
  ])('%s', (_name, value, filled) => {
    expect(isFieldFilled(value)).toBe(filled);
  });
});
