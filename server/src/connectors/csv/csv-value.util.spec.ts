import { parseInstant } from '../../common/time.util';
import { CsvDateReader, CsvValueError, isSuccessStatus, parseCsvBoolean, parseCsvChannel, parseCsvNumber } from './csv-value.util';

describe(CsvDateReader.name, () => {
  const utc = new CsvDateReader('UTC');
  const paris = new CsvDateReader('Europe/Paris');

  it.each([
    // text, expected epoch ms (UTC reader)
    ['2017-03-01', Date.UTC(2017, 2, 1)],
    ['2017-03-01T09:30:00Z', Date.UTC(2017, 2, 1, 9, 30)],
    ['2017-03-01T09:30Z', Date.UTC(2017, 2, 1, 9, 30)],
    ['2017-03-01 09:30:00Z', Date.UTC(2017, 2, 1, 9, 30)],
    ['2017-03-01T09:30:00.123Z', Date.UTC(2017, 2, 1, 9, 30, 0, 123)],
    ['2017-03-01T09:30:00.5Z', Date.UTC(2017, 2, 1, 9, 30, 0, 500)],
    // 09:30 at +01:00 is 08:30 UTC; at -0530 it is 15:00 UTC
    ['2017-03-01T09:30:00.000+0100', Date.UTC(2017, 2, 1, 8, 30)],
    ['2017-03-01T09:30:00-05:30', Date.UTC(2017, 2, 1, 15, 0)],
    ['2016-02-29T23:59:59Z', Date.UTC(2016, 1, 29, 23, 59, 59)],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    // year 50, not 1950 (Date.UTC alone reads years 0-99 as 1900-1999)
    ['0050-01-01T00:00:00Z', new Date('0050-01-01T00:00:00Z').getTime()],
    // no offset: local time of the reader's zone
    ['2017-03-01T09:30:00', Date.UTC(2017, 2, 1, 9, 30)],
    ['  2017-03-01  ', Date.UTC(2017, 2, 1)],
  ])('reads %s', (text, expected) => {
    expect(utc.instant('at', text)).toBe(expected);
    expect(parseInstant(text, 'UTC')).toBe(expected);
  });

  it('reads bare dates and timestamps without offset in its zone, and offsets as given', () => {
    // Paris is UTC+1 in winter and UTC+2 from 2017-03-26
    expect(paris.instant('at', '2017-03-01')).toBe(Date.UTC(2017, 1, 28, 23, 0));
    expect(paris.instant('at', '2017-07-01')).toBe(Date.UTC(2017, 5, 30, 22, 0));
    expect(paris.instant('at', '2017-07-01T10:00:00')).toBe(Date.UTC(2017, 6, 1, 8, 0));
    expect(paris.instant('at', '2017-07-01T10:00:00Z')).toBe(Date.UTC(2017, 6, 1, 10, 0));
  });

  it('reads calendar days in its zone', () => {
    expect(utc.day('close_date', '2017-03-01')).toBe('2017-03-01');
    // 23:30 UTC on 1 March is 00:30 on 2 March in Paris
    expect(paris.day('close_date', '2017-03-01T23:30:00Z')).toBe('2017-03-02');
    expect(utc.day('close_date', '')).toBeNull();
  });

  it.each([
    '2017-02-30',
    '2017-02-29T10:00:00Z',
    '1900-02-29T00:00:00Z',
    '2017-13-01',
    '2017-03-01T24:00:00Z',
    '2017-03-01T09:60:00Z',
    '2017',
    '1054',
    '03/01/2017',
    'yesterday',
    '2017-03-01T09:30:00+2500',
  ])('rejects %s', (text) => {
    expect(() => utc.instant('login_at', text)).toThrow(new CsvValueError(`login_at "${text}" is not an ISO 8601 date`));
    expect(() => utc.day('close_date', text)).toThrow(CsvValueError);
  });

  it('gives null for an empty value', () => {
    expect(utc.instant('at', '')).toBeNull();
    expect(utc.instant('at', '   ')).toBeNull();
  });
});

describe(parseCsvBoolean.name, () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['Yes', true],
    ['false', false],
    ['False', false],
    ['0', false],
    [' no ', false],
  ])('reads %s', (text, expected) => {
    expect(parseCsvBoolean('active', text, !expected)).toBe(expected);
  });

  it('uses the default for an empty value', () => {
    expect(parseCsvBoolean('active', '', true)).toBe(true);
    expect(parseCsvBoolean('integration', ' ', false)).toBe(false);
  });

  it('rejects anything else', () => {
    expect(() => parseCsvBoolean('active', 'maybe', true)).toThrow('active "maybe" is not a boolean (true/false, 1/0, yes/no)');
    expect(() => parseCsvBoolean('active', 'y', true)).toThrow(CsvValueError);
  });
});

describe(parseCsvNumber.name, () => {
  it.each([
    ['1054', 1054],
    ['-12.5', -12.5],
    ['0.25', 0.25],
    ['.5', 0.5],
    ['1e3', 1000],
    [' 42 ', 42],
  ])('reads %s', (text, expected) => {
    expect(parseCsvNumber('amount', text)).toBe(expected);
  });

  it('gives null for an empty value', () => {
    expect(parseCsvNumber('amount', '')).toBeNull();
  });

  it.each(['1,054', '12,5', '$100', '1.2.3', 'abc', 'NaN', 'Infinity', '0x10'])('rejects %s', (text) => {
    expect(() => parseCsvNumber('amount', text)).toThrow(`amount "${text}" is not a number`);
  });
});

describe(parseCsvChannel.name, () => {
  it('reads web, mobile and api in any case, web when empty', () => {
    expect(parseCsvChannel('channel', '')).toBe('web');
    expect(parseCsvChannel('channel', 'WEB')).toBe('web');
    expect(parseCsvChannel('channel', 'Mobile')).toBe('mobile');
    expect(parseCsvChannel('channel', 'api')).toBe('api');
  });

  it('rejects another channel', () => {
    expect(() => parseCsvChannel('channel', 'desktop')).toThrow('channel "desktop" is not one of web, mobile, api');
  });
});

describe(isSuccessStatus.name, () => {
  it('is true for Success in any case only', () => {
    expect(isSuccessStatus('Success')).toBe(true);
    expect(isSuccessStatus('SUCCESS')).toBe(true);
    expect(isSuccessStatus(' success ')).toBe(true);
    expect(isSuccessStatus('Failed')).toBe(false);
    expect(isSuccessStatus('Invalid Password')).toBe(false);
    expect(isSuccessStatus('')).toBe(false);
  });
});
