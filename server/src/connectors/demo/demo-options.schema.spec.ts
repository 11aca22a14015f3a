import { ConnectorError } from '../connector.port';
import { parseDemoOptions } from './demo-options.schema';

describe(parseDemoOptions.name, () => {
  it('falls back to the defaults: seed "uptake", launched 120 days ago, 320 people, no fixed launch date', () => {
    expect(parseDemoOptions({})).toEqual({ seed: 'uptake', launchDaysAgo: 120, people: 320, launchDate: null });
  });

  it('reads every option from text', () => {
    expect(parseDemoOptions({ seed: 'acme', launch_days_ago: '30', people: '400', launch_date: '2026-01-15' })).toEqual({
      seed: 'acme',
      launchDaysAgo: 30,
      people: 400,
      launchDate: '2026-01-15',
    });
  });

  it.each([
    [{ people: 'many' }, 'option "people": expected a whole number from 30 to 100000, got "many"'],
    [{ people: '10' }, 'option "people": expected a whole number from 30 to 100000, got "10"'],
    [{ launch_days_ago: '-3' }, 'option "launch_days_ago": expected a whole number from 0 to 3650, got "-3"'],
    [{ launch_date: '2026-02-30' }, 'option "launch_date": expected a date as YYYY-MM-DD, got "2026-02-30"'],
    [{ seed: '  ' }, 'option "seed": must not be empty, got "  "'],
    [{ colour: 'red' }, 'unknown option "colour" (known: seed, launch_days_ago, people, launch_date)'],
  ])('rejects %j naming the option', (options, message) => {
    const attempt = () => parseDemoOptions(options as Record<string, string>);
    expect(attempt).toThrow(ConnectorError);
    expect(attempt).toThrow(`demo connection: ${message}`);
  });

  it('names every bad option at once', () => {
    expect(() => parseDemoOptions({ people: 'x', launch_date: 'soon' })).toThrow(
      'demo connection: option "people": expected a whole number from 30 to 100000, got "x"; option "launch_date": expected a date as YYYY-MM-DD, got "soon"',
    );
  });
});
